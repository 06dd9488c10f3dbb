/**
 * The stack's alarms and dashboard: one CloudWatch alarm per `serviceAlarmSpecs` entry with ALARM and OK actions on
 * the alarm topic, failed task stops caught by an EventBridge rule (kept in a log group, counted by the alarm), the
 * database's own events through an RDS event subscription, and a dashboard of the golden signals.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AlarmFacts, AlarmSpec, AlarmTargets, serviceAlarmSpecs } from "./alarmSettings";
import { dashboardBody, DashboardTargets } from "./dashboardBody";
import { eventsToLogsPolicy, failedTaskStopPattern, RDS_EVENT_CATEGORIES } from "./taskStopSettings";

export interface ServiceMonitoringArgs {
    /** `<namespace>-<stack>`: names the log group of task stops and the dashboard. */
    namePrefix: string;
    region: string;
    facts: AlarmFacts;
    alarmTopicArn: pulumi.Input<string>;
    clusterArn: pulumi.Input<string>;
    targets: Omit<AlarmTargets, "taskStopRuleName">;
    logsKeyArn: pulumi.Input<string>;
    logRetentionDays: number;
    /** The metadata pipeline's queues and function, shown on the dashboard. */
    pipeline?: { queueName: pulumi.Input<string>; deadLetterQueueName: pulumi.Input<string>; functionName: pulumi.Input<string> };
}

export class ServiceMonitoring extends pulumi.ComponentResource {
    readonly alarmNames: pulumi.Output<string>[];
    readonly dashboardName: pulumi.Output<string>;
    readonly taskStopLogGroupName: pulumi.Output<string>;

    constructor(name: string, args: ServiceMonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
        super("orthanc-aws:monitoring:ServiceMonitoring", name, {}, opts);
        const actions = { alarmActions: [args.alarmTopicArn], okActions: [args.alarmTopicArn] };

        const stops = new aws.cloudwatch.LogGroup(`${name}-task-stops`, {
            // EventBridge writes only into log groups under /aws/events/.
            name: `/aws/events/${args.namePrefix}-task-stops`,
            kmsKeyId: args.logsKeyArn,
            retentionInDays: args.logRetentionDays,
        }, { parent: this });
        const rule = new aws.cloudwatch.EventRule(`${name}-failed-task-stops`, {
            description: "Orthanc tasks that failed to start, exited or failed their health checks",
            eventPattern: pulumi.output(args.clusterArn).apply((clusterArn) => JSON.stringify(failedTaskStopPattern(clusterArn))),
        }, { parent: this });
        const logsPolicy = new aws.cloudwatch.LogResourcePolicy(`${name}-task-stops-policy`, {
            policyName: `${args.namePrefix}-task-stops`,
            policyDocument: pulumi.all([stops.arn, rule.arn]).apply(([logGroupArn, ruleArn]) => JSON.stringify(eventsToLogsPolicy(logGroupArn, ruleArn))),
        }, { parent: this });
        new aws.cloudwatch.EventTarget(`${name}-failed-task-stops-log`, { rule: rule.name, arn: stops.arn }, { parent: this, dependsOn: [logsPolicy] });

        new aws.rds.EventSubscription(`${name}-database-events`, {
            snsTopic: args.alarmTopicArn,
            sourceType: "db-instance",
            sourceIds: [args.targets.databaseIdentifier],
            eventCategories: RDS_EVENT_CATEGORIES,
        }, { parent: this });

        const specs = serviceAlarmSpecs(args.facts, { ...args.targets, taskStopRuleName: rule.name });
        const alarms = specs.map((spec) => new aws.cloudwatch.MetricAlarm(`${name}-${spec.key}`, {
            alarmDescription: spec.description,
            ...metricInputs(spec),
            evaluationPeriods: spec.evaluationPeriods,
            datapointsToAlarm: spec.datapointsToAlarm,
            comparisonOperator: spec.comparisonOperator,
            threshold: spec.threshold,
            treatMissingData: spec.treatMissingData,
            ...actions,
        }, { parent: this }));

        const dashboard = new aws.cloudwatch.Dashboard(`${name}-dashboard`, {
            dashboardName: `${args.namePrefix}-orthanc`,
            dashboardBody: pulumi.all({
                loadBalancer: args.targets.loadBalancer,
                webLoadBalancer: args.targets.webLoadBalancer,
                httpTargetGroup: args.targets.httpTargetGroup,
                dicomTargetGroup: args.targets.dicomTargetGroup,
                clusterName: args.targets.clusterName,
                serviceName: args.targets.serviceName,
                databaseIdentifier: args.targets.databaseIdentifier,
                alarmArns: alarms.map((alarm) => alarm.arn),
                pipeline: args.pipeline === undefined ? undefined : pulumi.all(args.pipeline),
            }).apply((values) => JSON.stringify(dashboardBody({ region: args.region, ...values } as DashboardTargets))),
        }, { parent: this });

        this.alarmNames = alarms.map((alarm) => alarm.name);
        this.dashboardName = dashboard.dashboardName;
        this.taskStopLogGroupName = stops.name;
        this.registerOutputs({ dashboardName: this.dashboardName, taskStopLogGroupName: this.taskStopLogGroupName });
    }
}

/** One metric, or metric math over several (ids m0, m1, …) with the expression as the returned series. */
function metricInputs(spec: AlarmSpec): Partial<aws.cloudwatch.MetricAlarmArgs> {
    if (spec.expression === undefined) {
        const [metric] = spec.metrics;
        return { namespace: metric.namespace, metricName: metric.metricName, statistic: metric.statistic, dimensions: metric.dimensions, period: spec.period };
    }
    return {
        metricQueries: [
            ...spec.metrics.map((metric, index) => ({
                id: `m${index}`,
                returnData: false,
                metric: { namespace: metric.namespace, metricName: metric.metricName, stat: metric.statistic, dimensions: metric.dimensions, period: spec.period },
            })),
            { id: "e0", expression: spec.expression, label: spec.description, returnData: true },
        ],
    };
}
