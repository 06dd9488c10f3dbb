/** Pure settings of the stack budget: which costs it counts and whom it alerts. */
import type * as aws from "@pulumi/aws";
import { StackConfig } from "../../config/types";

/** Alerts: 80 % of the amount actually spent, and a forecast reaching 100 % before the month ends. */
export const BUDGET_ALERTS = [
    { threshold: 80, notificationType: "ACTUAL" },
    { threshold: 100, notificationType: "FORECASTED" },
] as const;

/** The default tags that tell one deployment from another (config/tags.ts); the others are the same everywhere. */
export const IDENTIFYING_TAGS = ["Namespace", "Project", "Stack"] as const;

/** The stack's cost: resources carrying all its identifying tags (AND), so a "prod" of another project does not count. */
export function stackCostFilter(tags: Record<string, string>): aws.types.input.budgets.BudgetFilterExpression {
    const missing = IDENTIFYING_TAGS.filter((key) => tags[key] === undefined);
    if (missing.length > 0) throw new Error(`the stack budget needs the default tags ${missing.join(", ")}`);
    return { ands: IDENTIFYING_TAGS.map((key) => ({ tags: { key, values: [tags[key]], matchOptions: ["EQUALS"] } })) };
}

export function budgetNotifications(emails: readonly string[]): aws.types.input.budgets.BudgetNotification[] {
    if (emails.length === 0) return [];
    return BUDGET_ALERTS.map(({ threshold, notificationType }) => ({
        comparisonOperator: "GREATER_THAN",
        threshold,
        thresholdType: "PERCENTAGE",
        notificationType,
        subscriberEmailAddresses: [...emails],
    }));
}

/** Who hears about the budget: the stack's alarm address (`alarms.email`, which also takes the pipeline's old one). */
export function budgetRecipients(config: Pick<StackConfig, "alarms">): string[] {
    return config.alarms.email ? [config.alarms.email] : [];
}
