import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface AccessLogBucketArgs {
    /** Customer-managed key of the logs (its policy admits `delivery.logs.amazonaws.com`). */
    logsKeyArn: pulumi.Input<string>;
    /** Days access logs are kept. */
    retentionDays: number;
    /** Key prefix the load balancer writes under. */
    prefix: string;
    region: string;
}

/**
 * The bucket policy: the log-delivery service may write under `<prefix>/AWSLogs/<account>/` for this account's
 * load balancers only, and nobody may use the bucket without TLS.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/network/enable-access-logs.html
 */
export function accessLogBucketPolicy(bucketArn: string, accountId: string, partition: string, region: string, prefix: string): object {
    const sourceConditions = {
        StringEquals: { "aws:SourceAccount": accountId },
        ArnLike: { "aws:SourceArn": `arn:${partition}:logs:${region}:${accountId}:*` },
    };
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "DenyInsecureTransport",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: [bucketArn, `${bucketArn}/*`],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
            {
                Sid: "LogDeliveryWrite",
                Effect: "Allow",
                Principal: { Service: "delivery.logs.amazonaws.com" },
                Action: "s3:PutObject",
                Resource: `${bucketArn}/${prefix}/AWSLogs/${accountId}/*`,
                Condition: { ...sourceConditions, StringEquals: { ...sourceConditions.StringEquals, "s3:x-amz-acl": "bucket-owner-full-control" } },
            },
            {
                Sid: "LogDeliveryAclCheck",
                Effect: "Allow",
                Principal: { Service: "delivery.logs.amazonaws.com" },
                Action: "s3:GetBucketAcl",
                Resource: bucketArn,
                Condition: sourceConditions,
            },
        ],
    };
}

/** A private, CMK-encrypted, TLS-only bucket for the load balancer's access logs, expiring them after the retention. */
export class AccessLogBucket extends pulumi.ComponentResource {
    readonly bucketName: pulumi.Output<string>;
    readonly bucketArn: pulumi.Output<string>;
    /** Resolves once the policy admits log delivery: the load balancer must wait for it. */
    readonly ready: pulumi.Resource[];

    constructor(name: string, args: AccessLogBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        super("orthanc-aws:endpoint:AccessLogBucket", name, {}, opts);
        const identity = aws.getCallerIdentityOutput({}, { parent: this });
        const partition = aws.getPartitionOutput({}, { parent: this });

        const bucket = new aws.s3.Bucket(`${name}-bucket`, { forceDestroy: false }, { parent: this });
        const publicAccess = new aws.s3.BucketPublicAccessBlock(`${name}-public-access`, {
            bucket: bucket.id,
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        }, { parent: this });
        const ownership = new aws.s3.BucketOwnershipControls(`${name}-ownership`, {
            bucket: bucket.id,
            rule: { objectOwnership: "BucketOwnerEnforced" },
        }, { parent: this });
        const encryption = new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-encryption`, {
            bucket: bucket.id,
            rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.logsKeyArn }, bucketKeyEnabled: true }],
        }, { parent: this });
        new aws.s3.BucketVersioning(`${name}-versioning`, {
            bucket: bucket.id,
            versioningConfiguration: { status: "Enabled" },
        }, { parent: this });
        new aws.s3.BucketLifecycleConfiguration(`${name}-lifecycle`, {
            bucket: bucket.id,
            rules: [{
                id: "expire-access-logs",
                status: "Enabled",
                filter: { prefix: `${args.prefix}/` },
                expiration: { days: args.retentionDays },
                noncurrentVersionExpiration: { noncurrentDays: 1 },
                abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
            }],
        }, { parent: this });
        const policy = new aws.s3.BucketPolicy(`${name}-policy`, {
            bucket: bucket.id,
            policy: pulumi.all([bucket.arn, identity.accountId, partition.partition]).apply(([bucketArn, accountId, partitionName]) =>
                JSON.stringify(accessLogBucketPolicy(bucketArn, accountId, partitionName, args.region, args.prefix))),
        }, { parent: this, dependsOn: [publicAccess] });

        this.bucketName = bucket.bucket;
        this.bucketArn = bucket.arn;
        this.ready = [policy, encryption, ownership];
        this.registerOutputs({ bucketName: this.bucketName, bucketArn: this.bucketArn });
    }
}
