/** What the backup component decides: the daily rule and the AWS managed policies of its service role. */
import { serviceTrustPolicy } from "../security";

/** Kinds of resources AWS Backup protects here; S3 needs its own service policies. */
export type BackupResourceKind = "rds" | "efs" | "s3" | "dynamodb";

/** Daily at 05:00 UTC, after the default RDS backup window (03:00–04:00) so the two do not overlap. */
export const DAILY_BACKUP_SCHEDULE = "cron(0 5 ? * * *)";

/**
 * The vault's fixed, readable name (operators look recovery points up by it), `<component name>-vault`.
 * AWS allows 2–50 letters, digits, hyphens and underscores.
 */
export function backupVaultName(componentName: string): string {
    const vaultName = `${componentName}-vault`;
    if (!/^[A-Za-z0-9_-]{2,50}$/.test(vaultName)) {
        throw new Error(
            `Backup vault name "${vaultName}" is not valid: AWS allows 2–50 letters, digits, hyphens and ` +
            `underscores; use a shorter namespace or stack name.`);
    }
    return vaultName;
}

/** A plan rule without its vault, which is only known once the vault exists. */
export interface BackupRule {
    ruleName: string;
    schedule: string;
    /** Minutes AWS Backup may wait before starting the job. */
    startWindow: number;
    /** Minutes a started job may run before AWS Backup cancels it. */
    completionWindow: number;
    lifecycle: { deleteAfter: number };
    recoveryPointTags: Record<string, string>;
}

/** Where each recovery point is copied, and for how long the copy is kept. */
export interface BackupCopyTarget {
    destinationVaultArn: string;
    retentionDays: number;
}

/** The rule's copy action: AWS Backup copies every new recovery point into the destination vault. */
export function copyAction(target: BackupCopyTarget): { destinationVaultArn: string; lifecycle: { deleteAfter: number } } {
    return { destinationVaultArn: target.destinationVaultArn, lifecycle: { deleteAfter: target.retentionDays } };
}

/**
 * AWS Backup Vault Lock: no recovery point can be deleted or have its retention shortened below the plan's.
 * Governance mode can be removed by a principal allowed `backup:DeleteBackupVaultLockConfiguration`; compliance
 * mode becomes immutable after its grace time (3 days, the shortest AWS allows) — not even AWS can remove it.
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html
 */
export function vaultLockSettings(mode: "governance" | "compliance", minRetentionDays: number): { minRetentionDays: number; changeableForDays?: number } {
    return mode === "compliance" ? { minRetentionDays, changeableForDays: 3 } : { minRetentionDays };
}

/** The plan's single rule: a daily backup kept `retentionDays` days (`backup.retentionDays`, validated). */
export function dailyBackupRule(retentionDays: number): BackupRule {
    return {
        ruleName: "daily",
        schedule: DAILY_BACKUP_SCHEDULE,
        startWindow: 60,
        completionWindow: 480,
        lifecycle: { deleteAfter: retentionDays },
        recoveryPointTags: { BackupRule: "daily" },
    };
}

/**
 * AWS managed policies the backup service role needs for the kinds it protects. These are AWS's service-role
 * policies for backup and restore, not broad `*FullAccess` grants.
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/security-iam-awsmanpol.html
 */
export function backupServicePolicyArns(kinds: readonly BackupResourceKind[], partition: string): string[] {
    const arns = [
        `arn:${partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup`,
        `arn:${partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores`,
    ];
    if (kinds.includes("s3")) {
        arns.push(
            `arn:${partition}:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup`,
            `arn:${partition}:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore`,
        );
    }
    return arns;
}

/** The trust policy letting AWS Backup assume the service role. */
export const BACKUP_ASSUME_ROLE_POLICY = serviceTrustPolicy("backup.amazonaws.com");

/**
 * Vault access policy of a protected vault: nobody (root included) may delete recovery points, shorten their
 * retention or replace this policy through the AWS Backup API; AWS Backup still expires them on schedule.
 * These are the three actions AWS Config's `backup-recovery-point-manual-deletion-disabled` rule checks for.
 * Removing the policy (`DeleteBackupVaultAccessPolicy`, what `protectDataStores: false` does) stays possible.
 * https://docs.aws.amazon.com/config/latest/developerguide/backup-recovery-point-manual-deletion-disabled.html
 */
export const RECOVERY_POINT_DELETION_GUARD = {
    Version: "2012-10-17",
    Statement: [{
        Sid: "DenyRecoveryPointDeletion",
        Effect: "Deny",
        Principal: "*",
        Action: ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle", "backup:PutBackupVaultAccessPolicy"],
        Resource: "*",
    }],
} as const;
