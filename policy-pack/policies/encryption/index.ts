import { Policies } from "@pulumi/policy";
import { requireBackupVaultEncryptedWithCmk } from "./backupVaultEncryptedWithCmk";
import { requireDynamodbEncryptedWithCmk } from "./dynamodbEncryptedWithCmk";
import { requireEbsVolumeEncryptedWithCmk } from "./ebsVolumeEncryptedWithCmk";
import { requireEcrEncryptedWithCmk } from "./ecrEncryptedWithCmk";
import { requireEfsEncryptedWithCmk } from "./efsEncryptedWithCmk";
import { requireKmsKeyRotation } from "./kmsKeyRotation";
import { requireLaunchTemplateEbsEncryptedWithCmk } from "./launchTemplateEbsEncryptedWithCmk";
import { requireLogGroupEncryptedWithCmk } from "./logGroupEncryptedWithCmk";
import { requireRdsEncryptedWithCmk } from "./rdsEncryptedWithCmk";
import { requireS3BucketEncryptedWithCmk } from "./s3BucketEncryptedWithCmk";
import { requireSecretEncryptedWithCmk } from "./secretEncryptedWithCmk";
import { requireSnsEncryptedWithCmk } from "./snsEncryptedWithCmk";
import { requireSqsEncryptedWithCmk } from "./sqsEncryptedWithCmk";

/** §164.312(a)(2)(iv): encryption at rest with customer-managed keys. */
export const encryptionPolicies: Policies = [
    requireS3BucketEncryptedWithCmk,
    requireRdsEncryptedWithCmk,
    requireEfsEncryptedWithCmk,
    requireDynamodbEncryptedWithCmk,
    requireSqsEncryptedWithCmk,
    requireSnsEncryptedWithCmk,
    requireLogGroupEncryptedWithCmk,
    requireSecretEncryptedWithCmk,
    requireEcrEncryptedWithCmk,
    requireBackupVaultEncryptedWithCmk,
    requireLaunchTemplateEbsEncryptedWithCmk,
    requireEbsVolumeEncryptedWithCmk,
    requireKmsKeyRotation,
];
