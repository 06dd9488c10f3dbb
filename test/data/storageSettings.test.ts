import * as assert from "node:assert/strict";
import { accessLogLifecycleRules, imageBucketLifecycleRules } from "../../components/data/bucketLifecycle";
import { accessLogBucketPolicy, imageBucketPolicy } from "../../components/data/bucketPolicies";
import { efsFileSystemPolicy, efsLifecyclePolicies, mountTargetSubnets } from "../../components/data/efsSettings";
import type { StorageConfig } from "../../config/types";

const EFS_STORAGE: StorageConfig = {
    backend: "efs", efsTransitionToIa: "AFTER_30_DAYS", efsTransitionToPrimary: "AFTER_1_ACCESS",
    s3GlacierInstantRetrievalAfterDays: 90, s3DeepArchiveAfterDays: 365, s3NoncurrentVersionExpirationDays: 30, s3IntelligentTiering: false, s3ObjectLockRetentionDays: 0,
};
const S3_STORAGE: StorageConfig = {
    backend: "s3", efsTransitionToIa: "AFTER_90_DAYS", efsTransitionToPrimary: "none",
    s3GlacierInstantRetrievalAfterDays: 60, s3DeepArchiveAfterDays: 400, s3NoncurrentVersionExpirationDays: 14, s3IntelligentTiering: false, s3ObjectLockRetentionDays: 0,
};

const BUCKET = "arn:aws:s3:::images";
const KEY = "arn:aws:kms:us-east-1:123456789012:key/k";

describe("bucket lifecycle rules", () => {
    it("archives, expires noncurrent versions and aborts multipart uploads from config", () => {
        assert.deepEqual(imageBucketLifecycleRules(S3_STORAGE), [
            {
                id: "archive-current-versions", status: "Enabled", filter: {},
                transitions: [{ days: 60, storageClass: "GLACIER_IR" }, { days: 400, storageClass: "DEEP_ARCHIVE" }],
            },
            {
                id: "expire-noncurrent-versions", status: "Enabled", filter: {},
                noncurrentVersionExpiration: { noncurrentDays: 14 },
                expiration: { expiredObjectDeleteMarker: true },
            },
            {
                id: "abort-incomplete-multipart-uploads", status: "Enabled", filter: {},
                abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
            },
        ]);
    });

    it("leaves out a transition configured as 0 (never), and the archive rule when both are 0", () => {
        const onlyDeep = imageBucketLifecycleRules({ ...S3_STORAGE, s3GlacierInstantRetrievalAfterDays: 0 });
        assert.deepEqual(onlyDeep[0].transitions, [{ days: 400, storageClass: "DEEP_ARCHIVE" }]);
        const none = imageBucketLifecycleRules({
            ...S3_STORAGE, s3GlacierInstantRetrievalAfterDays: 0, s3DeepArchiveAfterDays: 0,
        });
        assert.deepEqual(none.map((r) => r.id), ["expire-noncurrent-versions", "abort-incomplete-multipart-uploads"]);
    });

    it("expires access logs", () => {
        assert.deepEqual(accessLogLifecycleRules(400)[0],
            { id: "expire-access-logs", status: "Enabled", filter: {}, expiration: { days: 400 } });
    });
});

describe("bucket policies", () => {
    it("denies plain HTTP and non-KMS or other-key PUTs on the image bucket", () => {
        assert.deepEqual(imageBucketPolicy(BUCKET, KEY).Statement, [
            {
                Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*",
                Resource: [BUCKET, `${BUCKET}/*`], Condition: { Bool: { "aws:SecureTransport": false } },
            },
            {
                Sid: "DenyNonKmsEncryption", Effect: "Deny", Principal: "*", Action: "s3:PutObject",
                Resource: `${BUCKET}/*`,
                Condition: { StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption": "aws:kms" } },
            },
            {
                Sid: "DenyOtherKmsKey", Effect: "Deny", Principal: "*", Action: "s3:PutObject",
                Resource: `${BUCKET}/*`,
                Condition: { StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption-aws-kms-key-id": KEY } },
            },
        ]);
    });

    it("admits S3 log delivery for the image bucket only, over TLS only", () => {
        const policy = accessLogBucketPolicy("arn:aws:s3:::logs", BUCKET, "images/", "123456789012");
        assert.equal(policy.Statement[0].Sid, "DenyInsecureTransport");
        assert.deepEqual(policy.Statement[0].Resource, ["arn:aws:s3:::logs", "arn:aws:s3:::logs/*"]);
        assert.deepEqual(policy.Statement[1], {
            Sid: "AllowS3ServerAccessLogDelivery", Effect: "Allow",
            Principal: { Service: "logging.s3.amazonaws.com" }, Action: "s3:PutObject",
            Resource: "arn:aws:s3:::logs/images/*",
            Condition: { ArnLike: { "aws:SourceArn": BUCKET }, StringEquals: { "aws:SourceAccount": "123456789012" } },
        });
    });
});

describe("EFS settings", () => {
    it("turns the configured transitions into one lifecycle policy each", () => {
        assert.deepEqual(efsLifecyclePolicies(EFS_STORAGE),
            [{ transitionToIa: "AFTER_30_DAYS" }, { transitionToPrimaryStorageClass: "AFTER_1_ACCESS" }]);
        assert.deepEqual(efsLifecyclePolicies(S3_STORAGE), [{ transitionToIa: "AFTER_90_DAYS" }]);
    });

    it("takes one isolated subnet per availability zone, and says so when the network disagrees", () => {
        assert.deepEqual(mountTargetSubnets(["subnet-a", "subnet-b"], 2), ["subnet-a", "subnet-b"]);
        assert.throws(() => mountTargetSubnets(["subnet-a", "subnet-b"], 3), {
            message: "EFS mount targets: expected 3 isolated subnets (network.availabilityZones), got 2.",
        });
    });

    it("requires TLS and admits IAM clients only through the access point, never as root", () => {
        const fs = "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-1";
        const ap = "arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-1";
        assert.deepEqual(efsFileSystemPolicy(fs, ap).Statement, [
            {
                Sid: "DenyInsecureTransport", Effect: "Deny", Principal: { AWS: "*" }, Action: "*", Resource: fs,
                Condition: { Bool: { "aws:SecureTransport": false } },
            },
            {
                Sid: "AllowMountThroughOrthancAccessPoint", Effect: "Allow", Principal: { AWS: "*" },
                Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"], Resource: fs,
                Condition: {
                    Bool: { "elasticfilesystem:AccessedViaMountTarget": true },
                    StringEquals: { "elasticfilesystem:AccessPointArn": ap },
                },
            },
        ]);
    });
});
