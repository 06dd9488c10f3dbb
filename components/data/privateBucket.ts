/**
 * A private S3 bucket with its v7 setting resources: all four public-access blocks, owner-enforced objects
 * (ACLs disabled), default encryption, optional versioning, lifecycle rules and a bucket policy.
 * Both buckets of the object storage component are built with it, so neither can miss a setting.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { LifecycleRule } from "./bucketLifecycle";
import type { PolicyDocument } from "../security";

/**
 * The tag that declares a bucket a log archive. The policy pack exempts from the CMK and versioning rules only
 * buckets that carry it and receive AWS log deliveries (policy-pack/lib/logDeliveryBuckets.ts, kept equal by a test).
 */
export const LOG_ARCHIVE_TAGS: Readonly<Record<string, string>> = { LogArchive: "true" };

export interface PrivateBucketArgs {
    /** Default encryption: SSE-KMS with a key (bucket keys on), or SSE-S3 where AWS requires it. */
    encryption: { sseAlgorithm: "aws:kms"; kmsKeyArn: pulumi.Input<string> } | { sseAlgorithm: "AES256" };
    versioned: boolean;
    /** True for buckets that only receive AWS log deliveries: tagged with `LOG_ARCHIVE_TAGS`. */
    logArchive: boolean;
    /** `DataClassification` tag overriding the provider's default (PHI), for buckets that hold no patient data. */
    classification?: "Internal";
    lifecycleRules: LifecycleRule[];
    /** Builds the bucket policy from the bucket's ARN. */
    policy: (bucketArn: pulumi.Output<string>) => pulumi.Input<PolicyDocument>;
    /** `protect` on the bucket itself; an unprotected bucket is emptied and deleted by `pulumi destroy` (`forceDestroy`). */
    protect: boolean;
}

export interface PrivateBucket {
    bucket: aws.s3.Bucket;
    policy: aws.s3.BucketPolicy;
    /** The bucket's versioning (versioned buckets only): Object Lock may be enabled only after it. */
    versioning?: aws.s3.BucketVersioning;
}

/** Creates the bucket `${name}` and its settings `${name}-<setting>` as children of `parent`. */
export function createPrivateBucket(name: string, args: PrivateBucketArgs, parent: pulumi.Resource): PrivateBucket {
    const opts = { parent };
    // Only an unprotected stack's bucket is emptied by `pulumi destroy`; a protected one is never deleted (`protect`).
    const bucket = new aws.s3.Bucket(name, {
        forceDestroy: !args.protect,
        ...(args.logArchive || args.classification !== undefined ? {
            tags: {
                ...(args.logArchive ? LOG_ARCHIVE_TAGS : {}),
                ...(args.classification !== undefined ? { DataClassification: args.classification } : {}),
            },
        } : {}),
    }, { parent, protect: args.protect });
    const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(`${name}-public-access-block`, {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
    }, opts);
    new aws.s3.BucketOwnershipControls(`${name}-ownership`, {
        bucket: bucket.id,
        rule: { objectOwnership: "BucketOwnerEnforced" },
    }, opts);
    const encryption = args.encryption;
    new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-encryption`, {
        bucket: bucket.id,
        rules: [encryption.sseAlgorithm === "aws:kms"
            ? {
                applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: encryption.kmsKeyArn },
                bucketKeyEnabled: true,
            }
            : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    }, opts);
    const versioning = args.versioned
        ? [new aws.s3.BucketVersioning(`${name}-versioning`, {
            bucket: bucket.id,
            versioningConfiguration: { status: "Enabled" },
        }, opts)]
        : [];
    // Rules on noncurrent versions are only meaningful once versioning is on.
    new aws.s3.BucketLifecycleConfiguration(`${name}-lifecycle`, {
        bucket: bucket.id,
        rules: args.lifecycleRules,
    }, { parent, dependsOn: versioning });
    const policy = new aws.s3.BucketPolicy(`${name}-policy`, {
        bucket: bucket.id,
        policy: pulumi.output(args.policy(bucket.arn)).apply((document) => JSON.stringify(document)),
    }, { parent, dependsOn: [publicAccessBlock] });
    return { bucket, policy, versioning: versioning[0] };
}
