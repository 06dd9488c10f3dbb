/** Who may publish to the alarm topic and use its key: this account's IAM, and the AWS services that notify it. */

/**
 * Services that publish into the topic on the stack's behalf: CloudWatch alarms, RDS event subscriptions,
 * EventBridge rules and AWS Budgets alerts. Encrypted topics need each of them in the key policy.
 * https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services,
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Events.overview.html
 */
export const ALARM_PUBLISHERS = ["cloudwatch.amazonaws.com", "events.rds.amazonaws.com", "events.amazonaws.com", "budgets.amazonaws.com"];

export function alarmKeyPolicy(accountId: string, partition: string): object {
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "AccountIamControlsKeyUse", Effect: "Allow", Principal: { AWS: `arn:${partition}:iam::${accountId}:root` }, Action: "kms:*", Resource: "*" },
            {
                Sid: "ServicesPublishToTheAlarmTopic",
                Effect: "Allow",
                Principal: { Service: ALARM_PUBLISHERS },
                Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
                Resource: "*",
                Condition: { StringEquals: { "aws:SourceAccount": accountId } },
            },
        ],
    };
}

export function alarmTopicPolicy(topicArn: string, accountId: string): object {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "AccountManagesTheTopic",
                Effect: "Allow",
                Principal: { AWS: accountId },
                Action: ["sns:Publish", "sns:Subscribe", "sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:ListSubscriptionsByTopic"],
                Resource: topicArn,
            },
            {
                Sid: "ServicesPublishAlarms",
                Effect: "Allow",
                Principal: { Service: ALARM_PUBLISHERS },
                Action: "sns:Publish",
                Resource: topicArn,
                Condition: { StringEquals: { "aws:SourceAccount": accountId } },
            },
            {
                Sid: "DenyInsecureTransport",
                Effect: "Deny",
                Principal: "*",
                Action: "sns:Publish",
                Resource: topicArn,
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ],
    };
}
