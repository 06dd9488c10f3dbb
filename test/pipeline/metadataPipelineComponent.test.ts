import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { MetadataPipeline, MetadataPipelineArgs } from "../../components/pipeline/metadataPipeline";
import {
    FUNCTION_TIMEOUT_SECONDS, globalSecondaryIndexes, indexerPolicy, QUEUE_VISIBILITY_TIMEOUT_SECONDS, SECONDARY_INDEXES,
} from "../../components/pipeline/metadataPipelineSettings";
import { FAILED_OUTCOME } from "../../components/pipeline/indexer/outcomes";
import { Plan } from "../../tools/offline/planTypes";
import { evaluateComponents, jsonInput, ofType, single } from "../support/planQueries";

const KEYS = {
    data: "arn:aws:kms:us-east-1:123456789012:key/data",
    pipeline: "arn:aws:kms:us-east-1:123456789012:key/pipeline",
    logs: "arn:aws:kms:us-east-1:123456789012:key/logs",
};
const BUCKET_ARN = "arn:aws:s3:::orthanc-images";
const ALARM_TOPIC = "arn:aws:sns:us-east-1:123456789012:orthanc-alarms";

function pipelinePlan(overrides: Partial<MetadataPipelineArgs> = {}): Promise<Plan> {
    return evaluateComponents(() => {
        new MetadataPipeline("pipe", {
            bucketName: "orthanc-images",
            bucketArn: BUCKET_ARN,
            dataKeyArn: KEYS.data,
            pipelineKeyArn: KEYS.pipeline,
            logsKeyArn: KEYS.logs,
            vpcId: "vpc-1",
            privateSubnetIds: ["subnet-a", "subnet-b"],
            gatewayPrefixListIds: ["pl-s3", "pl-ddb"],
            code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => ({ batchItemFailures: [] });") }),
            maxConcurrency: 7,
            logRetentionDays: 365,
            alarmTopicArn: ALARM_TOPIC,
            protect: true,
            ...overrides,
        });
    });
}

