import { Plan } from "../offline/planTypes";
import { checkPlan, hasMandatoryViolation, Violation } from "./checkPlan";
import { ChosenPackConfig, describePackConfig } from "./defaultPackConfig";
import { renderViolations } from "./report";

export interface PolicyVerdict {
    violations: Violation[];
    /** True when the plan would be stopped by `pulumi preview/up --policy-pack`. */
    blocked: boolean;
    /** The human-readable report: which pack config was used, then the violations. */
    text: string;
}

/** The pack's verdict on a plan under the chosen pack config (tools/policy/defaultPackConfig.ts). */
export async function policyVerdict(stack: string, plan: Plan, chosen: ChosenPackConfig): Promise<PolicyVerdict> {
    const violations = await checkPlan(plan, chosen.packConfig);
    return {
        violations,
        blocked: hasMandatoryViolation(violations),
        text: `${describePackConfig(chosen)}\n${renderViolations(stack, plan, violations)}`,
    };
}
