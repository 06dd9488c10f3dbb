import * as assert from "node:assert/strict";
import { ObjectStorage } from "../../components/objectStorage";
import type { StorageConfig } from "../../config/types";
import { DATA_KEY_ARN, EFS_STORAGE, S3_STORAGE } from "./fixtures";
import { only, Registration, runUnderMocks, valueOf } from "./mockProgram";

const BUCKET = "aws:s3/bucket:Bucket";

function deploy(settings: StorageConfig, protect: boolean) {
    return runUnderMocks(() => new ObjectStorage("orthanc-prod-objects", {
        settings, dataKeyArn: DATA_KEY_ARN, accessLogRetentionDays: 400, protect,
    }));
}

describe("ObjectStorage component (mocks)", () => {
    let prod: { registrations: Registration[]; result: ObjectStorage };
    const images = "orthanc-prod-objects-images";
    const logs = "orthanc-prod-objects-access-logs";
    before(async () => { prod = await deploy(S3_STORAGE, true); });

    it("creates two protected buckets that are never force-destroyed", () => {
        const buckets = prod.registrations.filter((r) => r.type === BUCKET);
        assert.deepEqual(buckets.map((b) => b.name), [images, logs]);
        for (const bucket of buckets) {
            assert.equal(bucket.protect, true);
            assert.equal(bucket.inputs.forceDestroy, false);
        }
    });

    it("encrypts images with SSE-KMS under the data key with bucket keys, logs with SSE-S3", () => {
        const sse = (bucket: string) =>
            only(prod.registrations, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
                `${bucket}-encryption`).inputs;
        assert.deepEqual(sse(images).rules, [{
            applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: DATA_KEY_ARN },
            bucketKeyEnabled: true,
        }]);
        assert.equal(sse(images).bucket, `${images}-id`);
        assert.deepEqual(sse(logs).rules, [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
    });

    it("blocks all public access and disables ACLs on both buckets", () => {
        for (const bucket of [images, logs]) {
            const block = only(prod.registrations, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
                `${bucket}-public-access-block`).inputs;
            assert.deepEqual(block, {
                bucket: `${bucket}-id`, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true,
                restrictPublicBuckets: true,
            });
            const ownership = only(prod.registrations, "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
                `${bucket}-ownership`).inputs;
            assert.deepEqual(ownership.rule, { objectOwnership: "BucketOwnerEnforced" });
        }
    });

    it("versions the image bucket and applies lifecycle rules from config", () => {
        const versioning = only(prod.registrations, "aws:s3/bucketVersioning:BucketVersioning").inputs;
        assert.deepEqual(versioning, { bucket: `${images}-id`, versioningConfiguration: { status: "Enabled" } });
        const lifecycle = only(prod.registrations, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
            `${images}-lifecycle`);
        const rules = Object.fromEntries(lifecycle.inputs.rules.map((r: { id: string }) => [r.id, r]));
        assert.deepEqual(rules["archive-current-versions"].transitions,
            [{ days: 60, storageClass: "GLACIER_IR" }, { days: 400, storageClass: "DEEP_ARCHIVE" }]);
        assert.deepEqual(rules["expire-noncurrent-versions"].noncurrentVersionExpiration, { noncurrentDays: 14 });
        assert.deepEqual(rules["abort-incomplete-multipart-uploads"].abortIncompleteMultipartUpload,
            { daysAfterInitiation: 7 });
        assert.ok(lifecycle.dependencies.some((urn) => urn.endsWith(`::${images}-versioning`)));
    });

    it("takes other lifecycle values from another config", async () => {
        const other = await deploy(EFS_STORAGE, false);
        const lifecycle = only(other.registrations, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
            `${images}-lifecycle`);
        assert.deepEqual(lifecycle.inputs.rules[0].transitions,
            [{ days: 90, storageClass: "GLACIER_IR" }, { days: 365, storageClass: "DEEP_ARCHIVE" }]);
        assert.deepEqual(lifecycle.inputs.rules[1].noncurrentVersionExpiration, { noncurrentDays: 30 });
        assert.ok(other.registrations.filter((r) => r.type === BUCKET).every((b) => b.protect === false));
    });

    it("denies non-TLS requests on both buckets and non-KMS PUTs on the images", () => {
        const policy = (bucket: string) => JSON.parse(only(prod.registrations,
            "aws:s3/bucketPolicy:BucketPolicy", `${bucket}-policy`).inputs.policy);
        const imagePolicy = policy(images);
        assert.deepEqual(imagePolicy.Statement.map((s: { Sid: string }) => s.Sid),
            ["DenyInsecureTransport", "DenyNonKmsEncryption", "DenyOtherKmsKey"]);
        assert.deepEqual(imagePolicy.Statement[0].Condition, { Bool: { "aws:SecureTransport": false } });
        assert.match(imagePolicy.Statement[0].Resource[0], new RegExp(`${images}$`));
        assert.equal(imagePolicy.Statement[2].Condition.StringNotEqualsIfExists[
            "s3:x-amz-server-side-encryption-aws-kms-key-id"], DATA_KEY_ARN);
        const logPolicy = policy(logs);
        assert.equal(logPolicy.Statement[0].Sid, "DenyInsecureTransport");
        assert.match(logPolicy.Statement[1].Condition.ArnLike["aws:SourceArn"], new RegExp(`${images}$`));
    });

    it("logs image-bucket access to the log bucket, which expires its objects", () => {
        const logging = only(prod.registrations, "aws:s3/bucketLogging:BucketLogging").inputs;
        assert.deepEqual(logging, { bucket: `${images}-id`, targetBucket: `${logs}-id`, targetPrefix: "images/" });
        const lifecycle = only(prod.registrations, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
            `${logs}-lifecycle`);
        assert.deepEqual(lifecycle.inputs.rules[0].expiration, { days: 400 });
        assert.equal(prod.registrations.filter((r) => r.type === "aws:s3/bucketVersioning:BucketVersioning").length, 1,
            "the log bucket is not versioned");
    });

    it("exports the bucket name/ARN and the key ARN", async () => {
        assert.equal(await valueOf(prod.result.bucketName), `${images}-bucket`);
        assert.match(await valueOf(prod.result.bucketArn), new RegExp(`${images}$`));
        assert.equal(await valueOf(prod.result.kmsKeyArn), DATA_KEY_ARN);
        assert.equal(await valueOf(prod.result.logBucketName), `${logs}-bucket`);
    });
});