describe("metadata pipeline component", () => {
    let plan: Plan;
    before(async () => { plan = await pipelinePlan(); });

    it("sends only .dcm created/removed events of the bucket to an encrypted queue with a dead-letter queue", () => {
        const notification = single(plan, "aws:s3/bucketNotification:BucketNotification");
        const queue = single(plan, "aws:sqs/queue:Queue", "-events");
        const dlq = single(plan, "aws:sqs/queue:Queue", "-dead-letters");
        assert.strictEqual(notification.inputs.bucket, "orthanc-images");
        assert.deepStrictEqual(notification.inputs.queues, [{ queueArn: queue.outputs.arn, events: ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"], filterSuffix: ".dcm" }]);
        for (const q of [queue, dlq]) assert.strictEqual(q.inputs.kmsMasterKeyId, KEYS.pipeline);
        assert.deepStrictEqual(jsonInput(queue, "redrivePolicy"), { deadLetterTargetArn: dlq.outputs.arn, maxReceiveCount: 5 });
        assert.ok((queue.inputs.visibilityTimeoutSeconds as number) >= 6 * FUNCTION_TIMEOUT_SECONDS);
        assert.strictEqual(queue.inputs.visibilityTimeoutSeconds, QUEUE_VISIBILITY_TIMEOUT_SECONDS);
        assert.ok(notification.options.dependsOn.includes(single(plan, "aws:sqs/queuePolicy:QueuePolicy").urn), "S3 validates the queue policy when the notification is created");
    });

    it("admits only this bucket's events, over TLS", () => {
        const policy = jsonInput(single(plan, "aws:sqs/queuePolicy:QueuePolicy"), "policy");
        const queueArn = single(plan, "aws:sqs/queue:Queue", "-events").outputs.arn;
        assert.deepStrictEqual(policy.Statement[0], {
            Sid: "ImageBucketEventsOnly", Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sqs:SendMessage", Resource: queueArn,
            Condition: { ArnEquals: { "aws:SourceArn": BUCKET_ARN }, StringEquals: { "aws:SourceAccount": "123456789012" } },
        });
        assert.deepStrictEqual(policy.Statement[1].Condition, { Bool: { "aws:SecureTransport": false } });
        assert.strictEqual(policy.Statement[1].Effect, "Deny");
    });

    it("runs the indexer on Node.js 22 arm64 in the private subnets with encrypted environment and logs", () => {
        const fn = single(plan, "aws:lambda/function:Function");
        const logGroup = single(plan, "aws:cloudwatch/logGroup:LogGroup");
        assert.deepStrictEqual([fn.inputs.runtime, fn.inputs.architectures, fn.inputs.handler], ["nodejs22.x", ["arm64"], "index.handler"]);
        assert.strictEqual(fn.inputs.reservedConcurrentExecutions, undefined, "no reservation unless asked (see below)");
        assert.strictEqual(fn.inputs.kmsKeyArn, KEYS.pipeline);
        assert.strictEqual(fn.inputs.timeout, FUNCTION_TIMEOUT_SECONDS);
        assert.deepStrictEqual((fn.inputs.vpcConfig as any).subnetIds, ["subnet-a", "subnet-b"]);
        assert.deepStrictEqual(fn.inputs.loggingConfig, { logFormat: "JSON", logGroup: logGroup.outputs.name });
        assert.deepStrictEqual([logGroup.inputs.kmsKeyId, logGroup.inputs.retentionInDays], [KEYS.logs, 365]);
        assert.strictEqual((fn.inputs.environment as any).variables.TABLE_NAME, single(plan, "aws:dynamodb/table:Table").outputs.name);
        assert.strictEqual((fn.inputs.environment as any).variables.BUCKET_NAME, "orthanc-images");
        assert.deepStrictEqual(fn.inputs.code, { archive: ["index.js"] });
        const sg = single(plan, "aws:ec2/securityGroup:SecurityGroup");
        assert.strictEqual(sg.inputs.ingress, undefined);
        assert.deepStrictEqual(sg.inputs.egress, [{ protocol: "tcp", fromPort: 443, toPort: 443, prefixListIds: ["pl-s3", "pl-ddb"], description: "S3 and DynamoDB" }]);
    });

    it("reports partial batch failures, caps concurrency at the event source and reserves none by default", () => {
        const mapping = single(plan, "aws:lambda/eventSourceMapping:EventSourceMapping");
        assert.deepStrictEqual(mapping.inputs.functionResponseTypes, ["ReportBatchItemFailures"]);
        assert.strictEqual(mapping.inputs.eventSourceArn, single(plan, "aws:sqs/queue:Queue", "-events").outputs.arn);
        assert.ok((mapping.inputs.maximumBatchingWindowInSeconds as number) > 0);
        assert.deepStrictEqual(mapping.inputs.scalingConfig, { maximumConcurrency: 7 });
        assert.strictEqual(single(plan, "aws:lambda/function:Function").inputs.reservedConcurrentExecutions, undefined);
    });

    it("reserves concurrency only when asked", async () => {
        const reserved = await pipelinePlan({ reservedConcurrency: 12 });
        assert.strictEqual(single(reserved, "aws:lambda/function:Function").inputs.reservedConcurrentExecutions, 12);
    });

    it("grants the function exactly its reads and writes, on the named resources", () => {
        const policy = jsonInput<{ Statement: Array<{ Sid: string; Action: string | string[]; Resource: unknown }> }>(single(plan, "aws:iam/rolePolicy:RolePolicy"), "policy");
        const table = single(plan, "aws:dynamodb/table:Table");
        const queue = single(plan, "aws:sqs/queue:Queue", "-events");
        const logGroup = single(plan, "aws:cloudwatch/logGroup:LogGroup");
        assert.deepStrictEqual(policy, indexerPolicy({ bucketArn: BUCKET_ARN, dataKeyArn: KEYS.data, queueArn: queue.outputs.arn as string,
            pipelineKeyArn: KEYS.pipeline, tableArn: table.outputs.arn as string, logGroupArn: logGroup.outputs.arn as string }));
        for (const statement of policy.Statement) {
            const actions = [statement.Action].flat() as string[];
            assert.ok(actions.every((action) => !action.endsWith(":*") && action !== "*"), `${statement.Sid} uses a wildcard action`);
            if (statement.Resource === "*") assert.strictEqual(statement.Sid, "AttachToVpc", "only the ENI calls may be unscoped");
        }
        assert.deepStrictEqual(policy.Statement.find((s: any) => s.Sid === "ReadDicomHeaders"), { Sid: "ReadDicomHeaders", Effect: "Allow", Action: "s3:GetObject", Resource: `${BUCKET_ARN}/*` });
        assert.deepStrictEqual(policy.Statement.find((s: any) => s.Sid === "SeeRemovedObjects"), { Sid: "SeeRemovedObjects", Effect: "Allow", Action: "s3:ListBucket", Resource: BUCKET_ARN });
    });

    it("keeps headers in an on-demand, CMK-encrypted table with PITR, deletion protection and study/patient indexes", () => {
        const table = single(plan, "aws:dynamodb/table:Table");
        assert.strictEqual(table.inputs.billingMode, "PAY_PER_REQUEST");
        assert.strictEqual(table.inputs.hashKey, "pk");
        assert.deepStrictEqual(table.inputs.serverSideEncryption, { enabled: true, kmsKeyArn: KEYS.pipeline });
        assert.deepStrictEqual(table.inputs.pointInTimeRecovery, { enabled: true });
        assert.strictEqual(table.inputs.deletionProtectionEnabled, true);
        assert.strictEqual(table.options.protect, true);
        const indexes = table.inputs.globalSecondaryIndexes as Array<{ name: string; hashKey: string; rangeKey: string; projectionType: string; nonKeyAttributes: string[] }>;
        assert.deepStrictEqual(indexes.map((index) => [index.hashKey, index.rangeKey]), SECONDARY_INDEXES.map((index) => [index.hashKey, index.rangeKey]));
        assert.ok(indexes.some((index) => index.hashKey === "StudyInstanceUID") && indexes.some((index) => index.hashKey === "PatientID"));
        for (const index of indexes) {
            assert.strictEqual(index.projectionType, "INCLUDE");
            assert.ok(!index.nonKeyAttributes.includes("dicom"), "indexes must not copy whole headers");
        }
        const declared = (table.inputs.attributes as Array<{ name: string }>).map((attribute) => attribute.name).sort();
        const used = [...new Set(["pk", ...indexes.flatMap((index) => [index.hashKey, index.rangeKey])])].sort();
        assert.deepStrictEqual(declared, used, "DynamoDB requires exactly the key attributes to be declared");
    });

    it("lifts every index key the indexer writes as a string", () => {
        for (const index of globalSecondaryIndexes()) {
            for (const key of [index.hashKey, index.rangeKey]) assert.ok(!["SeriesNumber", "InstanceNumber"].includes(key), `${key} is a number in items`);
        }
    });

    it("alarms on dead letters, errors and queue age into the stack's alarm topic, with no topic of its own", () => {
        assert.strictEqual(ofType(plan, "aws:sns/topic:Topic").length, 0);
        const alarms = ofType(plan, "aws:cloudwatch/metricAlarm:MetricAlarm");
        assert.deepStrictEqual(alarms.map((alarm) => alarm.inputs.metricName).sort(),
            ["ApproximateAgeOfOldestMessage", "ApproximateNumberOfMessagesVisible", "Errors", "pipe-record-failures"]);
        const dlq = single(plan, "aws:sqs/queue:Queue", "-dead-letters");
        const deadLetters = alarms.find((alarm) => alarm.inputs.metricName === "ApproximateNumberOfMessagesVisible")!;
        assert.deepStrictEqual(deadLetters.inputs.dimensions, { QueueName: dlq.outputs.name });
        for (const alarm of alarms) assert.deepStrictEqual([alarm.inputs.alarmActions, alarm.inputs.okActions], [[ALARM_TOPIC], [ALARM_TOPIC]]);
    });

    it("counts the records the indexer fails from its JSON logs and alarms on any, into the same topic", () => {
        const filter = single(plan, "aws:cloudwatch/logMetricFilter:LogMetricFilter");
        const logGroup = single(plan, "aws:cloudwatch/logGroup:LogGroup");
        assert.strictEqual(filter.inputs.logGroupName, logGroup.outputs.name);
        assert.strictEqual(filter.inputs.pattern, `{ $.outcome = "${FAILED_OUTCOME}" }`);
        assert.deepStrictEqual(filter.inputs.metricTransformation,
            { namespace: "OrthancAws/DicomIndexer", name: "pipe-record-failures", value: "1", unit: "Count" });
        const alarm = ofType(plan, "aws:cloudwatch/metricAlarm:MetricAlarm").find((a) => a.inputs.metricName === "pipe-record-failures")!;
        assert.deepStrictEqual([alarm.inputs.namespace, alarm.inputs.statistic, alarm.inputs.threshold, alarm.inputs.comparisonOperator, alarm.inputs.dimensions],
            ["OrthancAws/DicomIndexer", "Sum", 0, "GreaterThanThreshold", undefined]);
        assert.deepStrictEqual([alarm.inputs.alarmActions, alarm.inputs.okActions], [[ALARM_TOPIC], [ALARM_TOPIC]]);
    });

    it("leaves the table destroyable when asked", async () => {
        const devPlan = await pipelinePlan({ protect: false });
        const table = single(devPlan, "aws:dynamodb/table:Table");
        assert.strictEqual(table.inputs.deletionProtectionEnabled, false);
        assert.strictEqual(table.options.protect, false);
    });
});
