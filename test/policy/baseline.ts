/** A compliant baseline: one resource of every type the pack checks, shaped as @pulumi/aws 7 inputs. */
import { LOG_ARCHIVE_TAGS } from "../../components/data/privateBucket";
import { parityResources } from "./baselineParity";
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
        readonlyRootFilesystem: true,
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
const DB_ARN = "arn:aws:rds:eu-west-1:123456789012:db:orthanc-db";
const EFS_ARN = "arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/efs-id";
const TABLE_ARN = "arn:aws:dynamodb:eu-west-1:123456789012:table/orthanc-index";

/** The spec with outputs: its inputs, then the given output-only properties (ids and ARNs the provider assigns). */
function withOutputs(spec: ResourceSpec, outputs: Record<string, unknown>): ResourceSpec {
    return { ...spec, outputs: { ...spec.inputs, ...outputs } };
}

export function compliantResources(): ResourceSpec[] {
    return [
        { type: COMPONENT, name: "orthanc-storage", inputs: {} },
        { type: "aws:kms/key:Key", name: "data-key", protect: true, inputs: { description: "PHI at rest", enableKeyRotation: true, deletionWindowInDays: 30 } },
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
            inputs: { name: "orthanc-db-params", family: "postgres16", parameters: [{ name: "rds.force_ssl", value: "1" }, { name: "ssl_min_protocol_version", value: "TLSv1.2" }] },
        },
        withOutputs({
            type: "aws:rds/instance:Instance", name: "db", protect: true,
            inputs: {
                engine: "postgres", engineVersion: "16", instanceClass: "db.t4g.medium", storageEncrypted: true,
                kmsKeyId: KEY_ARN, parameterGroupName: "orthanc-db-params", publiclyAccessible: false,
                backupRetentionPeriod: 14, deletionProtection: true, skipFinalSnapshot: false,
                finalSnapshotIdentifier: "orthanc-db-final", manageMasterUserPassword: true,
                multiAz: true, monitoringInterval: 60, monitoringRoleArn: "arn:aws:iam::123456789012:role/rds-monitoring",
                enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
            },
        }, { id: "db-id", arn: DB_ARN }),
        withOutputs({ type: "aws:efs/fileSystem:FileSystem", name: "efs", protect: true, inputs: { encrypted: true, kmsKeyId: KEY_ARN } },
            { id: "efs-id", arn: EFS_ARN }),
        {
            type: "aws:efs/fileSystemPolicy:FileSystemPolicy", name: "efs-policy",
            inputs: { fileSystemId: "efs-id", policy: denyInsecureTransport("*", ["*"]) },
        },
        withOutputs({
            type: "aws:dynamodb/table:Table", name: "index", protect: true,
            inputs: {
                hashKey: "StudyInstanceUID", billingMode: "PAY_PER_REQUEST",
                serverSideEncryption: { enabled: true, kmsKeyArn: KEY_ARN }, pointInTimeRecovery: { enabled: true },
                deletionProtectionEnabled: true,
            },
        }, { id: "index-id", arn: TABLE_ARN }),
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
                iamInstanceProfile: { arn: "arn:aws:iam::123456789012:instance-profile/hosts" },
            },
        },
        { type: "aws:ebs/volume:Volume", name: "scratch", inputs: { availabilityZone: "eu-west-1a", encrypted: true, kmsKeyId: KEY_ARN } },
        {
            type: "aws:lb/loadBalancer:LoadBalancer", name: "alb",
            inputs: {
                loadBalancerType: "application", internal: false, securityGroups: ["alb-sg-id"],
                accessLogs: { enabled: true, bucket: "orthanc-logs", prefix: "alb" },
                enableDeletionProtection: true, dropInvalidHeaderFields: true,
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
        // Plain DICOM for on-premises modalities: internal, admitting only an RFC 1918 range (logs to a bucket of another stack).
        {
            type: "aws:lb/loadBalancer:LoadBalancer", name: "dicom-nlb",
            inputs: {
                loadBalancerType: "network", internal: true, securityGroups: ["dicom-nlb-sg-id"], enableDeletionProtection: true,
                accessLogs: { enabled: true, bucket: "shared-network-logs", prefix: "nlb" },
            },
            outputs: {
                loadBalancerType: "network", internal: true, securityGroups: ["dicom-nlb-sg-id"], enableDeletionProtection: true,
                accessLogs: { enabled: true, bucket: "shared-network-logs", prefix: "nlb" }, id: "dicom-nlb-id", arn: "dicom-nlb-arn",
            },
        },
        { type: "aws:ec2/securityGroup:SecurityGroup", name: "dicom-nlb-sg", inputs: { vpcId: "vpc-id", description: "private DICOM" } },
        {
            type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", name: "dicom-nlb-on-premises",
            inputs: { securityGroupId: "dicom-nlb-sg-id", ipProtocol: "tcp", fromPort: 104, toPort: 104, cidrIpv4: "192.168.10.0/24" },
        },
        {
            type: "aws:lb/listener:Listener", name: "dicom-plain",
            inputs: { loadBalancerArn: "dicom-nlb-arn", protocol: "TCP", port: 104, defaultActions: [{ type: "forward", targetGroupArn: "tg-dicom-arn" }] },
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
        withOutputs({ type: "aws:ec2/vpc:Vpc", name: "vpc", inputs: { cidrBlock: "10.0.0.0/16" } },
            { id: "vpc-id", defaultNetworkAclId: "acl-default", defaultSecurityGroupId: "sg-default" }),
        {
            type: "aws:ec2/flowLog:FlowLog", name: "vpc-flow-log",
            inputs: { vpcId: "vpc-id", trafficType: "ALL", logDestinationType: "cloud-watch-logs", logDestination: "logs-arn", iamRoleArn: "role-arn" },
        },
        ...parityResources(),
    ];
}
