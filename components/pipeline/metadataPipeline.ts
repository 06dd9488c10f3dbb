import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    ALARMS, BATCH_SIZE, BATCHING_WINDOW_SECONDS, BUCKET_EVENTS, DEAD_LETTER_RETENTION_SECONDS, DICOM_KEY_SUFFIX,
    FUNCTION_TIMEOUT_SECONDS, globalSecondaryIndexes, indexerPolicy, MAX_RECEIVES_BEFORE_DEAD_LETTER,
    QUEUE_VISIBILITY_TIMEOUT_SECONDS, queuePolicy, RECORD_FAILED_PATTERN, RECORD_FAILURES_ALARM, RECORD_FAILURES_NAMESPACE,
    recordFailuresMetricName, tableAttributes,
} from "./metadataPipelineSettings";
import { INDEXER_RUNTIME } from "./indexerBundle";
import { serviceTrustPolicy } from "../security";

export interface MetadataPipelineArgs {
    /** The image bucket whose DICOM objects are indexed. */
    bucketName: pulumi.Input<string>;
    bucketArn: pulumi.Input<string>;
    /** KMS key of the image bucket (the indexer decrypts the objects it reads). */
    dataKeyArn: pulumi.Input<string>;
    /** KMS key of the queues, table, topic and function environment. */
    pipelineKeyArn: pulumi.Input<string>;
    logsKeyArn: pulumi.Input<string>;
    vpcId: pulumi.Input<string>;
    privateSubnetIds: pulumi.Input<string[]>;
    /** Prefix lists of the VPC's S3 and DynamoDB gateway endpoints: the function's only egress. */
    gatewayPrefixListIds: pulumi.Input<string>[];
    /** The bundled indexer (components/pipeline/indexer), with `index.js` exporting `handler`. */
    code: pulumi.Input<pulumi.asset.Archive>;
    /** The event source's maximum concurrency: the most indexer invocations at once. */
    maxConcurrency: number;
    /**
     * Concurrency reserved for the indexer (at least `maxConcurrency`, or batches are throttled into the DLQ).
     * @default none: the account's unreserved pool (a new account may have only 10 in all, and must keep 10 unreserved)
     */
    reservedConcurrency?: number;
    logRetentionDays: number;
    /** Deletion protection on the table and Pulumi `protect` (the table holds PHI). */
    protect: boolean;
    /** The stack's alarm topic (components/monitoring): ALARM and OK notifications of the pipeline's alarms. */
    alarmTopicArn: pulumi.Input<string>;
}

/**
 * S3 → SQS → Lambda → DynamoDB: every DICOM file written to or removed from the image bucket becomes an event
 * on an encrypted queue; the indexer reads only the file's header and writes it to the table. What it cannot
 * index returns to the queue and ends in the dead-letter queue, which raises an alarm.
 */
export class MetadataPipeline extends pulumi.ComponentResource {
    readonly tableName: pulumi.Output<string>;
    /** The header table holds PHI: the stack's backup plan selects it. */
    readonly tableArn: pulumi.Output<string>;
    readonly queueUrl: pulumi.Output<string>;
    readonly deadLetterQueueUrl: pulumi.Output<string>;
    readonly functionName: pulumi.Output<string>;
    readonly queueName: pulumi.Output<string>;
    readonly deadLetterQueueName: pulumi.Output<string>;

