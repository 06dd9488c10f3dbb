import { namesEveryResource } from "./iamNoWildcardPermissions";
import { wildcardMatches } from "../../lib/wildcard";
import { identityStatementPolicy } from "./identityStatementPolicy";

/** The actions AWS Config iam-customer/inline-policy-blocked-kms-actions blocks on all keys (HIPAA pack defaults). */
export const BLOCKED_KMS_ACTIONS = ["kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo"];

/** `arn:aws:kms:<region>:<account>:key/*` and alias patterns name every key of an account. */
function namesEveryKey(resource: string): boolean {
    return namesEveryResource(resource) || /^arn:[^:]+:kms:[^:]*:[^:]*:(key|alias)\/\*$/.test(resource);
}

export const requireIamKmsDecryptScoped = identityStatementPolicy({
    name: "orthanc-iam-kms-decrypt-scoped",
    safeguard: "encryption",
    summary: "identity policies must not allow kms:Decrypt or kms:ReEncrypt* (directly or through a pattern such as "
        + "`kms:*`) on every KMS key: name the keys.",
    remediationSteps: "Scope Resource to the ARNs of the keys the workload uses.",
    problem: statement => {
        const blocked = BLOCKED_KMS_ACTIONS.filter(action => statement.actions.some(pattern => wildcardMatches(pattern, action)));
        const everyKey = statement.notResources.length > 0 || statement.resources.some(namesEveryKey);
        return blocked.length > 0 && everyKey ? `allows ${blocked.join(", ")} on every key` : undefined;
    },
});
