import { StackValidationPolicy } from "@pulumi/policy";
import { ownAccounts } from "../../lib/accounts";
import { safeguard } from "../../lib/hipaa";
import {
    Scope, documentConditionAccounts, documentResourceArns, grantDocuments, grantResourceProblems, statementProblem,
} from "../../lib/resourcePolicies";
import { forEachDecidable } from "../../lib/validate";
import { asRecord } from "../../lib/values";

export interface ResourcePolicyScopeConfig {
    /** The accounts the stack's resources may be shared with; empty: the accounts its own resource ARNs name. */
    accountIds?: string[];
    /** AWS Organizations ids accepted in `aws:PrincipalOrgID` / `aws:SourceOrgID` conditions. */
    organizationIds?: string[];
}

/**
 * One check for every resource-based grant the provider accepts: any property named like a policy that holds an IAM
 * document (KMS key policies, bucket/queue/topic/secret/repository/vault/file-system policies, role trust policies,
 * and those of resource types the program adds later), Lambda permissions and function URLs, KMS grants.
 */
export const requireResourcePoliciesAccountScoped: StackValidationPolicy = {
    name: "orthanc-resource-policies-account-scoped",
    ...safeguard("accessControl", "critical", "resource-based policies must grant only principals of the stack's "
        + "accounts: no `*` or service principal without a condition naming the account (aws:SourceAccount, "
        + "aws:SourceArn, kms:CallerAccount, aws:PrincipalOrgID), no foreign account, no NotPrincipal, no public "
        + "Lambda permission or function URL."),
    remediationSteps: "Name the account's roles as principals, or add `\"Condition\": {\"StringEquals\": "
        + "{\"aws:SourceAccount\": \"<account>\"}}` to statements for `*` and AWS service principals; use "
        + "`authorizationType: \"AWS_IAM\"` on function URLs. List shared accounts in the policy's `accountIds`.",
    configSchema: {
        properties: {
            accountIds: { type: "array", items: { type: "string", pattern: "^\\d{12}$" }, default: [] },
            organizationIds: { type: "array", items: { type: "string", pattern: "^o-[a-z0-9]{10,32}$" }, default: [] },
        },
    },
    validateStack: (args, reportViolation) => {
        const config = args.getConfig<ResourcePolicyScopeConfig>();
        const scope: Scope = {
            accounts: ownAccounts(args.resources, config.accountIds, documentResourceArns, documentConditionAccounts),
            organizations: config.organizationIds ?? [],
        };
        forEachDecidable(args.resources.filter(r => r.type.startsWith("aws:")), resource => {
            const props = asRecord(resource.props);
            const problems = grantDocuments(resource.type, props).flatMap(({ property, statements, trust }) =>
                statements.flatMap((statement, index) => {
                    const problem = statementProblem(statement, trust, scope);
                    return problem === undefined ? [] : [`${property} statement ${index} ${problem}`];
                }));
            problems.push(...grantResourceProblems(resource.type, props, scope));
            for (const problem of problems) {
                reportViolation(`'${resource.name}' ${problem}.`, resource.urn);
            }
        });
    },
};
