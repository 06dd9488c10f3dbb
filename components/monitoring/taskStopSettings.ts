/**
 * Which ECS task stops are failures: a task that could not start, whose essential container exited, or that ECS
 * stopped for failing its container or load-balancer health checks. Stops of deployments and scale-in are routine.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs_task_events.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/stopped-task-error-codes.html
 */
export function failedTaskStopPattern(clusterArn: string): object {
    return {
        source: ["aws.ecs"],
        "detail-type": ["ECS Task State Change"],
        detail: {
            clusterArn: [clusterArn],
            lastStatus: ["STOPPED"],
            $or: [
                { stopCode: ["TaskFailedToStart", "EssentialContainerExited"] },
                { stoppedReason: [{ prefix: "Task failed" }] },
            ],
        },
    };
}

/** RDS event categories worth a page: failovers, maintenance, failures, storage and availability. https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Events.Messages.html */
export const RDS_EVENT_CATEGORIES = ["availability", "failover", "failure", "low storage", "maintenance", "notification", "recovery"];

/**
 * The resource policy that lets EventBridge write matched events into the stack's log groups under `/aws/events/`.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-cloudwatchlogs-permissions
 */
export function eventsToLogsPolicy(logGroupArn: string, ruleArn: string): object {
    return {
        Version: "2012-10-17",
        Statement: [{
            Sid: "EventBridgeWritesTaskStops",
            Effect: "Allow",
            Principal: { Service: ["events.amazonaws.com", "delivery.logs.amazonaws.com"] },
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: `${logGroupArn}:*`,
            Condition: { ArnEquals: { "aws:SourceArn": ruleArn } },
        }],
    };
}
