/**
 * The compliant baseline's resources for the AWS Config HIPAA parity policies: bucket ownership and lifecycle,
 * backups, rotation, alarms, instance management, WAF, the VPC's defaults and routes, CloudTrail, resource grants.
 * Ids and ARNs match the resources of baseline.ts they configure.
 */
import { ResourceSpec } from "./planBuilder";

export const ACCOUNT = "123456789012";
const DB_ARN = `arn:aws:rds:eu-west-1:${ACCOUNT}:db:orthanc-db`;
const EFS_ARN = `arn:aws:elasticfilesystem:eu-west-1:${ACCOUNT}:file-system/efs-id`;
const TABLE_ARN = `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/orthanc-index`;
const TOPIC_ARN = `arn:aws:sns:eu-west-1:${ACCOUNT}:alarms`;
const KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

function document(...statements: Record<string, unknown>[]): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/** Server access logs stay in the account: the log bucket's grant to S3 logging names the source account. */
export function logDeliveryGrant(condition: Record<string, unknown> = { StringEquals: { "aws:SourceAccount": ACCOUNT } }): string {
    return document({
        Sid: "AllowS3ServerAccessLogDelivery", Effect: "Allow", Principal: { Service: "logging.s3.amazonaws.com" },
        Action: "s3:PutObject", Resource: "arn:aws:s3:::orthanc-logs/*",
        Condition: { ArnLike: { "aws:SourceArn": "arn:aws:s3:::orthanc-images" }, ...condition },
    });
}

