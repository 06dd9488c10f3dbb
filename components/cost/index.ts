/** Cost: the price table, the estimate (pure), the program's resource recorder and the stack budget. */
export { StackBudget } from "./budget";
export { BUDGET_ALERTS, budgetRecipients } from "./budgetSettings";
export { usd } from "./costLines";
export type { CostLine } from "./costLines";
export { budgetAmount, estimateCosts, usageOverTime } from "./estimate";
export type { Estimate } from "./estimate";
export { PRICE_TABLE, pricedRegions } from "./priceTable";
export { PRICED_INPUTS, pricedInputs } from "./pricedInputs";
export type { PriceEntry, PriceTable } from "./priceTable";
export { ResourceRecorder } from "./resourceRecorder";
export type { CostedResource, ResourceCost } from "./resourceTypes";
