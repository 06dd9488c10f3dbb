/**
 * The service's CloudWatch dashboard as data: the golden signals (traffic, errors, saturation, latency where AWS
 * measures it), the alarms' states, and the metadata pipeline's queue depth and age.
 */

export interface DashboardTargets {
    region: string;
    loadBalancer: string;
    webLoadBalancer: string;
    httpTargetGroup: string;
    dicomTargetGroup: string;
    clusterName: string;
    serviceName: string;
    databaseIdentifier: string;
    alarmArns: string[];
    pipeline?: { queueName: string; deadLetterQueueName: string; functionName: string };
}

type Metric = (string | Record<string, unknown>)[];

function widget(title: string, metrics: Metric[], region: string, x: number, y: number, extra: Record<string, unknown> = {}): object {
    return { type: "metric", x, y, width: 12, height: 6, properties: { title, metrics, region, view: "timeSeries", stat: "Sum", period: 60, ...extra } };
}

export function dashboardBody(targets: DashboardTargets): { widgets: object[] } {
    const { region } = targets;
    const lb = ["LoadBalancer", targets.loadBalancer];
    const alb = ["LoadBalancer", targets.webLoadBalancer];
    const service = ["ClusterName", targets.clusterName, "ServiceName", targets.serviceName];
    const db = ["DBInstanceIdentifier", targets.databaseIdentifier];
    const widgets: object[] = [
        { type: "alarm", x: 0, y: 0, width: 24, height: 4, properties: { title: "Alarms", alarms: targets.alarmArns, sortBy: "stateUpdatedTimestamp" } },
        widget("Traffic: web requests, DICOM TLS connections and bytes", [
            ["AWS/ApplicationELB", "RequestCount", ...alb, { label: "HTTPS requests" }],
            ["AWS/NetworkELB", "NewFlowCount_TLS", ...lb, { label: "DICOM TLS connections" }],
            ["AWS/ApplicationELB", "ProcessedBytes", ...alb, { yAxis: "right", label: "HTTPS bytes" }],
            ["AWS/NetworkELB", "ProcessedBytes_TLS", ...lb, { yAxis: "right", label: "DICOM bytes" }],
        ], region, 0, 4),
        widget("Errors: HTTP 5xx, TLS negotiation failures, target resets", [
            ["AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", ...alb],
            ["AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", ...alb],
            ["AWS/ApplicationELB", "ClientTLSNegotiationErrorCount", ...alb, { label: "HTTPS TLS negotiation errors" }],
            ["AWS/NetworkELB", "ClientTLSNegotiationErrorCount", ...lb, { label: "DICOM TLS negotiation errors" }],
            ["AWS/NetworkELB", "TCP_Target_Reset_Count", ...lb],
        ], region, 12, 4),
        widget("Healthy targets", [
            ["AWS/ApplicationELB", "HealthyHostCount", ...alb, "TargetGroup", targets.httpTargetGroup, { label: "HTTPS" }],
            ["AWS/NetworkELB", "HealthyHostCount", ...lb, "TargetGroup", targets.dicomTargetGroup, { label: "DICOM" }],
        ], region, 0, 10, { stat: "Minimum" }),
        widget("Saturation: Orthanc tasks", [
            ["AWS/ECS", "CPUUtilization", ...service],
            ["AWS/ECS", "MemoryUtilization", ...service],
            ["ECS/ContainerInsights", "RunningTaskCount", ...service, { yAxis: "right" }],
            ["ECS/ContainerInsights", "DesiredTaskCount", ...service, { yAxis: "right" }],
        ], region, 12, 10, { stat: "Average" }),
        widget("Database: CPU and connections", [
            ["AWS/RDS", "CPUUtilization", ...db],
            ["AWS/RDS", "DatabaseConnections", ...db, { yAxis: "right" }],
        ], region, 0, 16, { stat: "Average" }),
        widget("Latency: database reads and writes (seconds)", [
            ["AWS/RDS", "ReadLatency", ...db],
            ["AWS/RDS", "WriteLatency", ...db],
        ], region, 12, 16, { stat: "Average" }),
    ];
    if (targets.pipeline !== undefined) {
        const { queueName, deadLetterQueueName, functionName } = targets.pipeline;
        widgets.push(
            widget("Pipeline: queue depth", [
                ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", queueName, { label: "events" }],
                ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", deadLetterQueueName, { label: "dead letters" }],
            ], region, 0, 22, { stat: "Maximum" }),
            widget("Pipeline: age of the oldest event (seconds) and indexer errors", [
                ["AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", queueName, { stat: "Maximum" }],
                ["AWS/Lambda", "Errors", "FunctionName", functionName, { yAxis: "right" }],
            ], region, 12, 22),
        );
    }
    return { widgets };
}
