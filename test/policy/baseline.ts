/** A compliant baseline: one resource of every type the pack checks, shaped as @pulumi/aws 7 inputs. */
import { LOG_ARCHIVE_TAGS } from "../../components/data/privateBucket";
import { ResourceSpec } from "./planBuilder";

export const KEY_ARN = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:orthanc-db-AbCdEf";
const COMPONENT = "orthanc-aws:storage:ObjectStorage";
const COMPONENT_URN = `urn:pulumi:dev::orthanc-aws::${COMPONENT}::orthanc-storage`;

export function denyInsecureTransport(action: string, resource: string[]): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{
            Sid: "DenyInsecureTransport", Effect: "Deny", Principal: { AWS: "*" }, Action: action, Resource: resource,
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        }],
    });
}

export function containerDefinitions(overrides: Record<string, unknown> = {}): string {
    return JSON.stringify([{
        name: "orthanc",
        image: "orthancteam/orthanc:25.1.1",
        essential: true,
        privileged: false,
        environment: [
            { name: "ORTHANC__NAME", value: "orthanc" },
            { name: "DB_SECRET_ARN", value: SECRET_ARN },
        ],
        secrets: [{ name: "ORTHANC__POSTGRESQL__PASSWORD", valueFrom: `${SECRET_ARN}:password::` }],
        ...overrides,
    }]);
}

export function identityPolicy(statement: Record<string, unknown>): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: [statement] });
}

const bucket = "orthanc-images";

