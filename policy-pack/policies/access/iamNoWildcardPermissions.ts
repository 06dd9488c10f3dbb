import { ResourceValidationPolicy } from "@pulumi/policy";
import { safeguard } from "../../lib/hipaa";
import { PolicyStatement, parsePolicyDocument } from "../../lib/policyDocument";
import { IAM_INLINE_POLICY, IAM_POLICY, IAM_ROLE } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";
import { asArray, asRecord, asString } from "../../lib/values";

/** A resource part made only of wildcards and separators (`*`, `*:*`, every object of every bucket) names every resource. */
const WILDCARD_ONLY = /^[*?/:]*\*[*?/:]*$/;

/**
 * True when a Resource entry names every resource: `*`, or an ARN pattern whose resource part is wildcards only
 * (`arn:aws:s3:::*`, `arn:aws:dynamodb:*:*:*`, `arn:*:s3:::*`), or that ends in a wildcard before reaching its
 * resource part (`arn:*`, `arn:aws:*`, `arn:aws:s3:*`).
 */
export function namesEveryResource(resource: string): boolean {
    if (resource === "*") {
        return true;
    }
    const parts = resource.split(":");
    if (parts[0].toLowerCase() !== "arn") {
        return false;
    }
    if (parts.length < 6) {
        return parts[parts.length - 1] === "*";
    }
    return WILDCARD_ONLY.test(parts.slice(5).join(":"));
}

/** Why an Allow statement is too broad, or undefined when it is scoped. */
export function wildcardProblem(statement: PolicyStatement): string | undefined {
    if (statement.effect !== "Allow") {
        return undefined;
    }
    if (statement.actions.includes("*")) {
        return "allows Action \"*\"";
    }
    if (statement.notActions.length > 0) {
        return "allows everything but NotAction";
    }
    const everything = statement.resources.filter(namesEveryResource);
    const onEverything = everything.length > 0 || statement.notResources.length > 0;
    const serviceWide = statement.actions.filter(action => /^[a-z0-9-]+:\*$/i.test(action));
    if (onEverything && serviceWide.length > 0) {
        const resources = everything.length > 0 ? everything : ["*"];
        return `allows ${serviceWide.join(", ")} on Resource ${resources.map(r => `"${r}"`).join(", ")}`;
    }
    return undefined;
}

/** The identity-policy documents a resource carries: its `policy`, or a role's `inlinePolicies[].policy`. */
export function identityDocuments(type: string, props: Record<string, unknown>): { label: string; document: unknown }[] {
    if (IAM_ROLE.includes(type)) {
        return asArray(props.inlinePolicies).map(asRecord).map((inline, index) => ({
            label: `inline policy ${asString(inline.name) ?? `#${index}`}`, document: inline.policy,
        }));
    }
    return [{ label: "policy", document: props.policy }];
}

/**
 * Identity policies only: resource policies (KMS key policies) legitimately grant the account root `kms:*` on "*".
 */
export const forbidIamWildcardPermissions: ResourceValidationPolicy = {
    name: "orthanc-iam-no-wildcard-permissions",
    ...safeguard("accessControl", "critical", `IAM policies must not allow Action "*", NotAction, `
        + "or a whole service (`service:*`) on every resource: Resource \"*\" or an ARN pattern whose resource part is "
        + "only wildcards, e.g. `arn:aws:s3:::*` (least privilege)."),
    remediationSteps: "List the actions the workload calls and scope Resource to the ARNs it uses.",
    validateResource: validateResourceOfTypes([...IAM_POLICY, ...IAM_INLINE_POLICY, ...IAM_ROLE], (props, args, reportViolation) => {
        for (const { label, document } of identityDocuments(args.type, props)) {
            const statements = parsePolicyDocument(document);
            if (statements === undefined) {
                reportViolation(`'${args.name}' ${label} is not a JSON policy document.`);
                continue;
            }
            statements.forEach((statement, index) => {
                const problem = wildcardProblem(statement);
                if (problem !== undefined) {
                    reportViolation(`'${args.name}' ${label} statement ${index} ${problem}.`);
                }
            });
        }
    }),
};
