/**
 * The monthly cost estimate of a stack: each resource priced from its type and inputs, plus the usage lines from
 * the stack's `costAssumptions`. The offline plan prints it; the program sets its budget from the same function
 * over the resources it registers, so both give one number.
 */
import { BudgetConfig, CostAssumptions, StackConfig } from "../../config/types";
import { sumLines } from "./costLines";
import { INFRASTRUCTURE_PRICERS } from "./infrastructurePricing";
import { OPERATIONS_PRICERS } from "./operationsPricing";
import { PRICE_TABLE, PriceTable, RegionPrices } from "./priceTable";
import { CostedResource, Pricer, PricingContext, ResourceCost } from "./resourceTypes";
import { unchargedReason } from "./unchargedTypes";
import { UsageLine, usageCosts } from "./usagePricing";

const PRICERS: Record<string, Pricer> = { ...INFRASTRUCTURE_PRICERS, ...OPERATIONS_PRICERS };
/** Resource types with a price model of their own. */
export const PRICED_TYPES: readonly string[] = Object.keys(PRICERS);

export interface ResourceEstimate {
    type: string;
    name: string;
    cost: ResourceCost;
    monthly: number;
}

export interface UnpricedType {
    type: string;
    count: number;
    reason: string;
}

export interface Estimate {
    region: string;
    /** False when the table has no prices at all for the region: every figure is then missing. */
    regionPriced: boolean;
    priceTable: { asOf: string; source: string };
    month: number;
    assumptions: CostAssumptions;
    /** In the order given. */
    resources: ResourceEstimate[];
    usage: UsageLine[];
    fixedMonthly: number;
    usageMonthly: number;
    totalMonthly: number;
    /** Cloud resource types the model does not price (a new kind of resource, a remote component's children). */
    unpriced: UnpricedType[];
    /** Price-table keys needed but absent for the region (an instance type not in the table, ...). */
    missingPrices: string[];
    /** True when nothing is unpriced or missing: the total is then the whole estimate. */
    complete: boolean;
}

export function priceResource(resource: CostedResource, context: PricingContext): ResourceCost {
    const pricer = PRICERS[resource.type];
    if (pricer) return pricer(resource, context);
    if (!resource.custom && !resource.remote) return { status: "structural" };
    return unchargedReason(resource.type)
        ?? { status: "unpriced", reason: resource.remote ? "a remote component: its children are invisible to the program" : "no price model for this type" };
}

export function estimateCosts(resources: readonly CostedResource[], config: StackConfig, priceTable: PriceTable = PRICE_TABLE, month = config.costAssumptions.estimateMonth): Estimate {
    const prices = new RegionPrices(config.region, priceTable);
    const context: PricingContext = { prices, resources, assumptions: config.costAssumptions };
    const priced = resources.map((resource) => {
        const cost = priceResource(resource, context);
        return { type: resource.type, name: resource.name, cost, monthly: cost.status === "priced" ? sumLines(cost.lines) : 0 };
    });
    const usage = usageCosts(config, prices, month);
    const unpriced = new Map<string, UnpricedType>();
    for (const { type, cost } of priced) {
        if (cost.status !== "unpriced") continue;
        const entry = unpriced.get(type) ?? { type, count: 0, reason: cost.reason };
        entry.count += 1;
        unpriced.set(type, entry);
    }
    const fixedMonthly = priced.reduce((sum, resource) => sum + resource.monthly, 0);
    const usageMonthly = sumLines(usage);
    const missingPrices = [...prices.missing].sort();
    return {
        region: config.region,
        regionPriced: prices.regionPriced,
        priceTable: { asOf: priceTable.asOf, source: priceTable.source },
        month,
        assumptions: config.costAssumptions,
        resources: priced,
        usage,
        fixedMonthly,
        usageMonthly,
        totalMonthly: fixedMonthly + usageMonthly,
        unpriced: [...unpriced.values()].sort((a, b) => a.type.localeCompare(b.type)),
        missingPrices,
        complete: unpriced.size === 0 && missingPrices.length === 0,
    };
}

/** The usage part at other months of operation (storage and backups grow until the retention is reached). */
export function usageOverTime(config: StackConfig, months: readonly number[], priceTable: PriceTable = PRICE_TABLE): { month: number; usageMonthly: number }[] {
    const prices = new RegionPrices(config.region, priceTable);
    return months.map((month) => ({ month, usageMonthly: sumLines(usageCosts(config, prices, month)) }));
}

/** The budget's monthly amount: the configured one, else the estimate plus the margin, in whole dollars. */
export function budgetAmount(totalMonthly: number, budget: BudgetConfig): number {
    return budget.monthlyLimitUsd ?? Math.ceil(totalMonthly * (1 + budget.marginPercent / 100));
}
