/**
 * Key policies of the project's customer-managed KMS keys, as pure functions of the account, partition and region.
 * Each key trusts the account's IAM (so roles granted in IAM can use it) plus the AWS services that write with it
 * on their own behalf and need an explicit statement.
 */

export interface KeyPolicyContext {
    accountId: string;
    partition: string;
    region: string;
}

/** What the stack uses a key for, beyond what IAM policies of its own roles can grant. */
export interface KeyPolicyUses {
    /**
     * The data key encrypts root volumes that EC2 Auto Scaling creates for the ECS container hosts
     * (`compute.launchType: ec2`). Fargate stacks have no such volumes and their data key admits no such caller.
     */
    ebsThroughEc2: boolean;
}

export type KeyDomain = "data" | "logs" | "pipeline";

const KEY_USE_ACTIONS = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"];

export function keyPolicy(domain: KeyDomain, context: KeyPolicyContext, uses: KeyPolicyUses): object {
    return {
        Version: "2012-10-17",
        Statement: [accountAdministration(context), ...serviceStatements(domain, context, uses)],
    };
}

/** Without this statement IAM policies cannot grant use of the key and the key can become unmanageable. */
function accountAdministration({ accountId, partition }: KeyPolicyContext): object {
    return {
        Sid: "AccountIamControlsKeyUse",
        Effect: "Allow",
        Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
        Action: "kms:*",
        Resource: "*",
    };
}

/**
 * EBS volumes of the ECS container hosts are created by the Auto Scaling service-linked role, which no IAM policy
 * of ours can grant: admit every principal of this account, via EC2 only. EC2 then creates a grant for the volume;
 * that grant may only be for an AWS resource, never handed to a principal.
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/key-policy-requirements-EBS-encryption.html
 */
function ebsThroughEc2Statements({ accountId, region }: KeyPolicyContext): object[] {
    const thisAccountViaEc2 = { "kms:CallerAccount": accountId, "kms:ViaService": `ec2.${region}.amazonaws.com` };
    return [
        {
            Sid: "EbsThroughEc2ForThisAccount",
            Effect: "Allow",
            Principal: { AWS: "*" },
            Action: KEY_USE_ACTIONS,
            Resource: "*",
            Condition: { StringEquals: thisAccountViaEc2 },
        },
        {
            Sid: "EbsGrantsForAwsResourcesOnly",
            Effect: "Allow",
            Principal: { AWS: "*" },
            Action: "kms:CreateGrant",
            Resource: "*",
            Condition: { StringEquals: thisAccountViaEc2, Bool: { "kms:GrantIsForAWSResource": true } },
        },
    ];
}

function serviceStatements(domain: KeyDomain, context: KeyPolicyContext, uses: KeyPolicyUses): object[] {
    const { accountId, partition, region } = context;
    switch (domain) {
        case "data":
            return uses.ebsThroughEc2 ? ebsThroughEc2Statements(context) : [];
        case "logs":
            return [
                {
                    Sid: "CloudWatchLogsEncryptsThisAccountsLogGroups",
                    Effect: "Allow",
                    Principal: { Service: `logs.${region}.amazonaws.com` },
                    Action: KEY_USE_ACTIONS,
                    Resource: "*",
                    Condition: {
                        ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:${partition}:logs:${region}:${accountId}:log-group:*` },
                    },
                },
                {
                    // CloudTrail encrypts this account's trails' log files (CloudTrail user guide, "Configure AWS KMS
                    // key policies for CloudTrail": GenerateDataKey* with the trail ARN's encryption context and
                    // aws:SourceArn; DescribeKey for trail creation).
                    Sid: "CloudTrailEncryptsThisAccountsTrails",
                    Effect: "Allow",
                    Principal: { Service: "cloudtrail.amazonaws.com" },
                    Action: "kms:GenerateDataKey*",
                    Resource: "*",
                    Condition: {
                        StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:${partition}:cloudtrail:*:${accountId}:trail/*` },
                        StringEquals: { "aws:SourceAccount": accountId },
                    },
                },
                {
                    Sid: "CloudTrailDescribesTheKey",
                    Effect: "Allow",
                    Principal: { Service: "cloudtrail.amazonaws.com" },
                    Action: "kms:DescribeKey",
                    Resource: "*",
                    Condition: { StringEquals: { "aws:SourceAccount": accountId } },
                },
                {
                    Sid: "LogDeliveryWritesLoadBalancerAccessLogs",
                    Effect: "Allow",
                    Principal: { Service: "delivery.logs.amazonaws.com" },
                    Action: KEY_USE_ACTIONS,
                    Resource: "*",
                    Condition: { StringEquals: { "aws:SourceAccount": accountId } },
                },
            ];
        case "pipeline":
            return [
                {
                    // S3 event notifications into the encrypted queue, CloudWatch alarms into the encrypted topic.
                    Sid: "ServicesPublishToEncryptedQueuesAndTopics",
                    Effect: "Allow",
                    Principal: { Service: ["s3.amazonaws.com", "cloudwatch.amazonaws.com"] },
                    Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
                    Resource: "*",
                    Condition: { StringEquals: { "aws:SourceAccount": accountId } },
                },
            ];
    }
}
