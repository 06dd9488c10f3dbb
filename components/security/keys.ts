import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { KeyDomain, keyPolicy, KeyPolicyUses } from "./keyPolicies";

export interface EncryptionKeysArgs extends KeyPolicyUses {
    /** Resource-name prefix used in the key aliases (`alias/<namespace>-<stack>-data`). */
    aliasPrefix: string;
    region: string;
    /**
     * Protect the keys from `pulumi destroy`: kept databases, snapshots, recovery points and logs stay readable only
     * while their key exists.
     * @default true
     */
    protect?: boolean;
    /**
     * Days KMS waits before deleting a key scheduled for deletion.
     * @default 30 (the maximum: a deleted key makes everything it encrypted unreadable)
     */
    deletionWindowInDays?: number;
}

const DESCRIPTIONS: Record<KeyDomain, string> = {
    data: "PHI at rest: database, file system, image bucket, secrets, EBS, container images, backups",
    logs: "CloudWatch log groups and load-balancer access logs",
    pipeline: "Metadata pipeline: queues, topic, DynamoDB table, Lambda environment",
};

/** One customer-managed, rotating KMS key per data domain, so access to each can be granted and audited apart. */
export class EncryptionKeys extends pulumi.ComponentResource {
    readonly data: aws.kms.Key;
    readonly logs: aws.kms.Key;
    readonly pipeline: aws.kms.Key;

    constructor(name: string, args: EncryptionKeysArgs, opts?: pulumi.ComponentResourceOptions) {
        super("orthanc-aws:security:EncryptionKeys", name, {}, opts);
        const deletionWindowInDays = args.deletionWindowInDays ?? 30;
        const protect = args.protect ?? true;
        const identity = aws.getCallerIdentityOutput({}, { parent: this });
        const partition = aws.getPartitionOutput({}, { parent: this });

        const createKey = (domain: KeyDomain): aws.kms.Key => {
            const key = new aws.kms.Key(`${name}-${domain}`, {
                description: `${args.aliasPrefix}: ${DESCRIPTIONS[domain]}`,
                enableKeyRotation: true,
                deletionWindowInDays,
                policy: pulumi.all([identity.accountId, partition.partition]).apply(([accountId, partitionName]) =>
                    JSON.stringify(keyPolicy(domain, { accountId, partition: partitionName, region: args.region },
                        { ebsThroughEc2: args.ebsThroughEc2 }))),
            }, { parent: this, protect });
            new aws.kms.Alias(`${name}-${domain}-alias`, {
                name: `alias/${args.aliasPrefix}-${domain}`,
                targetKeyId: key.keyId,
            }, { parent: this });
            return key;
        };

        this.data = createKey("data");
        this.logs = createKey("logs");
        this.pipeline = createKey("pipeline");
        this.registerOutputs({ dataKeyArn: this.data.arn, logsKeyArn: this.logs.arn, pipelineKeyArn: this.pipeline.arn });
    }
}
