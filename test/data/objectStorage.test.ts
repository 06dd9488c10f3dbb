import * as assert from "node:assert/strict";
import { ObjectStorage } from "../../components/data/objectStorage";
import type { StorageConfig } from "../../config/types";
import type { Plan } from "../../tools/offline/planTypes";
import { evaluateComponents, ofType, single } from "../support/planQueries";
import { inputsOf, output, stackConfig } from "./planQueries";

const BUCKET = "aws:s3/bucket:Bucket";
const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
const DATA_KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/data-key";

function deploy(stack: string, settings: StorageConfig, protect: boolean): Promise<Plan> {
    return evaluateComponents(() => {
        const objects = new ObjectStorage(`orthanc-${stack}-objects`, {
            settings, dataKeyArn: DATA_KEY_ARN, accessLogRetentionDays: 400, protect,
        });
        return {
            bucketName: objects.bucketName, bucketArn: objects.bucketArn, kmsKeyArn: objects.kmsKeyArn,
            logBucketName: objects.logBucketName, logBucketArn: objects.logBucketArn,
        };
    }, stack);
}

describe("ObjectStorage component (mocks)", () => {
    const prodStorage = stackConfig("prod").storage;
    // The dev sample uses EFS; its S3 variant archives to Deep Archive too, unlike prod.
    const otherStorage: StorageConfig = {
        ...stackConfig("dev").storage, backend: "s3",
        s3GlacierInstantRetrievalAfterDays: 30, s3DeepArchiveAfterDays: 180, s3NoncurrentVersionExpirationDays: 7,
    };
    const images = "orthanc-prod-objects-images";
    const logs = "orthanc-prod-objects-access-logs";
    let prod: Plan;
    let other: Plan;
    before(async () => {
        prod = await deploy("prod", prodStorage, true);
        other = await deploy("dev", otherStorage, false);
    });
    const bucketId = (plan: Plan, name: string) => output(single(plan, BUCKET, name));

    it("creates two buckets, protected as asked and never force-destroyed", () => {
        assert.deepEqual(ofType(prod, BUCKET).map((b) => b.name), [images, logs]);
        for (const bucket of ofType(prod, BUCKET)) {
            assert.equal(bucket.options.protect, true);
            assert.equal(bucket.inputs.forceDestroy, false);
        }
        assert.ok(ofType(other, BUCKET).every((b) => b.options.protect === false));
    });

    it("encrypts images with SSE-KMS under the data key with bucket keys, logs with SSE-S3", () => {
        const sse = (name: string) => inputsOf(single(prod,
            "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", `${name}-encryption`));
        assert.equal(sse(images).bucket, bucketId(prod, images));
        assert.deepEqual(sse(images).rules, [{
            applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: DATA_KEY_ARN },
            bucketKeyEnabled: true,
        }]);
        assert.equal(sse(logs).bucket, bucketId(prod, logs));
        assert.deepEqual(sse(logs).rules, [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
    });

    it("blocks all public access and disables ACLs on both buckets", () => {
        for (const name of [images, logs]) {
            assert.deepEqual(single(prod, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
                `${name}-public-access-block`).inputs, {
                bucket: bucketId(prod, name), blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true,
                restrictPublicBuckets: true,
            });
            assert.deepEqual(single(prod, "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
                `${name}-ownership`).inputs, { bucket: bucketId(prod, name), rule: { objectOwnership: "BucketOwnerEnforced" } });
        }
    });

    it("versions the image bucket only", () => {
        assert.deepEqual(single(prod, "aws:s3/bucketVersioning:BucketVersioning").inputs,
            { bucket: bucketId(prod, images), versioningConfiguration: { status: "Enabled" } });
    });

    it("applies the lifecycle rules of each config, after versioning", () => {
        const rulesOf = (plan: Plan) => Object.fromEntries(inputsOf(single(plan, LIFECYCLE, "images-lifecycle")).rules
            .map((rule: { id: string }) => [rule.id, rule]));
        const prodRules = rulesOf(prod);
        assert.deepEqual(prodRules["archive-current-versions"].transitions,
            [{ days: prodStorage.s3GlacierInstantRetrievalAfterDays, storageClass: "GLACIER_IR" }]);
        assert.deepEqual(prodRules["expire-noncurrent-versions"].noncurrentVersionExpiration,
            { noncurrentDays: prodStorage.s3NoncurrentVersionExpirationDays });
        assert.deepEqual(prodRules["abort-incomplete-multipart-uploads"].abortIncompleteMultipartUpload,
            { daysAfterInitiation: 7 });
        const otherRules = rulesOf(other);
        assert.deepEqual(otherRules["archive-current-versions"].transitions,
            [{ days: 30, storageClass: "GLACIER_IR" }, { days: 180, storageClass: "DEEP_ARCHIVE" }]);
        assert.deepEqual(otherRules["expire-noncurrent-versions"].noncurrentVersionExpiration, { noncurrentDays: 7 });
        const lifecycle = single(prod, LIFECYCLE, "images-lifecycle");
        assert.equal(lifecycle.inputs.bucket, bucketId(prod, images));
        assert.ok(lifecycle.options.dependsOn.includes(single(prod, "aws:s3/bucketVersioning:BucketVersioning").urn));
    });

    it("denies non-TLS requests on both buckets and non-KMS PUTs on the images", () => {
        const policyOf = (name: string) => {
            const policy = single(prod, "aws:s3/bucketPolicy:BucketPolicy", `${name}-policy`);
            assert.equal(policy.inputs.bucket, bucketId(prod, name));
            return JSON.parse(inputsOf(policy).policy);
        };
        const imagesArn = output(single(prod, BUCKET, images), "arn");
        const imagePolicy = policyOf(images);
        assert.deepEqual(imagePolicy.Statement.map((s: { Sid: string }) => s.Sid),
            ["DenyInsecureTransport", "DenyNonKmsEncryption", "DenyOtherKmsKey"]);
        assert.deepEqual(imagePolicy.Statement[0].Resource, [imagesArn, `${imagesArn}/*`]);
        assert.deepEqual(imagePolicy.Statement[0].Condition, { Bool: { "aws:SecureTransport": false } });
        assert.equal(imagePolicy.Statement[2].Condition.StringNotEqualsIfExists[
            "s3:x-amz-server-side-encryption-aws-kms-key-id"], DATA_KEY_ARN);
        const logPolicy = policyOf(logs);
        assert.equal(logPolicy.Statement[0].Sid, "DenyInsecureTransport");
        assert.equal(logPolicy.Statement[1].Condition.ArnLike["aws:SourceArn"], imagesArn);
    });

    it("logs image-bucket access to the log bucket, which expires its objects", () => {
        assert.deepEqual(single(prod, "aws:s3/bucketLogging:BucketLogging").inputs,
            { bucket: bucketId(prod, images), targetBucket: bucketId(prod, logs), targetPrefix: "images/" });
        assert.deepEqual(inputsOf(single(prod, LIFECYCLE, "access-logs-lifecycle")).rules[0].expiration, { days: 400 });
    });

    it("exports the bucket name/ARN and the key ARN", () => {
        assert.deepEqual(prod.outputs, {
            bucketName: output(single(prod, BUCKET, images), "bucket"),
            bucketArn: output(single(prod, BUCKET, images), "arn"),
            kmsKeyArn: DATA_KEY_ARN,
            logBucketName: output(single(prod, BUCKET, logs), "bucket"),
            logBucketArn: output(single(prod, BUCKET, logs), "arn"),
        });
    });
});

describe("ObjectStorage Object Lock (mocks)", () => {
    const locked: StorageConfig = { ...stackConfig("prod").storage, s3ObjectLockRetentionDays: 30 };
    let plan: Plan;
    before(async () => { plan = await deploy("prod", locked, true); });

    it("locks new image versions in governance mode for the configured days, after versioning, on the existing bucket", () => {
        const lock = single(plan, "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration");
        const images = single(plan, BUCKET, "orthanc-prod-objects-images");
        assert.deepEqual([lock.name, lock.inputs.bucket, lock.inputs.objectLockEnabled, lock.inputs.rule],
            ["orthanc-prod-objects-images-object-lock", output(images, "id"), "Enabled", { defaultRetention: { mode: "GOVERNANCE", days: 30 } }]);
        assert.ok(lock.options.dependsOn.includes(single(plan, "aws:s3/bucketVersioning:BucketVersioning").urn));
        // objectLockEnabled on the bucket would replace it (and its URN-stable data): the bucket's inputs stay as they were.
        assert.equal(images.inputs.objectLockEnabled, undefined);
    });

    it("adds no lock with the default 0 days", async () => {
        const unlocked = await deploy("prod", stackConfig("prod").storage, true);
        assert.deepEqual(ofType(unlocked, "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration"), []);
    });
});
