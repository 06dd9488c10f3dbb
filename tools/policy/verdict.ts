import { Plan } from "../offline/planTypes";
import { checkPlan, hasMandatoryViolation, Violation } from "./checkPlan";
import { defaultPackConfig } from "./defaultPackConfig";
import { PackConfig } from "./packConfig";
import { renderViolations } from "./report";

export interface PolicyVerdict {
    violations: Violation[];
    /** True when the plan would be stopped by `pulumi preview/up --policy-pack`. */
    blocked: boolean;
    /** The human-readable report `npm run policy:check` prints. */
    text: string;
}

/** The pack's verdict on a plan, with the stack's committed pack config unless another is given. */
export async function policyVerdict(stack: string, plan: Plan, packConfig: PackConfig = defaultPackConfig(stack)): Promise<PolicyVerdict> {
    const violations = await checkPlan(plan, packConfig);
    return { violations, blocked: hasMandatoryViolation(violations), text: renderViolations(stack, plan, violations) };
}
