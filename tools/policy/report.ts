import { Plan } from "../offline/planTypes";
import { Violation } from "./checkPlan";

const LEVEL_ORDER = ["mandatory", "remediate", "advisory"];

/** The resource's `type::name` tail of its URN, short enough for a terminal line. */
function shortUrn(urn: string): string {
    const parts = urn.split("::");
    return parts.length >= 2 ? parts.slice(-2).join("::") : urn || "(stack)";
}

/** Human-readable verdict: violations grouped by level then policy, and a count line. */
export function renderViolations(stack: string, plan: Plan, violations: readonly Violation[]): string {
    const lines = [`Policy check of stack "${stack}" (${plan.resources.length} resources):`];
    const sorted = [...violations].sort((a, b) =>
        LEVEL_ORDER.indexOf(a.enforcementLevel) - LEVEL_ORDER.indexOf(b.enforcementLevel) || a.policy.localeCompare(b.policy));
    for (const violation of sorted) {
        lines.push(`  [${violation.enforcementLevel}] ${violation.policy}  ${shortUrn(violation.urn)}`);
        lines.push(`      ${violation.message}`);
    }
    const mandatory = violations.filter(v => v.enforcementLevel === "mandatory").length;
    lines.push(violations.length === 0
        ? "  no violations"
        : `  ${violations.length} violation(s), ${mandatory} mandatory`);
    return lines.join("\n");
}
