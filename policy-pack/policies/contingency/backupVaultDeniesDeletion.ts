import { StackValidationPolicy } from "@pulumi/policy";
import { settingsFor } from "../../lib/correlate";
import { safeguard } from "../../lib/hipaa";
import { parsePolicyDocument } from "../../lib/policyDocument";
import { BACKUP_VAULT, BACKUP_VAULT_LOCK, BACKUP_VAULT_POLICY } from "../../lib/resourceTypes";
import { forEachDecidable, resourcesOfTypes, validateStackOfTypes } from "../../lib/validate";
import { wildcardMatches } from "../../lib/wildcard";

/**
 * AWS Config backup-recovery-point-manual-deletion-disabled: the vault's access policy denies
 * `backup:DeleteRecoveryPoint` to every principal, or a vault lock holds the recovery points.
 */
export const requireBackupVaultDeniesDeletion: StackValidationPolicy = {
    name: "orthanc-backup-vault-denies-deletion",
    ...safeguard("contingencyPlan", "high", "every backup vault must deny `backup:DeleteRecoveryPoint` to every "
        + "principal in its access policy, or be locked (aws.backup.VaultLockConfiguration)."),
    remediationSteps: "Add `aws.backup.VaultPolicy` with a Deny of `backup:DeleteRecoveryPoint` for Principal \"*\".",
    validateStack: validateStackOfTypes(BACKUP_VAULT, (vaults, args, reportViolation) => {
        const policies = resourcesOfTypes(args, BACKUP_VAULT_POLICY);
        const locks = resourcesOfTypes(args, BACKUP_VAULT_LOCK);
        forEachDecidable(vaults, vault => {
            if (settingsFor(vault, locks, "backupVaultName", ["name"]).length > 0) {
                return;
            }
            const denies = settingsFor(vault, policies, "backupVaultName", ["name"]).some(policy =>
                (parsePolicyDocument(policy.props.policy) ?? []).some(s => s.effect === "Deny" && s.principals.includes("*")
                    && s.actions.some(a => wildcardMatches(a, "backup:DeleteRecoveryPoint"))));
            if (!denies) {
                reportViolation(`Backup vault '${vault.name}' lets principals delete recovery points (no Deny of backup:DeleteRecoveryPoint, no vault lock).`, vault.urn);
            }
        });
    }),
};