export function parityResources(): ResourceSpec[] {
    return [
        ...["orthanc-images", "orthanc-logs"].map((bucket): ResourceSpec => ({
            type: "aws:s3/bucketOwnershipControls:BucketOwnershipControls", name: `${bucket}-ownership`,
            inputs: { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } },
        })),
        {
            type: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", name: "images-lifecycle",
            inputs: { bucket: "orthanc-images", rules: [{ id: "versions", status: "Enabled", noncurrentVersionExpiration: { noncurrentDays: 30 } }] },
        },
        {
            type: "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration", name: "images-lock",
            inputs: { bucket: "orthanc-images", rule: { defaultRetention: { mode: "GOVERNANCE", days: 30 } } },
        },
        {
            type: "aws:sqs/queuePolicy:QueuePolicy", name: "queue-policy",
            inputs: {
                queueUrl: "queue-url",
                policy: document({
                    Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sqs:SendMessage",
                    Resource: `arn:aws:sqs:eu-west-1:${ACCOUNT}:queue`, Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
                }),
            },
        },
        {
            type: "aws:lambda/permission:Permission", name: "indexer-from-s3",
            inputs: { function: "indexer", action: "lambda:InvokeFunction", principal: "s3.amazonaws.com", sourceAccount: ACCOUNT, sourceArn: "arn:aws:s3:::orthanc-images" },
        },
        {
            type: "aws:backup/plan:Plan", name: "backup-plan",
            inputs: { rules: [{ ruleName: "daily", targetVaultName: "vault", schedule: "cron(0 5 ? * * *)", lifecycle: { deleteAfter: 35 } }] },
        },
        {
            type: "aws:backup/selection:Selection", name: "backup-selection",
            inputs: { planId: "backup-plan-id", iamRoleArn: `arn:aws:iam::${ACCOUNT}:role/backup`, resources: [DB_ARN, EFS_ARN, TABLE_ARN, "arn:aws:s3:::orthanc-images"] },
        },
        {
            type: "aws:backup/vaultPolicy:VaultPolicy", name: "vault-policy",
            inputs: { backupVaultName: "vault-id", policy: document({ Effect: "Deny", Principal: "*", Action: ["backup:DeleteRecoveryPoint"], Resource: "*" }) },
        },
        {
            type: "aws:secretsmanager/secretRotation:SecretRotation", name: "db-secret-rotation",
            inputs: { secretId: "db-secret-id", rotationLambdaArn: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:rotate`, rotationRules: { automaticallyAfterDays: 30 } },
        },
        {
            type: "aws:cloudwatch/metricAlarm:MetricAlarm", name: "errors",
            inputs: { alarmActions: [TOPIC_ARN], okActions: [TOPIC_ARN], insufficientDataActions: [TOPIC_ARN], metricName: "Errors", namespace: "AWS/Lambda" },
        },
        {
            type: "aws:iam/role:Role", name: "hosts-role", inputs: { name: "hosts-role", assumeRolePolicy: document({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }) },
        },
        {
            type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "hosts-ssm",
            inputs: { role: "hosts-role", policyArn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore" },
        },
        {
            type: "aws:iam/instanceProfile:InstanceProfile", name: "hosts-profile",
            inputs: { role: "hosts-role" }, outputs: { role: "hosts-role", id: "hosts-profile", arn: `arn:aws:iam::${ACCOUNT}:instance-profile/hosts` },
        },
        {
            type: "aws:autoscaling/group:Group", name: "hosts-group",
            inputs: { minSize: 1, maxSize: 2, vpcZoneIdentifiers: ["subnet-a"], launchTemplate: { id: "hosts-id", version: "$Latest" } },
        },
        { type: "aws:wafv2/webAcl:WebAcl", name: "waf", inputs: { scope: "REGIONAL", defaultAction: { allow: {} } } },
        { type: "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration", name: "waf-logging", inputs: { resourceArn: "waf-id", logDestinationConfigs: ["logs-arn"] } },
        { type: "aws:wafv2/webAclAssociation:WebAclAssociation", name: "alb-waf", inputs: { resourceArn: "alb-id", webAclArn: "waf-id" } },
        {
            type: "aws:cloudtrail/trail:Trail", name: "trail",
            inputs: {
                s3BucketName: "orthanc-trail", kmsKeyId: KEY, enableLogFileValidation: true, isMultiRegionTrail: true,
                cloudWatchLogsGroupArn: `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:trail:*`, cloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/trail`,
                eventSelectors: [{ readWriteType: "All", dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3"] }] }],
            },
        },
        ...vpcBaseline(),
    ];
}

/** The VPC's managed defaults, a public subnet routed to the internet gateway, and the private one tasks use. */
function vpcBaseline(): ResourceSpec[] {
    return [
        { type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", name: "vpc-default-sg", inputs: { vpcId: "vpc-id", ingress: [], egress: [] } },
        {
            type: "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl", name: "vpc-default-acl",
            inputs: {
                defaultNetworkAclId: "acl-default",
                ingress: [
                    { ruleNo: 100, action: "deny", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" },
                    { ruleNo: 110, action: "deny", protocol: "tcp", fromPort: 3389, toPort: 3389, cidrBlock: "0.0.0.0/0" },
                    { ruleNo: 200, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" },
                ],
                egress: [{ ruleNo: 100, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" }],
            },
            outputs: { id: "acl-default", defaultNetworkAclId: "acl-default" },
        },
        { type: "aws:ec2/internetGateway:InternetGateway", name: "igw", inputs: { vpcId: "vpc-id" }, outputs: { vpcId: "vpc-id", id: "igw-0abc" } },
        { type: "aws:ec2/subnet:Subnet", name: "public-a", inputs: { vpcId: "vpc-id", cidrBlock: "10.0.0.0/24", mapPublicIpOnLaunch: false } },
        {
            type: "aws:ec2/subnet:Subnet", name: "private-a", inputs: { vpcId: "vpc-id", cidrBlock: "10.0.8.0/21", mapPublicIpOnLaunch: false },
            outputs: { vpcId: "vpc-id", cidrBlock: "10.0.8.0/21", mapPublicIpOnLaunch: false, id: "subnet-a" },
        },
        { type: "aws:ec2/routeTable:RouteTable", name: "public-rt", inputs: { vpcId: "vpc-id", routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-0abc" }] } },
        { type: "aws:ec2/routeTableAssociation:RouteTableAssociation", name: "public-rt-a", inputs: { routeTableId: "public-rt-id", subnetId: "public-a-id" } },
        { type: "aws:ec2/routeTable:RouteTable", name: "private-rt", inputs: { vpcId: "vpc-id" } },
        { type: "aws:ec2/routeTableAssociation:RouteTableAssociation", name: "private-rt-a", inputs: { routeTableId: "private-rt-id", subnetId: "subnet-a" } },
    ];
}
