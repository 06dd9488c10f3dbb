/**
 * Rotation without outage: ECS reads secrets only when a task starts, so after the database or admin secret changes
 * (RDS rotates the managed master password every 7 days) the running tasks hold a password that no longer opens new
 * connections. When a secret's AWSCURRENT label moves, Secrets Manager's own EventBridge event (no CloudTrail trail
 * needed) starts a Step Functions state machine whose single task calls ECS `UpdateService` with
 * `forceNewDeployment`: the service rolls to tasks that read the new value, old tasks keep their open connections
 * until they are replaced. https://docs.aws.amazon.com/secretsmanager/latest/userguide/event-detail-secret-label-updated-secretsmanager.html
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { serviceTrustPolicy } from "../security";

/** The event pattern: a new current value of one of the task's secrets. */
export function secretRotatedPattern(secretArns: string[]): object {
    return {
        source: ["aws.secretsmanager"],
        "detail-type": ["Secret Label Updated"],
        resources: secretArns,
        detail: { labelUpdated: ["AWSCURRENT"] },
    };
}

/**
 * One Step Functions task using the AWS SDK integration (no code to maintain), retried on throttling and on a
 * deployment that ECS is still creating. https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html
 */
export function forcedDeploymentDefinition(clusterArn: string, serviceName: string): object {
    return {
        Comment: "Roll the Orthanc service to tasks that read the rotated secrets",
        StartAt: "ForceNewDeployment",
        States: {
            ForceNewDeployment: {
                Type: "Task",
                Resource: "arn:aws:states:::aws-sdk:ecs:updateService",
                Parameters: { Cluster: clusterArn, Service: serviceName, ForceNewDeployment: true },
                Retry: [{ ErrorEquals: ["Ecs.EcsException", "Ecs.ThrottlingException", "States.Timeout"], IntervalSeconds: 30, MaxAttempts: 5, BackoffRate: 2 }],
                End: true,
            },
        },
    };
}

export interface SecretRotationRolloutArgs {
    clusterArn: pulumi.Input<string>;
    serviceName: pulumi.Input<string>;
    /** ARN of the ECS service (what the state machine may update, nothing else). */
    serviceArn: pulumi.Input<string>;
    /** Secrets the tasks read at start (every one: OrthancTask derives them from its container definitions). */
    secretArns: pulumi.Input<pulumi.Input<string>[]>;
}

export class SecretRotationRollout extends pulumi.ComponentResource {
    readonly stateMachineArn: pulumi.Output<string>;
    readonly ruleName: pulumi.Output<string>;

    constructor(name: string, args: SecretRotationRolloutArgs, opts?: pulumi.ComponentResourceOptions) {
        super("orthanc-aws:compute:SecretRotationRollout", name, {}, opts);
        const machineRole = new aws.iam.Role(`${name}-machine-role`, {
            description: "Forces a new deployment of the Orthanc service after a secret rotation",
            assumeRolePolicy: JSON.stringify(serviceTrustPolicy("states.amazonaws.com")),
        }, { parent: this });
        const machinePolicy = new aws.iam.RolePolicy(`${name}-machine-access`, {
            role: machineRole.id,
            policy: pulumi.output(args.serviceArn).apply((serviceArn) => JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Sid: "ForceNewDeploymentOfOrthanc", Effect: "Allow", Action: ["ecs:UpdateService"], Resource: serviceArn }],
            })),
        }, { parent: this });
        const machine = new aws.sfn.StateMachine(`${name}-machine`, {
            type: "STANDARD",
            roleArn: machineRole.arn,
            definition: pulumi.all([args.clusterArn, args.serviceName]).apply(([clusterArn, serviceName]) =>
                JSON.stringify(forcedDeploymentDefinition(clusterArn, serviceName))),
        }, { parent: this, dependsOn: [machinePolicy] });

        const eventsRole = new aws.iam.Role(`${name}-events-role`, {
            description: "EventBridge starting the secret-rotation rollout",
            assumeRolePolicy: JSON.stringify(serviceTrustPolicy("events.amazonaws.com")),
        }, { parent: this });
        new aws.iam.RolePolicy(`${name}-events-access`, {
            role: eventsRole.id,
            policy: machine.arn.apply((machineArn) => JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Sid: "StartRollout", Effect: "Allow", Action: ["states:StartExecution"], Resource: machineArn }],
            })),
        }, { parent: this });
        const rule = new aws.cloudwatch.EventRule(`${name}-rotated`, {
            description: "A secret of the Orthanc tasks has a new current value",
            eventPattern: pulumi.output(args.secretArns).apply((arns) => JSON.stringify(secretRotatedPattern(arns))),
        }, { parent: this });
        new aws.cloudwatch.EventTarget(`${name}-rollout`, {
            rule: rule.name,
            arn: machine.arn,
            roleArn: eventsRole.arn,
        }, { parent: this });

        this.stateMachineArn = machine.arn;
        this.ruleName = rule.name;
        this.registerOutputs({ stateMachineArn: this.stateMachineArn, ruleName: this.ruleName });
    }
}
