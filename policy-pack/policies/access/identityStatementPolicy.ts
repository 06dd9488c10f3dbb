import { ResourceValidationPolicy } from "@pulumi/policy";
import { Safeguard, safeguard } from "../../lib/hipaa";
import { PolicyStatement, parsePolicyDocument } from "../../lib/policyDocument";
import { IAM_INLINE_POLICY, IAM_POLICY, IAM_ROLE } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";
import { identityDocuments } from "./iamNoWildcardPermissions";

export interface IdentityStatementPolicyArgs {
    name: string;
    safeguard: Safeguard;
    summary: string;
    remediationSteps: string;
    /** Why an Allow statement breaks the rule, or undefined. */
    problem: (statement: PolicyStatement) => string | undefined;
}

/** A policy over every statement of every identity policy (managed, inline, a role's `inlinePolicies`). */
export function identityStatementPolicy(policy: IdentityStatementPolicyArgs): ResourceValidationPolicy {
    return {
        name: policy.name,
        ...safeguard(policy.safeguard, "high", policy.summary),
        remediationSteps: policy.remediationSteps,
        validateResource: validateResourceOfTypes([...IAM_POLICY, ...IAM_INLINE_POLICY, ...IAM_ROLE], (props, args, reportViolation) => {
            for (const { label, document } of identityDocuments(args.type, props)) {
                (parsePolicyDocument(document) ?? []).forEach((statement, index) => {
                    const problem = statement.effect === "Allow" ? policy.problem(statement) : undefined;
                    if (problem !== undefined) {
                        reportViolation(`'${args.name}' ${label} statement ${index} ${problem}.`);
                    }
                });
            }
        }),
    };
}
