/**
 * AWS Backup for the PHI stores: a vault encrypted with the data key, a daily plan with the stack's retention,
 * and a selection of the database and the file store, run by a service role with AWS's backup policies.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    BACKUP_ASSUME_ROLE_POLICY, BackupResourceKind, backupServicePolicyArns, backupVaultName, dailyBackupRule,
    RECOVERY_POINT_DELETION_GUARD,
} from "./backupSettings";

export interface BackedUpResource {
    arn: pulumi.Input<string>;
    kind: BackupResourceKind;
}

export interface BackupArgs {
    /** Days each daily recovery point is kept (`backup.retentionDays`). */
    retentionDays: number;
    /** ARN of the data CMK: recovery points hold PHI. */
    dataKeyArn: pulumi.Input<string>;
    /** What to back up: the database and the file store (EFS file system or S3 bucket). */
    resources: BackedUpResource[];
    /**
     * Protect the vault in Pulumi (`protect`) so that `pulumi destroy` cannot delete it, and deny the deletion of
     * recovery points through a vault access policy.
     */
    protect: boolean;
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

    constructor(name: string, args: BackupArgs, opts?: pulumi.ComponentResourceOptions) {
        super("orthanc-aws:data:Backup", name, {}, opts);
        const partition = args.partition ?? "aws";
        if (args.resources.length === 0) {
            throw new Error(`Backup ${name}: no resources to back up.`);
        }
        const rule = dailyBackupRule(args.retentionDays);

        const vault = new aws.backup.Vault(`${name}-vault`, {
            name: backupVaultName(name),
            kmsKeyArn: args.dataKeyArn,
            forceDestroy: false,
        }, { parent: this, protect: args.protect });
        if (args.protect) {
            new aws.backup.VaultPolicy(`${name}-vault-policy`, {
                backupVaultName: vault.name,
                policy: JSON.stringify(RECOVERY_POINT_DELETION_GUARD),
            }, { parent: this });
        }
        const plan = new aws.backup.Plan(`${name}-plan`, {
            rules: [{ ...rule, targetVaultName: vault.name }],
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
        this.registerOutputs({
            vaultName: this.vaultName, vaultArn: this.vaultArn, planId: this.planId, roleArn: this.roleArn,
        });
    }
}
