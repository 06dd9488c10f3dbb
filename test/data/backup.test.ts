import * as assert from "node:assert/strict";
import { Backup, BackedUpResource } from "../../components/backup";
import { DATA_KEY_ARN } from "./fixtures";
import { only, runUnderMocks } from "./mockProgram";

const DB_ARN = "arn:aws:rds:us-east-1:123456789012:db:orthanc";
const FS_ARN = "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-1";
const BUCKET_ARN = "arn:aws:s3:::orthanc-images";

function deploy(resources: BackedUpResource[], retentionDays: number, protect: boolean) {
    return runUnderMocks(() => new Backup("orthanc-prod-backup", {
        retentionDays, dataKeyArn: DATA_KEY_ARN, resources, protect,
    }));
}

describe("Backup component (mocks)", () => {
    it("encrypts a protected vault with the data key and backs up database and file system daily", async () => {
        const { registrations } = await deploy([{ arn: DB_ARN, kind: "rds" }, { arn: FS_ARN, kind: "efs" }], 35, true);
        const vault = only(registrations, "aws:backup/vault:Vault");
        assert.equal(vault.inputs.kmsKeyArn, DATA_KEY_ARN);
        assert.equal(vault.inputs.forceDestroy, false);
        assert.equal(vault.protect, true);
        const [rule] = only(registrations, "aws:backup/plan:Plan").inputs.rules;
        assert.equal(rule.targetVaultName, "orthanc-prod-backup-vault");
        assert.equal(rule.schedule, "cron(0 5 ? * * *)");
        assert.deepEqual(rule.lifecycle, { deleteAfter: 35 });
        const selection = only(registrations, "aws:backup/selection:Selection").inputs;
        assert.deepEqual(selection.resources, [DB_ARN, FS_ARN]);
        assert.equal(selection.planId, "orthanc-prod-backup-plan-id");
        assert.match(selection.iamRoleArn, /orthanc-prod-backup-role$/);
        const attachments = registrations.filter((r) => r.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment");
        assert.deepEqual(attachments.map((a) => a.inputs.policyArn), [
            "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
            "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
        ]);
        const trust = JSON.parse(only(registrations, "aws:iam/role:Role").inputs.assumeRolePolicy);
        assert.deepEqual(trust.Statement[0].Principal, { Service: "backup.amazonaws.com" });
    });

    it("follows the retention and protection of a dev stack, and adds S3 policies for a bucket", async () => {
        const { registrations } = await deploy([{ arn: DB_ARN, kind: "rds" }, { arn: BUCKET_ARN, kind: "s3" }], 7, false);
        assert.equal(only(registrations, "aws:backup/vault:Vault").protect, false);
        assert.deepEqual(only(registrations, "aws:backup/plan:Plan").inputs.rules[0].lifecycle, { deleteAfter: 7 });
        assert.deepEqual(only(registrations, "aws:backup/selection:Selection").inputs.resources, [DB_ARN, BUCKET_ARN]);
        const attachments = registrations.filter((r) => r.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment");
        assert.deepEqual(attachments.map((a) => a.name), [
            "orthanc-prod-backup-role-AWSBackupServiceRolePolicyForBackup",
            "orthanc-prod-backup-role-AWSBackupServiceRolePolicyForRestores",
            "orthanc-prod-backup-role-AWSBackupServiceRolePolicyForS3Backup",
            "orthanc-prod-backup-role-AWSBackupServiceRolePolicyForS3Restore",
        ]);
    });

    it("refuses an empty selection", async () => {
        await assert.rejects(deploy([], 7, false), { message: "Backup orthanc-prod-backup: no resources to back up." });
    });
});
