/**
 * Orthanc's DICOM file store on S3 (`storage.backend: s3`): a private, versioned image bucket encrypted with the
 * data key, TLS-only, with lifecycle rules from configuration and server access logs in a separate bucket.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { StorageConfig } from "../../config/types";
import { accessLogLifecycleRules, imageBucketLifecycleRules } from "./bucketLifecycle";
import { accessLogBucketPolicy, imageBucketPolicy } from "./bucketPolicies";
import { createPrivateBucket } from "./privateBucket";

/** Key prefix of the image bucket's access logs in the log bucket. */
export const ACCESS_LOG_PREFIX = "images/";

export interface ObjectStorageArgs {
    /** `storage` section of the validated stack configuration. */
    settings: StorageConfig;
    /** ARN of the data CMK (SSE-KMS of the images). */
    dataKeyArn: pulumi.Input<string>;
    /** Days the access logs are kept before the log bucket expires them. */
    accessLogRetentionDays: number;
    /** Protect both buckets in Pulumi (`protect`) so that `pulumi destroy` cannot delete them. */
    protect: boolean;
}

export class ObjectStorage extends pulumi.ComponentResource {
    public readonly bucketName: pulumi.Output<string>;
    public readonly bucketArn: pulumi.Output<string>;
    /** Key the task role and the metadata pipeline need `kms:Decrypt`/`kms:GenerateDataKey` on. */
    public readonly kmsKeyArn: pulumi.Output<string>;
    public readonly logBucketName: pulumi.Output<string>;
    public readonly logBucketArn: pulumi.Output<string>;

    constructor(name: string, args: ObjectStorageArgs, opts?: pulumi.ComponentResourceOptions) {
        super("orthanc-aws:data:ObjectStorage", name, {}, opts);

        const images = createPrivateBucket(`${name}-images`, {
            encryption: { sseAlgorithm: "aws:kms", kmsKeyArn: args.dataKeyArn },
            versioned: true,
            logArchive: false,
            lifecycleRules: imageBucketLifecycleRules(args.settings),
            policy: (bucketArn) => pulumi.all([bucketArn, args.dataKeyArn])
                .apply(([arn, keyArn]) => imageBucketPolicy(arn, keyArn)),
            protect: args.protect,
        }, this);
        // SSE-S3, not a CMK: AWS's server-access-logging guide documents SSE-S3 for target buckets, and SSE-KMS
        // would need `logging.s3.amazonaws.com` trusted by the key, which the logs key is not.
        // https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
        const logs = createPrivateBucket(`${name}-access-logs`, {
            encryption: { sseAlgorithm: "AES256" },
            versioned: false,
            logArchive: true,
            lifecycleRules: accessLogLifecycleRules(args.accessLogRetentionDays),
            policy: (bucketArn) => pulumi.all([bucketArn, images.bucket.arn, aws.getCallerIdentityOutput({}, { parent: this }).accountId])
                .apply(([arn, imagesArn, accountId]) => accessLogBucketPolicy(arn, imagesArn, ACCESS_LOG_PREFIX, accountId)),
            protect: args.protect,
        }, this);
        new aws.s3.BucketLogging(`${name}-images-logging`, {
            bucket: images.bucket.id,
            targetBucket: logs.bucket.id,
            targetPrefix: ACCESS_LOG_PREFIX,
        }, { parent: this, dependsOn: [logs.policy] });

        // On the existing, versioned bucket: the provider's BucketObjectLockConfiguration enables Object Lock on
        // "new and existing buckets" (s3/bucketObjectLockConfiguration.d.ts; S3 allows it since versioning is on),
        // while `objectLockEnabled` on the bucket itself would replace it. Governance mode: a user with
        // s3:BypassGovernanceRetention can still delete a locked version (see README, "Object Lock").
        if (args.settings.s3ObjectLockRetentionDays > 0) {
            new aws.s3.BucketObjectLockConfiguration(`${name}-images-object-lock`, {
                bucket: images.bucket.id,
                objectLockEnabled: "Enabled",
                rule: { defaultRetention: { mode: "GOVERNANCE", days: args.settings.s3ObjectLockRetentionDays } },
            }, { parent: this, dependsOn: images.versioning ? [images.versioning] : [] });
        }

        this.bucketName = images.bucket.bucket;
        this.bucketArn = images.bucket.arn;
        this.kmsKeyArn = pulumi.output(args.dataKeyArn);
        this.logBucketName = logs.bucket.bucket;
        this.logBucketArn = logs.bucket.arn;
        this.registerOutputs({
            bucketName: this.bucketName,
            bucketArn: this.bucketArn,
            kmsKeyArn: this.kmsKeyArn,
            logBucketName: this.logBucketName,
            logBucketArn: this.logBucketArn,
        });
    }
}