export function compliantResources(): ResourceSpec[] {
    return [
        { type: COMPONENT, name: "orthanc-storage", inputs: {} },
        { type: "aws:kms/key:Key", name: "data-key", inputs: { description: "PHI at rest", enableKeyRotation: true, deletionWindowInDays: 30 } },
        {
            type: "aws:s3/bucket:Bucket", name: "images", parent: COMPONENT_URN, protect: true,
            inputs: { bucket, forceDestroy: false },
            outputs: { bucket, id: bucket, arn: `arn:aws:s3:::${bucket}` },
        },
        {
            type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
            name: "images-encryption", parent: COMPONENT_URN,
            inputs: { bucket, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY_ARN }, bucketKeyEnabled: true }] },
        },
        {
            type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", name: "images-public-access", parent: COMPONENT_URN,
            inputs: { bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
        },
        {
            type: "aws:s3/bucketVersioning:BucketVersioning", name: "images-versioning", parent: COMPONENT_URN,
            inputs: { bucket, versioningConfiguration: { status: "Enabled" } },
        },
        {
            type: "aws:s3/bucketPolicy:BucketPolicy", name: "images-policy", parent: COMPONENT_URN,
            inputs: { bucket, policy: denyInsecureTransport("s3:*", [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`]) },
        },
        {
            type: "aws:s3/bucket:Bucket", name: "alb-logs", protect: true, inputs: { bucket: "orthanc-logs", tags: LOG_ARCHIVE_TAGS },
            outputs: { bucket: "orthanc-logs", id: "orthanc-logs", arn: "arn:aws:s3:::orthanc-logs", tags: LOG_ARCHIVE_TAGS },
        },
        {
            type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", name: "alb-logs-encryption",
            inputs: { bucket: "orthanc-logs", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
        },
        {
            type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", name: "alb-logs-public-access",
            inputs: { bucket: "orthanc-logs", blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
        },
        {
            type: "aws:s3/bucketLogging:BucketLogging", name: "images-logging", parent: COMPONENT_URN,
            inputs: { bucket, targetBucket: "orthanc-logs", targetPrefix: "images/" },
        },
        {
            type: "aws:s3/bucketPolicy:BucketPolicy", name: "alb-logs-policy",
            inputs: { bucket: "orthanc-logs", policy: denyInsecureTransport("s3:*", ["arn:aws:s3:::orthanc-logs", "arn:aws:s3:::orthanc-logs/*"]) },
        },
        {
            type: "aws:rds/parameterGroup:ParameterGroup", name: "db-params",
            inputs: { name: "orthanc-db-params", family: "postgres16", parameters: [{ name: "rds.force_ssl", value: "1" }] },
        },
        {
            type: "aws:rds/instance:Instance", name: "db", protect: true,
            inputs: {
                engine: "postgres", engineVersion: "16", instanceClass: "db.t4g.medium", storageEncrypted: true,
                kmsKeyId: KEY_ARN, parameterGroupName: "orthanc-db-params", publiclyAccessible: false,
                backupRetentionPeriod: 14, deletionProtection: true, skipFinalSnapshot: false,
                finalSnapshotIdentifier: "orthanc-db-final", manageMasterUserPassword: true,
            },
        },
        { type: "aws:efs/fileSystem:FileSystem", name: "efs", protect: true, inputs: { encrypted: true, kmsKeyId: KEY_ARN } },
        {
            type: "aws:efs/fileSystemPolicy:FileSystemPolicy", name: "efs-policy",
            inputs: { fileSystemId: "efs-id", policy: denyInsecureTransport("*", ["*"]) },
        },
        {
            type: "aws:dynamodb/table:Table", name: "index", protect: true,
            inputs: {
                hashKey: "StudyInstanceUID", billingMode: "PAY_PER_REQUEST",
                serverSideEncryption: { enabled: true, kmsKeyArn: KEY_ARN }, pointInTimeRecovery: { enabled: true },
                deletionProtectionEnabled: true,
            },
        },
        { type: "aws:sqs/queue:Queue", name: "queue", inputs: { kmsMasterKeyId: KEY_ARN, visibilityTimeoutSeconds: 60 } },
        { type: "aws:sns/topic:Topic", name: "alarms", inputs: { kmsMasterKeyId: KEY_ARN } },
        { type: "aws:cloudwatch/logGroup:LogGroup", name: "logs", inputs: { kmsKeyId: KEY_ARN, retentionInDays: 400 } },
        { type: "aws:secretsmanager/secret:Secret", name: "db-secret", inputs: { kmsKeyId: KEY_ARN } },
        {
            type: "aws:ecr/repository:Repository", name: "repo",
            inputs: {
                encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: KEY_ARN }],
                imageScanningConfiguration: { scanOnPush: true }, imageTagMutability: "IMMUTABLE",
            },
        },
        {
            type: "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate", name: "cache-template",
            inputs: { prefix: "hub", appliedFors: ["PULL_THROUGH_CACHE"], encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: KEY_ARN }], imageTagMutability: "IMMUTABLE" },
        },
        { type: "aws:backup/vault:Vault", name: "vault", protect: true, inputs: { kmsKeyArn: KEY_ARN } },
        {
            type: "aws:ec2/launchTemplate:LaunchTemplate", name: "hosts",
            inputs: {
                blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", kmsKeyId: KEY_ARN, volumeSize: 30 } }],
                metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1, httpEndpoint: "enabled" },
            },
        },
        { type: "aws:ebs/volume:Volume", name: "scratch", inputs: { availabilityZone: "eu-west-1a", encrypted: true, kmsKeyId: KEY_ARN } },
        {
            type: "aws:lb/loadBalancer:LoadBalancer", name: "alb",
            inputs: {
                loadBalancerType: "application", internal: false, securityGroups: ["alb-sg-id"],
                accessLogs: { enabled: true, bucket: "orthanc-logs", prefix: "alb" },
            },
        },
        { type: "aws:ec2/securityGroup:SecurityGroup", name: "alb-sg", inputs: { vpcId: "vpc-id", description: "load balancer" } },
        {
            type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", name: "alb-https",
            inputs: { securityGroupId: "alb-sg-id", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" },
        },
        {
            type: "aws:ec2/securityGroup:SecurityGroup", name: "service-sg",
            inputs: { vpcId: "vpc-id", ingress: [{ protocol: "tcp", fromPort: 8042, toPort: 8042, securityGroups: ["alb-sg-id"] }] },
        },
        {
            type: "aws:ec2/securityGroupRule:SecurityGroupRule", name: "db-from-service",
            inputs: { type: "ingress", securityGroupId: "db-sg-id", protocol: "tcp", fromPort: 5432, toPort: 5432, sourceSecurityGroupId: "service-sg-id" },
        },
        {
            type: "aws:lb/listener:Listener", name: "https",
            inputs: {
                loadBalancerArn: "alb-arn", protocol: "HTTPS", port: 443, sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
                certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/abc", defaultActions: [{ type: "forward", targetGroupArn: "tg-arn" }],
            },
        },
        {
            type: "aws:lb/listener:Listener", name: "http-redirect",
            inputs: {
                loadBalancerArn: "alb-arn", protocol: "HTTP", port: 80,
                defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
            },
        },
        {
            type: "aws:ecs/service:Service", name: "orthanc",
            inputs: { launchType: "FARGATE", networkConfiguration: { assignPublicIp: false, subnets: ["subnet-a"], securityGroups: ["service-sg-id"] } },
        },
        { type: "aws:ecs/taskDefinition:TaskDefinition", name: "orthanc-task", inputs: { family: "orthanc", containerDefinitions: containerDefinitions() } },
        {
            type: "aws:lambda/function:Function", name: "indexer",
            inputs: { role: "role-arn", runtime: "nodejs22.x", kmsKeyArn: KEY_ARN, environment: { variables: { TABLE_NAME: "orthanc-index", DB_SECRET_ARN: SECRET_ARN } } },
        },
        {
            type: "aws:iam/role:Role", name: "task-role",
            inputs: { assumeRolePolicy: identityPolicy({ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }) },
        },
        {
            type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "task-execution",
            inputs: { role: "task-role-id", policyArn: "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy" },
        },
        {
            type: "aws:iam/rolePolicy:RolePolicy", name: "task-s3",
            inputs: { role: "task-role-id", policy: identityPolicy({ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: `arn:aws:s3:::${bucket}/*` }) },
        },
        {
            type: "aws:iam/policy:Policy", name: "kms-use",
            inputs: { policy: identityPolicy({ Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: KEY_ARN }) },
        },
        { type: "aws:ec2/vpc:Vpc", name: "vpc", inputs: { cidrBlock: "10.0.0.0/16" } },
        {
            type: "aws:ec2/flowLog:FlowLog", name: "vpc-flow-log",
            inputs: { vpcId: "vpc-id", trafficType: "ALL", logDestinationType: "cloud-watch-logs", logDestination: "logs-arn", iamRoleArn: "role-arn" },
        },
        { type: "awsx:ec2:Vpc", name: "network", inputs: { cidrBlock: "10.1.0.0/16" }, outputs: { vpcId: "vpc-awsx" } },
        {
            type: "aws:ec2/flowLog:FlowLog", name: "network-flow-log",
            inputs: { vpcId: "vpc-awsx", trafficType: "ALL", logDestinationType: "cloud-watch-logs", logDestination: "logs-arn", iamRoleArn: "role-arn" },
        },
    ];
}
