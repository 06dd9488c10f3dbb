import { wildcardMatches } from "../../lib/wildcard";
import { identityStatementPolicy } from "./identityStatementPolicy";

/** A role ARN with a literal name: `arn:aws:iam::<account>:role/<path/>name`, no wildcard in account or name. */
const NAMED_ROLE = /^arn:aws[a-z-]*:iam::\d{12}:role\/[^*?]+$/;

/** iam:PassRole hands a role to a service; on a wildcard, any role of the account can be handed, admins included. */
export const requireIamPassRoleScoped = identityStatementPolicy({
    name: "orthanc-iam-pass-role-scoped",
    safeguard: "accessControl",
    summary: "identity policies may allow `iam:PassRole` (or an action pattern covering it) only on named roles of "
        + "the account, never on `*`, a wildcard or NotResource.",
    remediationSteps: "List the ARNs of the roles the workload passes (`arn:aws:iam::<account>:role/<name>`).",
    problem: statement => {
        if (!statement.actions.some(action => wildcardMatches(action, "iam:PassRole"))) {
            return undefined;
        }
        if (statement.notResources.length > 0) {
            return "allows iam:PassRole with NotResource";
        }
        const unnamed = statement.resources.filter(resource => !NAMED_ROLE.test(resource));
        return unnamed.length > 0 ? `allows iam:PassRole on ${unnamed.map(r => `"${r}"`).join(", ")}, not a named role` : undefined;
    },
});
