/**
 * The stack's one alarm topic: every alarm and event notification of the stack goes here, encrypted with a key of
 * its own whose policy admits exactly the AWS services that publish to it; an e-mail address may subscribe.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { alarmKeyPolicy, alarmTopicPolicy } from "./alarmTopicPolicies";

export interface AlarmTopicArgs {
    /** `alias/<prefix>-alarms` names the key. */
    aliasPrefix: string;
    /** `alarms.email`: subscribed when set (the address confirms the subscription by e-mail). */
    email?: string;
    /** Protect the key from `pulumi destroy`, like the stack's other keys (`protectDataStores`). @default false */
    protect?: boolean;
}

export class AlarmTopic extends pulumi.ComponentResource {
    readonly topicArn: pulumi.Output<string>;
    readonly keyArn: pulumi.Output<string>;

    constructor(name: string, args: AlarmTopicArgs, opts?: pulumi.ComponentResourceOptions) {
        super("orthanc-aws:monitoring:AlarmTopic", name, {}, opts);
        const identity = aws.getCallerIdentityOutput({}, { parent: this });
        const partition = aws.getPartitionOutput({}, { parent: this });
        const key = new aws.kms.Key(`${name}-key`, {
            description: "Alarm topic of the Orthanc stack",
            enableKeyRotation: true,
            deletionWindowInDays: 30,
            policy: pulumi.all([identity.accountId, partition.partition]).apply(([accountId, partitionName]) =>
                JSON.stringify(alarmKeyPolicy(accountId, partitionName))),
        }, { parent: this, protect: args.protect ?? false });
        new aws.kms.Alias(`${name}-key-alias`, { name: `alias/${args.aliasPrefix}-alarms`, targetKeyId: key.keyId }, { parent: this });
        const topic = new aws.sns.Topic(`${name}-topic`, { kmsMasterKeyId: key.arn }, { parent: this });
        new aws.sns.TopicPolicy(`${name}-topic-policy`, {
            arn: topic.arn,
            policy: pulumi.all([topic.arn, identity.accountId]).apply(([topicArn, accountId]) => JSON.stringify(alarmTopicPolicy(topicArn, accountId))),
        }, { parent: this });
        if (args.email !== undefined) {
            new aws.sns.TopicSubscription(`${name}-email`, { topic: topic.arn, protocol: "email", endpoint: args.email }, { parent: this });
        }
        this.topicArn = topic.arn;
        this.keyArn = key.arn;
        this.registerOutputs({ topicArn: this.topicArn, keyArn: this.keyArn });
    }
}
