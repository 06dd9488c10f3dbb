import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { serviceTrustPolicy } from "../security";

export interface FlowLogsArgs {
    vpcId: pulumi.Input<string>;
    logsKeyArn: pulumi.Input<string>;
    logRetentionDays: number;
}

/** VPC flow logs of all accepted and rejected traffic into a KMS-encrypted CloudWatch log group (audit controls). */
export class FlowLogs extends pulumi.ComponentResource {
    readonly logGroupName: pulumi.Output<string>;

    constructor(name: string, args: FlowLogsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("orthanc-aws:network:FlowLogs", name, {}, opts);
        const identity = aws.getCallerIdentityOutput({}, { parent: this });

        const logGroup = new aws.cloudwatch.LogGroup(`${name}-group`, {
            kmsKeyId: args.logsKeyArn,
            retentionInDays: args.logRetentionDays,
        }, { parent: this });

        const role = new aws.iam.Role(`${name}-role`, {
            description: "VPC flow logs write to their log group",
            assumeRolePolicy: identity.accountId.apply((accountId) => JSON.stringify(
                serviceTrustPolicy("vpc-flow-logs.amazonaws.com", { StringEquals: { "aws:SourceAccount": accountId } }))),
        }, { parent: this });

        new aws.iam.RolePolicy(`${name}-write`, {
            role: role.id,
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [{
                    Effect: "Allow",
                    Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                    Resource: [logGroup.arn, pulumi.interpolate`${logGroup.arn}:*`],
                }],
            }),
        }, { parent: this });

        new aws.ec2.FlowLog(`${name}`, {
            vpcId: args.vpcId,
            trafficType: "ALL",
            logDestinationType: "cloud-watch-logs",
            logDestination: logGroup.arn,
            iamRoleArn: role.arn,
            maxAggregationInterval: 60,
        }, { parent: this });

        this.logGroupName = logGroup.name;
        this.registerOutputs({ logGroupName: this.logGroupName });
    }
}
