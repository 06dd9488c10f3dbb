/**
 * The cost estimate of a plan: the plan's resources priced by components/cost (the model the program's budget
 * uses), grouped by top-level component for the text form, per resource for `--json`.
 */
import { StackConfig } from "../config/types";
import {
    budgetAmount, BUDGET_ALERTS, budgetRecipients, CostedResource, CostLine, Estimate, estimateCosts, ResourceCost,
    usageOverTime, usd,
} from "../components/cost";
import { Plan, PlannedResource } from "./offline/planTypes";

export function costedResources(plan: Plan): CostedResource[] {
    return plan.resources.map((resource) => ({
        type: resource.type, name: resource.name, custom: resource.custom, remote: resource.remote,
        inputs: resource.inputs, outputs: resource.outputs,
    }));
}

export function planEstimate(plan: Plan, config: StackConfig): Estimate {
    return estimateCosts(costedResources(plan), config);
}

/** The component right under the stack that holds `resource` (its own name for a top-level one). */
export function topLevelComponent(plan: Plan, resource: PlannedResource): string {
    const byUrn = new Map(plan.resources.map((candidate) => [candidate.urn, candidate]));
    let current = resource;
    for (let parent = byUrn.get(current.parent ?? ""); parent && parent.type !== "pulumi:pulumi:Stack"; parent = byUrn.get(parent.parent ?? "")) {
        current = parent;
    }
    return current.type === "pulumi:pulumi:Stack" ? "(stack)" : current.name;
}

export function componentTotals(plan: Plan, estimate: Estimate): Map<string, number> {
    const totals = new Map<string, number>();
    plan.resources.forEach((resource, index) => {
        const monthly = estimate.resources[index].monthly;
        if (estimate.resources[index].cost.status !== "priced") return;
        const component = topLevelComponent(plan, resource);
        totals.set(component, (totals.get(component) ?? 0) + monthly);
    });
    return totals;
}

const LINE_WIDTH = 100;

function row(indent: string, text: string, amount: number): string {
    const money = usd(amount);
    return `${indent}${text}`.padEnd(Math.max(LINE_WIDTH - money.length, indent.length + text.length + 2)) + money;
}

function lineRows(indent: string, lines: readonly CostLine[]): string[] {
    return lines.map((line) => row(indent, `${line.label}: ${line.basis}${line.missingPrice ? "  [NOT PRICED]" : ""}`, line.monthly));
}

