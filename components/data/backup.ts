/**
 * AWS Backup for the PHI stores: a vault encrypted with the data key, a daily plan with the stack's retention, a
 * selection of every PHI store (database, file store, header table), optionally a copy of each recovery point into
 * a vault of a second region (created here, with its own key) or of another account, and Vault Lock when protected.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    BACKUP_ASSUME_ROLE_POLICY, BackupResourceKind, backupServicePolicyArns, backupVaultName, copyAction, dailyBackupRule,
    RECOVERY_POINT_DELETION_GUARD, vaultLockSettings,
} from "./backupSettings";

export interface BackedUpResource {
    arn: pulumi.Input<string>;
    kind: BackupResourceKind;
}

export interface BackupCopyArgs {
    /** Region of a vault created here (with its own KMS key) for the copies. */
    region?: string;
    /** An existing vault (typically another account's, which must admit `backup:CopyIntoBackupVault`). */
    vaultArn?: string;
    retentionDays: number;
    /** Default tags of the stack, for the second region's provider. */
    tags: Record<string, string>;
}

export interface BackupArgs {
    /** Days each daily recovery point is kept (`backup.retentionDays`). */
    retentionDays: number;
    /** ARN of the data CMK: recovery points hold PHI. */
    dataKeyArn: pulumi.Input<string>;
    /** What to back up: every PHI store of the stack. */
    resources: BackedUpResource[];
    /**
     * Protect the vaults in Pulumi (`protect`) so that `pulumi destroy` cannot delete them, and deny the deletion of
     * recovery points through a vault access policy. Unprotected vaults are force-destroyed with their recovery points.
     */
    protect: boolean;
    /** A copy of every recovery point elsewhere. @default none */
    copy?: BackupCopyArgs;
    /** Vault Lock of the vaults. @default "none" */
    vaultLock?: "none" | "governance" | "compliance";
    /**
     * AWS partition of the managed policy ARNs.
     * @default "aws"
     */
    partition?: string;
}

export class Backup extends pulumi.ComponentResource {
    public readonly vaultName: pulumi.Output<string>;
    public readonly vaultArn: pulumi.Output<string>;
    public readonly planId: pulumi.Output<string>;
    public readonly roleArn: pulumi.Output<string>;
    /** The vault copies go to, when `copy` is set. */
    public readonly copyVaultArn: pulumi.Output<string | undefined>;

    constructor(name: string, args: BackupArgs, opts?: pulumi.ComponentResourceOptions) {
        super("orthanc-aws:data:Backup", name, {}, opts);
        const partition = args.partition ?? "aws";
        if (args.resources.length === 0) {
            throw new Error(`Backup ${name}: no resources to back up.`);
        }
        const rule = dailyBackupRule(args.retentionDays);

        const vault = this.vault(`${name}-vault`, backupVaultName(name), args.dataKeyArn, args, args.retentionDays, { parent: this });
        const copyVaultArn = this.copyDestination(name, args);
        const plan = new aws.backup.Plan(`${name}-plan`, {
            rules: [{
                ...rule,
                targetVaultName: vault.name,
                copyActions: copyVaultArn === undefined ? [] : [pulumi.output(copyVaultArn).apply((destinationVaultArn) =>
                    copyAction({ destinationVaultArn, retentionDays: args.copy!.retentionDays }))],
            }],
        }, { parent: this });

        const role = new aws.iam.Role(`${name}-role`, {
            assumeRolePolicy: JSON.stringify(BACKUP_ASSUME_ROLE_POLICY),
            description: "AWS Backup service role of the Orthanc data stores",
        }, { parent: this });
        const kinds = [...new Set(args.resources.map((resource) => resource.kind))];
        const attachments = backupServicePolicyArns(kinds, partition).map((policyArn) =>
            new aws.iam.RolePolicyAttachment(`${name}-role-${policyArn.split("/").pop()}`, {
                role: role.name,
                policyArn,
            }, { parent: this }));

        new aws.backup.Selection(`${name}-selection`, {
            // Unique within the plan is enough; a fixed name stays within AWS's 50 characters.
            name: "phi-stores",
            planId: plan.id,
            iamRoleArn: role.arn,
            resources: args.resources.map((resource) => resource.arn),
        }, { parent: this, dependsOn: attachments });

        this.vaultName = vault.name;
        this.vaultArn = vault.arn;
        this.planId = plan.id;
        this.roleArn = role.arn;
        this.copyVaultArn = pulumi.output(copyVaultArn);
        this.registerOutputs({
            vaultName: this.vaultName, vaultArn: this.vaultArn, planId: this.planId, roleArn: this.roleArn, copyVaultArn: this.copyVaultArn,
        });
    }

    /** A vault with the stack's protection: `protect` and the deletion guard, or force-destroyed; locked if asked. */
    private vault(name: string, vaultName: string, keyArn: pulumi.Input<string>, args: BackupArgs, minRetentionDays: number, opts: pulumi.CustomResourceOptions): aws.backup.Vault {
        const vault = new aws.backup.Vault(name, {
            name: vaultName,
            kmsKeyArn: keyArn,
            // Only an unprotected stack's vault is emptied by `pulumi destroy`; a protected one is never deleted.
            forceDestroy: !args.protect,
        }, { ...opts, protect: args.protect });
        if (args.protect) {
            new aws.backup.VaultPolicy(`${name}-policy`, {
                backupVaultName: vault.name,
                policy: JSON.stringify(RECOVERY_POINT_DELETION_GUARD),
            }, { ...opts, protect: false });
        }
        if (args.vaultLock !== undefined && args.vaultLock !== "none") {
            new aws.backup.VaultLockConfiguration(`${name}-lock`, {
                backupVaultName: vault.name,
                ...vaultLockSettings(args.vaultLock, minRetentionDays),
            }, { ...opts, protect: args.protect });
        }
        return vault;
    }

    /** The copy destination: a vault of ours in the second region (own provider and key), or the configured vault. */
    private copyDestination(name: string, args: BackupArgs): pulumi.Input<string> | undefined {
        const copy = args.copy;
        if (copy === undefined) return undefined;
        if (copy.vaultArn !== undefined) return copy.vaultArn;
        if (copy.region === undefined) throw new Error(`Backup ${name}: a copy needs a region or a vault ARN.`);
        const provider = new aws.Provider(`${name}-copy-provider`, { region: copy.region as aws.Region, defaultTags: { tags: copy.tags } }, { parent: this });
        const inRegion = { parent: this, provider };
        const key = new aws.kms.Key(`${name}-copy-key`, {
            description: `Copies of the Orthanc stack's recovery points (${copy.region})`,
            enableKeyRotation: true,
            deletionWindowInDays: 30,
        }, { ...inRegion, protect: args.protect });
        new aws.kms.Alias(`${name}-copy-key-alias`, { name: `alias/${backupVaultName(name)}-copy`, targetKeyId: key.keyId }, inRegion);
        return this.vault(`${name}-copy-vault`, `${backupVaultName(name)}-copy`, key.arn, args, copy.retentionDays, inRegion).arn;
    }
}