    constructor(name: string, args: MetadataPipelineArgs, opts?: pulumi.ComponentResourceOptions) {
        super("orthanc-aws:pipeline:MetadataPipeline", name, {}, opts);
        const identity = aws.getCallerIdentityOutput({}, { parent: this });

        const deadLetterQueue = new aws.sqs.Queue(`${name}-dead-letters`, {
            kmsMasterKeyId: args.pipelineKeyArn,
            messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS,
        }, { parent: this });
        const queue = new aws.sqs.Queue(`${name}-events`, {
            kmsMasterKeyId: args.pipelineKeyArn,
            kmsDataKeyReusePeriodSeconds: 300,
            visibilityTimeoutSeconds: QUEUE_VISIBILITY_TIMEOUT_SECONDS,
            messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS,
            redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: deadLetterQueue.arn, maxReceiveCount: MAX_RECEIVES_BEFORE_DEAD_LETTER }),
        }, { parent: this });
        const queueAccess = new aws.sqs.QueuePolicy(`${name}-events-policy`, {
            queueUrl: queue.url,
            policy: pulumi.all([queue.arn, args.bucketArn, identity.accountId]).apply(([queueArn, bucketArn, accountId]) =>
                JSON.stringify(queuePolicy(queueArn, bucketArn, accountId))),
        }, { parent: this });
        new aws.s3.BucketNotification(`${name}-notifications`, {
            bucket: args.bucketName,
            queues: [{ queueArn: queue.arn, events: BUCKET_EVENTS, filterSuffix: DICOM_KEY_SUFFIX }],
        }, { parent: this, dependsOn: [queueAccess] });

        const table = new aws.dynamodb.Table(`${name}-headers`, {
            billingMode: "PAY_PER_REQUEST",
            hashKey: "pk",
            attributes: tableAttributes(),
            globalSecondaryIndexes: globalSecondaryIndexes(),
            serverSideEncryption: { enabled: true, kmsKeyArn: args.pipelineKeyArn },
            pointInTimeRecovery: { enabled: true },
            deletionProtectionEnabled: args.protect,
        }, { parent: this, protect: args.protect });

        const logGroup = new aws.cloudwatch.LogGroup(`${name}-indexer-logs`, {
            kmsKeyId: args.logsKeyArn,
            retentionInDays: args.logRetentionDays,
        }, { parent: this });
        const role = new aws.iam.Role(`${name}-indexer-role`, {
            description: "DICOM header indexer: reads headers from the image bucket, writes the index table",
            assumeRolePolicy: JSON.stringify(serviceTrustPolicy("lambda.amazonaws.com")),
        }, { parent: this });
        const rolePolicy = new aws.iam.RolePolicy(`${name}-indexer-access`, {
            role: role.id,
            policy: pulumi.all([args.bucketArn, args.dataKeyArn, queue.arn, args.pipelineKeyArn, table.arn, logGroup.arn])
                .apply(([bucketArn, dataKeyArn, queueArn, pipelineKeyArn, tableArn, logGroupArn]) =>
                    JSON.stringify(indexerPolicy({ bucketArn, dataKeyArn, queueArn, pipelineKeyArn, tableArn, logGroupArn }))),
        }, { parent: this });
        const securityGroup = new aws.ec2.SecurityGroup(`${name}-indexer`, {
            vpcId: args.vpcId,
            description: "DICOM indexer: HTTPS to S3 and DynamoDB gateway endpoints only, no inbound",
            egress: [{ protocol: "tcp", fromPort: 443, toPort: 443, prefixListIds: args.gatewayPrefixListIds, description: "S3 and DynamoDB" }],
        }, { parent: this });

        const indexer = new aws.lambda.Function(`${name}-indexer`, {
            description: "Indexes the header of every DICOM file in the image bucket",
            runtime: INDEXER_RUNTIME,
            architectures: ["arm64"],
            handler: "index.handler",
            code: args.code,
            memorySize: 512,
            timeout: FUNCTION_TIMEOUT_SECONDS,
            reservedConcurrentExecutions: args.reservedConcurrency,
            role: role.arn,
            kmsKeyArn: args.pipelineKeyArn,
            environment: { variables: {
                TABLE_NAME: table.name,
                // Events name their bucket; the indexer refuses events of any other.
                BUCKET_NAME: args.bucketName,
                POWERTOOLS_SERVICE_NAME: "dicom-indexer",
                POWERTOOLS_LOG_LEVEL: "INFO",
                AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
            } },
            vpcConfig: { subnetIds: args.privateSubnetIds, securityGroupIds: [securityGroup.id] },
            loggingConfig: { logFormat: "JSON", logGroup: logGroup.name },
        }, { parent: this, dependsOn: [rolePolicy] });
        new aws.lambda.EventSourceMapping(`${name}-events-to-indexer`, {
            eventSourceArn: queue.arn,
            functionName: indexer.arn,
            batchSize: BATCH_SIZE,
            maximumBatchingWindowInSeconds: BATCHING_WINDOW_SECONDS,
            functionResponseTypes: ["ReportBatchItemFailures"],
            scalingConfig: { maximumConcurrency: args.maxConcurrency },
        }, { parent: this });

        const dimensions = {
            deadLetterQueue: { QueueName: deadLetterQueue.name },
            queue: { QueueName: queue.name },
            function: { FunctionName: indexer.name },
        };
        const alarmBehaviour = {
            period: 300,
            evaluationPeriods: 1,
            comparisonOperator: "GreaterThanThreshold",
            treatMissingData: "notBreaching",
            alarmActions: [args.alarmTopicArn],
            okActions: [args.alarmTopicArn],
        };
        for (const alarm of ALARMS) {
            new aws.cloudwatch.MetricAlarm(`${name}-${alarm.suffix}`, {
                alarmDescription: alarm.description,
                namespace: alarm.namespace,
                metricName: alarm.metricName,
                statistic: alarm.statistic,
                dimensions: dimensions[alarm.dimension],
                threshold: alarm.threshold,
                ...alarmBehaviour,
            }, { parent: this });
        }
        const recordFailures = new aws.cloudwatch.LogMetricFilter(`${name}-record-failures`, {
            logGroupName: logGroup.name,
            pattern: RECORD_FAILED_PATTERN,
            metricTransformation: { namespace: RECORD_FAILURES_NAMESPACE, name: recordFailuresMetricName(name), value: "1", unit: "Count" },
        }, { parent: this });
        new aws.cloudwatch.MetricAlarm(`${name}-${RECORD_FAILURES_ALARM.suffix}`, {
            alarmDescription: RECORD_FAILURES_ALARM.description,
            namespace: RECORD_FAILURES_NAMESPACE,
            metricName: recordFailures.metricTransformation.name,
            statistic: RECORD_FAILURES_ALARM.statistic,
            threshold: RECORD_FAILURES_ALARM.threshold,
            ...alarmBehaviour,
        }, { parent: this });

        this.tableName = table.name;
        this.tableArn = table.arn;
        this.queueUrl = queue.url;
        this.deadLetterQueueUrl = deadLetterQueue.url;
        this.functionName = indexer.name;
        this.queueName = queue.name;
        this.deadLetterQueueName = deadLetterQueue.name;
        this.registerOutputs({ tableName: this.tableName, queueUrl: this.queueUrl, deadLetterQueueUrl: this.deadLetterQueueUrl,
            functionName: this.functionName, queueName: this.queueName, deadLetterQueueName: this.deadLetterQueueName });
    }
}