export function renderEstimate(plan: Plan, estimate: Estimate, config: StackConfig): string {
    const out: string[] = [];
    const a = estimate.assumptions;
    out.push(`Monthly cost estimate of stack "${plan.stack}" in ${estimate.region}, month ${estimate.month} of operation`);
    out.push(`Prices: components/cost/awsPrices.json, on-demand list prices as of ${estimate.priceTable.asOf} (AWS Price List offer files and pricing pages; npm run prices:refresh updates them)`);
    if (!estimate.regionPriced) out.push(`  ${estimate.region} is not in the price table: no figure below is priced.`);
    out.push("", "Fixed costs, by component:");
    const totals = componentTotals(plan, estimate);
    for (const [component, total] of [...totals].sort((x, y) => y[1] - x[1])) {
        out.push(row("  ", component, total));
        plan.resources.forEach((resource, index) => {
            const cost = estimate.resources[index].cost;
            if (cost.status === "priced" && topLevelComponent(plan, resource) === component) out.push(...lineRows("      ", cost.lines.map((line) => ({ ...line, label: `${resource.name} ${line.label}` }))));
        });
    }
    out.push(row("  ", "Fixed total", estimate.fixedMonthly), "");
    out.push(`Usage costs (costAssumptions: ${a.studiesPerMonth} studies a month × ${a.mbPerStudy} MB, ${a.instancesPerStudy} instances a study, kept ${years(a.retentionYears)}; egress ${a.egressGbPerMonth} GB, NAT ${a.natGbPerMonth} GB, logs ${a.logGbPerMonth} GB a month):`);
    for (const area of [...new Set(estimate.usage.map((line) => line.area))]) {
        const lines = estimate.usage.filter((line) => line.area === area);
        out.push(row("  ", area, lines.reduce((sum, line) => sum + line.monthly, 0)), ...lineRows("      ", lines));
    }
    out.push(row("  ", "Usage total", estimate.usageMonthly), "");
    out.push(row("", `Total${estimate.complete ? "" : " (incomplete: see below)"}`, estimate.totalMonthly));
    const sampleYears = [...new Set([1, 3, a.retentionYears, a.retentionYears + 1].filter((year) => year <= a.retentionYears + 1))].sort((x, y) => x - y);
    const overTime = usageOverTime(config, sampleYears.map((year) => year * 12));
    out.push(`Usage as storage grows: ${overTime.map(({ month, usageMonthly }) => `month ${month} ${usd(usageMonthly)}`).join(", ")} (level once studies older than ${years(a.retentionYears)} are deleted)`);
    out.push(budgetText(estimate, config));
    if (!estimate.complete) {
        out.push("", "Not priced (left out of the total):");
        for (const entry of estimate.unpriced) out.push(`  ${entry.type} × ${entry.count}: ${entry.reason}`);
        for (const key of estimate.missingPrices) out.push(`  price "${key}" has no entry for ${estimate.region} in the price table`);
    }
    return out.join("\n");
}

function budgetText(estimate: Estimate, config: StackConfig): string {
    if (!config.budget.enabled) return "Budget: off (budget.enabled: false).";
    const amount = budgetAmount(estimate.totalMonthly, config.budget);
    const basis = config.budget.monthlyLimitUsd !== undefined ? "budget.monthlyLimitUsd" : `the estimate + budget.marginPercent ${config.budget.marginPercent} %`;
    const emails = budgetRecipients(config);
    const alerts = BUDGET_ALERTS.map((alert) => `${alert.threshold} % ${alert.notificationType.toLowerCase()}`).join(" and ");
    return `Budget: ${usd(amount)} a month (${basis}); ${emails.length > 0 ? `alerts at ${alerts} to ${emails.join(", ")}` : "no alert address configured: set alarms.email (or metadataPipeline.alarmEmail) to be alerted"}.`;
}

/** `--json`: the estimate per resource (in plan order) and in total. */
export function estimateDocument(plan: Plan, estimate: Estimate, config: StackConfig): Record<string, unknown> {
    return {
        region: estimate.region,
        priceTable: estimate.priceTable,
        month: estimate.month,
        assumptions: estimate.assumptions,
        fixedMonthly: round(estimate.fixedMonthly),
        usageMonthly: round(estimate.usageMonthly),
        totalMonthly: round(estimate.totalMonthly),
        complete: estimate.complete,
        unpriced: estimate.unpriced,
        missingPrices: estimate.missingPrices,
        components: Object.fromEntries([...componentTotals(plan, estimate)].map(([name, total]) => [name, round(total)])),
        usage: estimate.usage.map((line) => ({ ...line, monthly: round(line.monthly) })),
        budget: config.budget.enabled ? { monthlyLimitUsd: budgetAmount(estimate.totalMonthly, config.budget), emails: budgetRecipients(config) } : null,
    };
}

export function resourceCostDocument(cost: ResourceCost, monthly: number): Record<string, unknown> {
    if (cost.status === "priced") return { status: cost.status, monthly: round(monthly), lines: cost.lines.map((line) => ({ ...line, monthly: round(line.monthly) })) };
    return cost.status === "structural" ? { status: cost.status } : { status: cost.status, reason: cost.reason };
}

function years(count: number): string {
    return `${count} year${count === 1 ? "" : "s"}`;
}

function round(amount: number): number {
    return Math.round(amount * 100) / 100;
}
