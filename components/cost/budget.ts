import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { BudgetConfig } from "../../config/types";
import { budgetNotifications, stackCostFilter } from "./budgetSettings";
import { budgetAmount, Estimate } from "./estimate";

export interface StackBudgetArgs {
    settings: BudgetConfig;
    /** The stack's estimate: the amount defaults to its total plus `settings.marginPercent`. */
    estimate: pulumi.Output<Estimate>;
    /** The tags every resource of the stack carries (the provider's default tags): the budget counts their cost. */
    tags: Record<string, string>;
    /** Addresses alerted at 80 % of actual and 100 % of forecast spend; none = a budget without alerts. */
    emails: string[];
}

/**
 * An AWS Budgets monthly cost budget over the stack's tagged resources. Tag filters count only cost allocation
 * tags that are activated in the billing console (Billing → Cost allocation tags), once per account.
 */
export class StackBudget extends pulumi.ComponentResource {
    readonly budgetName: pulumi.Output<string>;
    /** The monthly amount the budget was given, USD. */
    readonly monthlyLimitUsd: pulumi.Output<number>;

    constructor(name: string, args: StackBudgetArgs, opts?: pulumi.ComponentResourceOptions) {
        super("orthanc-aws:cost:StackBudget", name, {}, opts);
        const amount = args.estimate.apply((estimate) => {
            if (args.settings.monthlyLimitUsd === undefined && !estimate.complete) {
                pulumi.log.warn(`The budget's default amount leaves out what the price table cannot price: ${unpricedSummary(estimate)}. Set budget.monthlyLimitUsd to fix the amount.`, this);
            }
            return budgetAmount(estimate.totalMonthly, args.settings);
        });
        const budget = new aws.budgets.Budget(`${name}-monthly`, {
            // Budget names are unique per account, not per region.
            name: `${name}-monthly`,
            budgetType: "COST",
            timeUnit: "MONTHLY",
            limitAmount: amount.apply((value) => value.toFixed(2)),
            limitUnit: "USD",
            filterExpression: stackCostFilter(args.tags),
            notifications: budgetNotifications(args.emails),
        }, { parent: this });
        this.budgetName = budget.name;
        this.monthlyLimitUsd = amount;
        this.registerOutputs({ budgetName: this.budgetName, monthlyLimitUsd: this.monthlyLimitUsd });
    }
}

function unpricedSummary(estimate: Estimate): string {
    return [...estimate.unpriced.map((entry) => `${entry.type} (${entry.reason})`), ...estimate.missingPrices.map((key) => `price "${key}"`)].join(", ");
}
