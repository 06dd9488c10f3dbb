import * as assert from "node:assert/strict";
import { backupServicePolicyArns, backupVaultName, dailyBackupRule } from "../../components/data/backupSettings";

describe("backupSettings", () => {
    it("keeps each daily recovery point for the configured days", () => {
        assert.deepEqual(dailyBackupRule(35), {
            ruleName: "daily",
            schedule: "cron(0 5 ? * * *)",
            startWindow: 60,
            completionWindow: 480,
            lifecycle: { deleteAfter: 35 },
            recoveryPointTags: { BackupRule: "daily" },
        });
    });

    it("attaches AWS's backup and restore service policies, and the S3 ones only for S3", () => {
        assert.deepEqual(backupServicePolicyArns(["rds", "efs"], "aws"), [
            "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
            "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
        ]);
        assert.deepEqual(backupServicePolicyArns(["rds", "s3"], "aws-us-gov").slice(2), [
            "arn:aws-us-gov:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup",
            "arn:aws-us-gov:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore",
        ]);
    });

    it("names the vault after the component, within AWS's 50 characters", () => {
        assert.equal(backupVaultName("orthanc-prod-backup"), "orthanc-prod-backup-vault");
        const long = `${"n".repeat(20)}-staging-europe-west-backup`;
        assert.throws(() => backupVaultName(long), {
            message: `Backup vault name "${long}-vault" is not valid: AWS allows 2–50 letters, digits, hyphens and ` +
                "underscores; use a shorter namespace or stack name.",
        });
    });
});
