import * as assert from "node:assert/strict";
import { BackedUpResource, Backup } from "../../components/data/backup";
import type { Plan } from "../../tools/offline/planTypes";
import { evaluateComponents, ofType, single } from "../support/planQueries";
import { inputsOf, output, stackConfig } from "./planQueries";

const DATA_KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/data-key";
const DB_ARN = "arn:aws:rds:us-east-1:123456789012:db:orthanc";
const FS_ARN = "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-1";
const BUCKET_ARN = "arn:aws:s3:::orthanc-images";
const ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";

function deploy(stack: string, resources: BackedUpResource[]): Promise<Plan> {
    const config = stackConfig(stack);
    return evaluateComponents(() => {
        const backup = new Backup(`orthanc-${stack}-backup`, {
            retentionDays: config.backup.retentionDays, dataKeyArn: DATA_KEY_ARN, resources,
            protect: config.protectDataStores,
        });
        return { vaultName: backup.vaultName };
    }, stack);
}

describe("Backup component (mocks)", () => {
    let dev: Plan;
    let prod: Plan;
    before(async () => {
        dev = await deploy("dev", [{ arn: DB_ARN, kind: "rds" }, { arn: FS_ARN, kind: "efs" }]);
        prod = await deploy("prod", [{ arn: DB_ARN, kind: "rds" }, { arn: BUCKET_ARN, kind: "s3" }]);
    });

    it("encrypts the vault with the data key; protects it per config", () => {
        for (const [plan, stack] of [[dev, "dev"], [prod, "prod"]] as const) {
            const vault = single(plan, "aws:backup/vault:Vault");
            assert.deepEqual(vault.inputs,
                // An unprotected (dev) vault is emptied by `pulumi destroy`; a protected one is never deleted.
                { name: `orthanc-${stack}-backup-vault`, kmsKeyArn: DATA_KEY_ARN, forceDestroy: !stackConfig(stack).protectDataStores });
            assert.equal(vault.options.protect, stackConfig(stack).protectDataStores);
        }
    });

    it("denies deleting recovery points in a protected vault only", () => {
        const guard = single(prod, "aws:backup/vaultPolicy:VaultPolicy");
        assert.equal(guard.inputs.backupVaultName, "orthanc-prod-backup-vault");
        assert.deepEqual(JSON.parse(inputsOf(guard).policy).Statement, [{
            Sid: "DenyRecoveryPointDeletion", Effect: "Deny", Principal: "*", Resource: "*",
            Action: ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle", "backup:PutBackupVaultAccessPolicy"],
        }]);
        assert.equal(ofType(dev, "aws:backup/vaultPolicy:VaultPolicy").length, 0);
    });

    it("backs up daily into the vault, keeping recovery points per the stack's retention", () => {
        for (const [plan, stack] of [[dev, "dev"], [prod, "prod"]] as const) {
            const [rule] = inputsOf(single(plan, "aws:backup/plan:Plan")).rules;
            assert.equal(rule.targetVaultName, `orthanc-${stack}-backup-vault`);
            assert.equal(rule.schedule, "cron(0 5 ? * * *)");
            assert.deepEqual(rule.lifecycle, { deleteAfter: stackConfig(stack).backup.retentionDays });
        }
        assert.ok(stackConfig("prod").backup.retentionDays > stackConfig("dev").backup.retentionDays);
    });

    it("selects the database and the file store, run by the backup role", () => {
        for (const [plan, fileStore] of [[dev, FS_ARN], [prod, BUCKET_ARN]] as const) {
            const selection = inputsOf(single(plan, "aws:backup/selection:Selection"));
            assert.deepEqual(selection.resources, [DB_ARN, fileStore]);
            assert.equal(selection.planId, output(single(plan, "aws:backup/plan:Plan")));
            assert.equal(selection.iamRoleArn, output(single(plan, "aws:iam/role:Role"), "arn"));
            const attachments = ofType(plan, ATTACHMENT).map((attachment) => attachment.urn);
            assert.deepEqual(single(plan, "aws:backup/selection:Selection").options.dependsOn.filter((urn) =>
                attachments.includes(urn)), attachments);
        }
    });

    it("gives the role AWS's backup service policies, the S3 ones only for a bucket", () => {
        const trust = JSON.parse(inputsOf(single(dev, "aws:iam/role:Role")).assumeRolePolicy);
        assert.deepEqual(trust.Statement, [
            { Effect: "Allow", Principal: { Service: "backup.amazonaws.com" }, Action: "sts:AssumeRole" },
        ]);
        assert.deepEqual(ofType(dev, ATTACHMENT).map((a) => a.inputs.policyArn), [
            "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
            "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
        ]);
        assert.deepEqual(ofType(prod, ATTACHMENT).map((a) => a.name), [
            "orthanc-prod-backup-role-AWSBackupServiceRolePolicyForBackup",
            "orthanc-prod-backup-role-AWSBackupServiceRolePolicyForRestores",
            "orthanc-prod-backup-role-AWSBackupServiceRolePolicyForS3Backup",
            "orthanc-prod-backup-role-AWSBackupServiceRolePolicyForS3Restore",
        ]);
    });

    it("refuses an empty selection", async () => {
        await assert.rejects(deploy("dev", []), /Backup orthanc-dev-backup: no resources to back up\./);
    });
});
