/** Readers of the cost settings: the estimate's `costAssumptions` and the stack's `budget`. */
import { PRICE_TABLE, pricedRegions } from "../components/cost";
import { ConfigProblems, SectionReader } from "./fields";
import { BudgetConfig, CostAssumptions } from "./types";

export const COST_ASSUMPTION_SETTINGS = [
    "studiesPerMonth", "mbPerStudy", "instancesPerStudy", "retentionYears", "estimateMonth",
    "egressGbPerMonth", "natGbPerMonth", "logGbPerMonth", "webRequestsPerMonth",
] as const;
export const BUDGET_SETTINGS = ["enabled", "monthlyLimitUsd", "marginPercent"] as const;

/** A small clinic: about 50 studies a working day of 100 MB (CR/DX to CT/MR mixed), kept 7 years. */
export function readCostAssumptions(section: SectionReader): CostAssumptions {
    section.rejectUnknown(COST_ASSUMPTION_SETTINGS);
    return {
        studiesPerMonth: section.integer("studiesPerMonth", 0, 10_000_000, 1000),
        mbPerStudy: section.integer("mbPerStudy", 1, 1_000_000, 100),
        instancesPerStudy: section.integer("instancesPerStudy", 1, 1_000_000, 200),
        retentionYears: section.integer("retentionYears", 1, 100, 7),
        estimateMonth: section.integer("estimateMonth", 1, 1200, 12),
        egressGbPerMonth: section.integer("egressGbPerMonth", 0, 100_000_000, 100),
        natGbPerMonth: section.integer("natGbPerMonth", 0, 100_000_000, 20),
        logGbPerMonth: section.integer("logGbPerMonth", 0, 100_000_000, 5),
        webRequestsPerMonth: section.integer("webRequestsPerMonth", 0, 1_000_000_000_000, 1_000_000),
    };
}

export function readBudget(section: SectionReader): BudgetConfig {
    section.rejectUnknown(BUDGET_SETTINGS);
    const monthlyLimitUsd = section.has("monthlyLimitUsd") ? section.integer("monthlyLimitUsd", 1, 100_000_000, 1) : undefined;
    return {
        enabled: section.boolean("enabled", true),
        ...(monthlyLimitUsd !== undefined ? { monthlyLimitUsd } : {}),
        marginPercent: section.integer("marginPercent", 0, 1000, 20),
    };
}

/** Without a price table for the region the budget has no default: the user must give the amount. */
export function checkBudgetRegion(budget: BudgetConfig, region: string, problems: ConfigProblems): void {
    if (!budget.enabled || budget.monthlyLimitUsd !== undefined || region === "" || PRICE_TABLE.regions[region] !== undefined) return;
    problems.add("budget.monthlyLimitUsd", `is required in ${region}: the price table (components/cost/awsPrices.json, as of ${PRICE_TABLE.asOf}) has prices for ${pricedRegions().join(", ")} only, so the estimate cannot set the budget; set the amount, run \`npm run prices:refresh -- --region ${region}\` where the AWS price list is reachable, or set budget.enabled: false`);
}
