/** Data-tier settings of a dev-like and a prod-like stack, as the validated configuration would carry them. */
import type { DatabaseConfig, StorageConfig } from "../../config/types";

export const DATA_KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/data-key";
export const LOGS_KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/logs-key";
export const ISOLATED_SUBNETS = ["subnet-iso-a", "subnet-iso-b", "subnet-iso-c"];
export const VPC_ID = "vpc-0123";

export const DEV_DATABASE: DatabaseConfig = {
    instanceClass: "db.t4g.medium",
    engineVersion: "16",
    allocatedStorage: 20,
    maxAllocatedStorage: 100,
    multiAz: false,
    backupRetentionDays: 7,
    deletionProtection: false,
};

export const PROD_DATABASE: DatabaseConfig = {
    instanceClass: "db.m7g.large",
    engineVersion: "17.2",
    allocatedStorage: 100,
    maxAllocatedStorage: 1000,
    multiAz: true,
    backupRetentionDays: 35,
    deletionProtection: true,
};

export const EFS_STORAGE: StorageConfig = {
    backend: "efs",
    efsTransitionToIa: "AFTER_30_DAYS",
    efsTransitionToPrimary: "AFTER_1_ACCESS",
    s3GlacierInstantRetrievalAfterDays: 90,
    s3DeepArchiveAfterDays: 365,
    s3NoncurrentVersionExpirationDays: 30,
};

export const S3_STORAGE: StorageConfig = {
    backend: "s3",
    efsTransitionToIa: "AFTER_90_DAYS",
    efsTransitionToPrimary: "none",
    s3GlacierInstantRetrievalAfterDays: 60,
    s3DeepArchiveAfterDays: 400,
    s3NoncurrentVersionExpirationDays: 14,
};
