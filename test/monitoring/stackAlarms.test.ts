/** The stack's alarms, topic and dashboard as `pulumi up` would create them for the committed dev and prod stacks. */
import * as assert from "assert";
import { alarmKeyPolicy, ALARM_PUBLISHERS } from "../../components/monitoring/alarmTopicPolicies";
import { failedTaskStopPattern } from "../../components/monitoring/taskStopSettings";
import { evaluateStack } from "../../tools/offline/evaluate";
import { Plan } from "../../tools/offline/planTypes";
import { jsonInput, named, ofType, single } from "../support/planQueries";

const GIB = 1024 ** 3;
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

/** Alarm name (without the stack prefix) → threshold. */
function thresholds(plan: Plan, prefix: string): Record<string, unknown> {
    return Object.fromEntries(ofType(plan, ALARM).map((alarm) => [alarm.name.replace(prefix, ""), alarm.inputs.threshold]));
}

describe("stack alarms, alarm topic and dashboard (mocks)", () => {
    let dev: Plan;
    let prod: Plan;
    before(async () => {
        dev = await evaluateStack("dev", { alarms: { email: "imaging-it@example.org" } });
        prod = await evaluateStack("prod");
    });

    it("gives dev's alarms thresholds derived from its config (1 task, db.t4g.medium, 20 GiB, EFS, self-signed certificate)", () => {
        assert.deepStrictEqual(thresholds(dev, "orthanc-dev-monitoring-"), {
            "https-healthy-hosts": 1, "dicom-healthy-hosts": 1, "sign-in-healthy-hosts": 1, "tasks-below-desired": 0, "task-failures": 0, "rotation-rollout-failures": 0,
            "database-cpu": 80, "database-free-storage": 2 * GIB, "database-freeable-memory": Math.round(0.4 * GIB), "database-connections": 269,
            "certificate-expiry": 44, "backup-job-failures": 0, "efs-io-limit": 90, "web-5xx": 10, "web-certificate-expiry": 44,
        });
    });

    it("gives prod's alarms thresholds derived from its config (2 tasks, db.m7g.large, 100 GiB, S3, pipeline)", () => {
        assert.deepStrictEqual(thresholds(prod, "orthanc-prod-monitoring-"), {
            "https-healthy-hosts": 2, "dicom-healthy-hosts": 2, "sign-in-healthy-hosts": 1, "tasks-below-desired": 0, "task-failures": 0, "rotation-rollout-failures": 0,
            "database-cpu": 80, "database-free-storage": 10 * GIB, "database-freeable-memory": Math.round(0.8 * GIB), "database-connections": 540,
            "certificate-expiry": 44, "backup-job-failures": 0, "web-5xx": 10, "web-certificate-expiry": 44,
            "orthanc-prod-pipeline-dead-letters": 0, "orthanc-prod-pipeline-errors": 0, "orthanc-prod-pipeline-queue-age": 900,
            "orthanc-prod-pipeline-record-failures": 0,
        });
    });

    it("sends every alarm's ALARM and OK transitions to the one stack topic, encrypted with its own rotating key", () => {
        for (const [plan, prefix] of [[dev, "orthanc-dev"], [prod, "orthanc-prod"]] as const) {
            const topic = single(plan, "aws:sns/topic:Topic");
            const key = named(plan, `${prefix}-alarms-key`);
            assert.strictEqual(topic.inputs.kmsMasterKeyId, key.outputs.arn);
            assert.strictEqual(key.inputs.enableKeyRotation, true);
            assert.deepStrictEqual(jsonInput(key, "policy"), alarmKeyPolicy("123456789012", "aws"));
            for (const alarm of ofType(plan, ALARM)) {
                assert.deepStrictEqual([alarm.inputs.alarmActions, alarm.inputs.okActions], [[topic.outputs.arn], [topic.outputs.arn]], alarm.name);
            }
            const policy = jsonInput<{ Statement: Array<{ Sid: string; Principal: unknown }> }>(single(plan, "aws:sns/topicPolicy:TopicPolicy"), "policy");
            assert.deepStrictEqual(policy.Statement.find((s) => s.Sid === "ServicesPublishAlarms")?.Principal, { Service: ALARM_PUBLISHERS });
            assert.strictEqual((plan.outputs.alarmTopicArn), topic.outputs.arn);
        }
        assert.strictEqual(single(dev, "aws:sns/topicSubscription:TopicSubscription").inputs.endpoint, "imaging-it@example.org");
        assert.strictEqual(ofType(prod, "aws:sns/topicSubscription:TopicSubscription").length, 0);
    });

    it("watches healthy hosts per target group (HTTPS on the ALB, DICOM on the NLB), the ALB's own 5xx, running tasks against desired by metric math, and the certificate's DaysToExpiry", () => {
        const alarm = (suffix: string) => named(dev, `orthanc-dev-monitoring-${suffix}`);
        const alb = named(dev, "orthanc-dev-web-alb");
        const nlb = named(dev, "orthanc-dev-endpoint-nlb");
        assert.deepStrictEqual(["https", "dicom"].map((listener) => [alarm(`${listener}-healthy-hosts`).inputs.namespace, alarm(`${listener}-healthy-hosts`).inputs.dimensions]), [
            ["AWS/ApplicationELB", { LoadBalancer: alb.outputs.arnSuffix, TargetGroup: named(dev, "orthanc-dev-web-orthanc").outputs.arnSuffix }],
            ["AWS/NetworkELB", { LoadBalancer: nlb.outputs.arnSuffix, TargetGroup: named(dev, "orthanc-dev-endpoint-dicom").outputs.arnSuffix }],
        ]);
        const web5xx = alarm("web-5xx");
        assert.deepStrictEqual([web5xx.inputs.namespace, web5xx.inputs.metricName, web5xx.inputs.statistic, web5xx.inputs.dimensions, web5xx.inputs.period, web5xx.inputs.treatMissingData],
            ["AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", "Sum", { LoadBalancer: alb.outputs.arnSuffix }, 300, "notBreaching"]);
        const tasks = alarm("tasks-below-desired").inputs.metricQueries as Array<Record<string, any>>;
        assert.deepStrictEqual(tasks.map((query) => query.expression ?? query.metric.metricName), ["DesiredTaskCount", "RunningTaskCount", "m0 - m1"]);
        assert.deepStrictEqual(alarm("certificate-expiry").inputs.dimensions,
            { CertificateArn: named(dev, "orthanc-dev-endpoint-certificate-imported").outputs.arn });
        // The web tier's certificate is its own, issued at another time: it has its own alarm.
        assert.deepStrictEqual(alarm("web-certificate-expiry").inputs.dimensions,
            { CertificateArn: named(dev, "orthanc-dev-web-certificate-imported").outputs.arn });
        assert.deepStrictEqual([alarm("certificate-expiry").inputs.namespace, alarm("certificate-expiry").inputs.comparisonOperator],
            ["AWS/CertificateManager", "LessThanThreshold"]);
    });

    it("counts failed task stops from an EventBridge rule kept in an encrypted log group, and subscribes to the database's events", () => {
        const rule = named(dev, "orthanc-dev-monitoring-failed-task-stops");
        const cluster = single(dev, "aws:ecs/cluster:Cluster");
        assert.deepStrictEqual(jsonInput(rule, "eventPattern"), failedTaskStopPattern(cluster.outputs.arn as string));
        const logGroup = named(dev, "orthanc-dev-monitoring-task-stops");
        assert.strictEqual(logGroup.inputs.name, "/aws/events/orthanc-dev-task-stops");
        assert.strictEqual(logGroup.inputs.kmsKeyId, named(dev, "orthanc-dev-keys-logs").outputs.arn);
        assert.strictEqual(named(dev, "orthanc-dev-monitoring-failed-task-stops-log").inputs.arn, logGroup.outputs.arn);
        const failures = ofType(dev, ALARM).find((alarm) => alarm.name === "orthanc-dev-monitoring-task-failures")!;
        assert.deepStrictEqual(failures.inputs.dimensions, { RuleName: rule.outputs.name });
        const subscription = single(dev, "aws:rds/eventSubscription:EventSubscription");
        assert.deepStrictEqual([subscription.inputs.snsTopic, subscription.inputs.sourceType, subscription.inputs.sourceIds],
            [single(dev, "aws:sns/topic:Topic").outputs.arn, "db-instance", ["orthanc-dev-database"]]);
        assert.ok((subscription.inputs.eventCategories as string[]).includes("failover") && (subscription.inputs.eventCategories as string[]).includes("maintenance"));
    });

    it("draws the golden signals, the alarms and, with the pipeline, its queue depth and age", () => {
        const body = (plan: Plan) => jsonInput<{ widgets: Array<{ properties: { title: string; metrics?: unknown[][]; alarms?: string[] } }> }>(
            single(plan, "aws:cloudwatch/dashboard:Dashboard"), "dashboardBody");
        const titles = (plan: Plan) => body(plan).widgets.map((widget) => widget.properties.title);
        assert.deepStrictEqual(titles(dev), ["Alarms", "Traffic: web requests, DICOM TLS connections and bytes", "Errors: HTTP 5xx, TLS negotiation failures, target resets",
            "Healthy targets", "Saturation: Orthanc tasks", "Database: CPU and connections", "Latency: database reads and writes (seconds)"]);
        assert.deepStrictEqual(titles(prod).slice(-2), ["Pipeline: queue depth", "Pipeline: age of the oldest event (seconds) and indexer errors"]);
        assert.strictEqual(body(prod).widgets[0].properties.alarms?.length, ofType(prod, ALARM).filter((alarm) => alarm.name.includes("-monitoring-")).length);
        const queue = single(prod, "aws:sqs/queue:Queue", "-events");
        assert.deepStrictEqual(body(prod).widgets.at(-2)?.properties.metrics?.[0], ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", queue.outputs.name, { label: "events" }]);
    });
});
