import * as assert from "node:assert/strict";
import { backupServicePolicyArns, dailyBackupRule } from "../../components/backupSettings";

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
});
