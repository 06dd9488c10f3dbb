import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createPrivateBucket } from "../data";
import { serviceTrustPolicy } from "../security";
import {
    TRAIL_MIN_RETENTION_DAYS, TRAIL_S3_PREFIX, trailArn, trailBucketPolicy, trailEventSelectors, trailName,
} from "./auditTrailSettings";

export interface AuditTrailArgs {
    /** `<namespace>-<stack>`: the trail's name. */
    prefix: string;
    region: string;
    /** The logs key: it encrypts the log files (its policy admits cloudtrail.amazonaws.com) and the log group. */
    logsKeyArn: pulumi.Input<string>;
    /** Retention of the CloudWatch Logs copy; the bucket keeps log files at least `TRAIL_MIN_RETENTION_DAYS`. */
    logRetentionDays: number;
    /** The image bucket, whose object-level events the trail records (`storage.backend: s3`). */
    imageBucketArn?: pulumi.Input<string>;
    /** The DICOM header table, whose item-level events the trail records (metadata pipeline on). */
    headerTableArn?: pulumi.Input<string>;
    /** `protect` on the bucket, and no deletion of log files. */
    protect: boolean;
}

/**
 * The account's CloudTrail trail: every region, log files encrypted with the logs key and validated (digest files),
 * delivered to a private bucket only this trail may write to and to a CMK-encrypted CloudWatch Logs group, with
 * data events for the image bucket and the header table. Created only when no organization trail covers the account.
 */
export class AuditTrail extends pulumi.ComponentResource {
    readonly trailArn: pulumi.Output<string>;
    readonly bucketName: pulumi.Output<string>;
    readonly logGroupName: pulumi.Output<string>;

    constructor(name: string, args: AuditTrailArgs, opts?: pulumi.ComponentResourceOptions) {
        super("orthanc-aws:compliance:AuditTrail", name, {}, opts);
        const identity = aws.getCallerIdentityOutput({}, { parent: this });
        const partition = aws.getPartitionOutput({}, { parent: this });
        const physicalName = trailName(args.prefix);
        const sourceArn = pulumi.all([partition.partition, identity.accountId])
            .apply(([partitionName, accountId]) => trailArn(partitionName, args.region, accountId, physicalName));
        const bucketDays = Math.max(args.logRetentionDays, TRAIL_MIN_RETENTION_DAYS);

        // Versioned, so that an overwritten log file keeps its original (log-file validation detects the change).
        const bucket = createPrivateBucket(`${name}-bucket`, {
            encryption: { sseAlgorithm: "aws:kms", kmsKeyArn: args.logsKeyArn },
            versioned: true,
            logArchive: false,
            // API activity and object keys (Orthanc's own identifiers), no patient data.
            classification: "Internal",
            lifecycleRules: [
                { id: "expire-log-files", status: "Enabled", filter: {}, expiration: { days: bucketDays }, noncurrentVersionExpiration: { noncurrentDays: 30 } },
                { id: "abort-incomplete-multipart-uploads", status: "Enabled", filter: {}, abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } },
            ],
            policy: (bucketArn) => pulumi.all([bucketArn, identity.accountId, sourceArn])
                .apply(([arn, accountId, trail]) => trailBucketPolicy(arn, accountId, trail, args.protect)),
            protect: args.protect,
        }, this);

        const logGroup = new aws.cloudwatch.LogGroup(`${name}-logs`, {
            name: `/orthanc-aws/${args.prefix}/cloudtrail`,
            retentionInDays: args.logRetentionDays,
            kmsKeyId: args.logsKeyArn,
        }, { parent: this });
        const role = new aws.iam.Role(`${name}-role`, {
            description: "CloudTrail delivers the trail's events to its CloudWatch Logs group",
            assumeRolePolicy: sourceArn.apply((trail) => JSON.stringify(serviceTrustPolicy("cloudtrail.amazonaws.com", { StringEquals: { "aws:SourceArn": trail } }))),
        }, { parent: this });
        const rolePolicy = new aws.iam.RolePolicy(`${name}-role-policy`, {
            role: role.id,
            policy: logGroup.arn.apply((arn) => JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${arn}:log-stream:*` }],
            })),
        }, { parent: this });

        const selectors = pulumi.all([args.imageBucketArn, args.headerTableArn])
            .apply(([imageBucketArn, headerTableArn]) => trailEventSelectors({ imageBucketArn, headerTableArn }));
        const trail = new aws.cloudtrail.Trail(`${name}-trail`, {
            name: physicalName,
            s3BucketName: bucket.bucket.bucket,
            s3KeyPrefix: TRAIL_S3_PREFIX,
            kmsKeyId: args.logsKeyArn,
            enableLogFileValidation: true,
            isMultiRegionTrail: true,
            includeGlobalServiceEvents: true,
            enableLogging: true,
            cloudWatchLogsGroupArn: pulumi.interpolate`${logGroup.arn}:*`,
            cloudWatchLogsRoleArn: role.arn,
            advancedEventSelectors: selectors,
        }, { parent: this, dependsOn: [bucket.policy, rolePolicy] });

        this.trailArn = trail.arn;
        this.bucketName = bucket.bucket.bucket;
        this.logGroupName = logGroup.name;
        this.registerOutputs({ trailArn: this.trailArn, bucketName: this.bucketName, logGroupName: this.logGroupName });
    }
}
