/**
 * Pulumi type tokens of the @pulumi/aws 7.x resources the policies read. Tokens, not classes: the pack does not
 * load @pulumi/aws (seconds of start-up and a second copy of the provider SDK for every `pulumi preview`).
 * Deprecated aliases (`BucketV2`, `alb/*`) still register under their own tokens, so both are listed.
 */
export const S3_BUCKET = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];
export const S3_ENCRYPTION = [
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
];
export const S3_PUBLIC_ACCESS_BLOCK = ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"];
export const S3_VERSIONING = [
    "aws:s3/bucketVersioning:BucketVersioning",
    "aws:s3/bucketVersioningV2:BucketVersioningV2",
];
export const S3_BUCKET_POLICY = ["aws:s3/bucketPolicy:BucketPolicy"];
export const S3_BUCKET_LOGGING = ["aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketLoggingV2:BucketLoggingV2"];

export const RDS_INSTANCE = ["aws:rds/instance:Instance"];
export const RDS_CLUSTER = ["aws:rds/cluster:Cluster"];
export const RDS_CLUSTER_INSTANCE = ["aws:rds/clusterInstance:ClusterInstance"];
export const RDS_PARAMETER_GROUP = ["aws:rds/parameterGroup:ParameterGroup"];
export const RDS_CLUSTER_PARAMETER_GROUP = ["aws:rds/clusterParameterGroup:ClusterParameterGroup"];

export const EFS_FILE_SYSTEM = ["aws:efs/fileSystem:FileSystem"];
export const EFS_FILE_SYSTEM_POLICY = ["aws:efs/fileSystemPolicy:FileSystemPolicy"];
export const DYNAMODB_TABLE = ["aws:dynamodb/table:Table"];
export const SQS_QUEUE = ["aws:sqs/queue:Queue"];
export const SNS_TOPIC = ["aws:sns/topic:Topic"];
export const LOG_GROUP = ["aws:cloudwatch/logGroup:LogGroup"];
export const SECRET = ["aws:secretsmanager/secret:Secret"];
export const ECR_REPOSITORY = ["aws:ecr/repository:Repository"];
/** What ECR creates repositories from on its own (pull-through cache, replication): the same rules apply. */
export const ECR_REPOSITORY_CREATION_TEMPLATE = ["aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate"];
export const BACKUP_VAULT = ["aws:backup/vault:Vault"];
export const KMS_KEY = ["aws:kms/key:Key"];

export const LAUNCH_TEMPLATE = ["aws:ec2/launchTemplate:LaunchTemplate"];
export const EC2_INSTANCE = ["aws:ec2/instance:Instance"];
export const EBS_VOLUME = ["aws:ebs/volume:Volume"];

export const LB_LISTENER = ["aws:lb/listener:Listener", "aws:alb/listener:Listener"];
export const LOAD_BALANCER = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"];

export const ECS_SERVICE = ["aws:ecs/service:Service"];
export const ECS_TASK_DEFINITION = ["aws:ecs/taskDefinition:TaskDefinition"];
export const LAMBDA_FUNCTION = ["aws:lambda/function:Function"];

/** The VPC's default group takes inline `ingress` blocks of the same shape. */
export const SECURITY_GROUP = ["aws:ec2/securityGroup:SecurityGroup", "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"];
export const SECURITY_GROUP_INGRESS_RULE = ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"];
export const SECURITY_GROUP_RULE = ["aws:ec2/securityGroupRule:SecurityGroupRule"];

export const IAM_POLICY = ["aws:iam/policy:Policy"];
export const IAM_INLINE_POLICY = [
    "aws:iam/rolePolicy:RolePolicy",
    "aws:iam/userPolicy:UserPolicy",
    "aws:iam/groupPolicy:GroupPolicy",
];
export const IAM_ROLE = ["aws:iam/role:Role"];
export const IAM_POLICY_ATTACHMENT = [
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    "aws:iam/userPolicyAttachment:UserPolicyAttachment",
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
    "aws:iam/policyAttachment:PolicyAttachment",
];
/** Attach a list of managed policies (`policyArns`) and detach every other. */
export const IAM_POLICY_ATTACHMENTS_EXCLUSIVE = [
    "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
    "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive",
    "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive",
];

export const VPC = ["aws:ec2/vpc:Vpc"];
/** awsx's VPC is a remote component: offline its `aws:ec2/vpc:Vpc` child is invisible, its `vpcId` output is not. */
export const AWSX_VPC = ["awsx:ec2:Vpc"];
export const FLOW_LOG = ["aws:ec2/flowLog:FlowLog"];

export const S3_BUCKET_ACL = ["aws:s3/bucketAcl:BucketAcl", "aws:s3/bucketAclV2:BucketAclV2"];
export const S3_OWNERSHIP_CONTROLS = ["aws:s3/bucketOwnershipControls:BucketOwnershipControls"];
export const S3_LIFECYCLE = [
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
];
export const S3_OBJECT_LOCK = [
    "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
    "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2",
];

export const SUBNET = ["aws:ec2/subnet:Subnet"];
export const ROUTE_TABLE = ["aws:ec2/routeTable:RouteTable", "aws:ec2/defaultRouteTable:DefaultRouteTable"];
export const ROUTE = ["aws:ec2/route:Route"];
export const ROUTE_TABLE_ASSOCIATION = ["aws:ec2/routeTableAssociation:RouteTableAssociation"];
export const INTERNET_GATEWAY = ["aws:ec2/internetGateway:InternetGateway"];
export const INTERNET_GATEWAY_ATTACHMENT = ["aws:ec2/internetGatewayAttachment:InternetGatewayAttachment"];
export const DEFAULT_SECURITY_GROUP = ["aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"];
export const DEFAULT_NETWORK_ACL = ["aws:ec2/defaultNetworkAcl:DefaultNetworkAcl"];
export const NETWORK_ACL = ["aws:ec2/networkAcl:NetworkAcl", ...DEFAULT_NETWORK_ACL];
export const NETWORK_ACL_RULE = ["aws:ec2/networkAclRule:NetworkAclRule"];
export const LAUNCH_CONFIGURATION = ["aws:ec2/launchConfiguration:LaunchConfiguration"];
export const AUTOSCALING_GROUP = ["aws:autoscaling/group:Group"];
export const RDS_SUBNET_GROUP = ["aws:rds/subnetGroup:SubnetGroup"];
export const EFS_MOUNT_TARGET = ["aws:efs/mountTarget:MountTarget"];

export const BACKUP_PLAN = ["aws:backup/plan:Plan"];
export const BACKUP_SELECTION = ["aws:backup/selection:Selection"];
export const BACKUP_VAULT_POLICY = ["aws:backup/vaultPolicy:VaultPolicy"];
export const BACKUP_VAULT_LOCK = ["aws:backup/vaultLockConfiguration:VaultLockConfiguration"];
export const EFS_BACKUP_POLICY = ["aws:efs/backupPolicy:BackupPolicy"];
export const SECRET_ROTATION = ["aws:secretsmanager/secretRotation:SecretRotation"];
export const METRIC_ALARM = ["aws:cloudwatch/metricAlarm:MetricAlarm", "aws:cloudwatch/compositeAlarm:CompositeAlarm"];
export const APPAUTOSCALING_TARGET = ["aws:appautoscaling/target:Target"];
export const ACM_CERTIFICATE = ["aws:acm/certificate:Certificate"];
export const CLOUDTRAIL = ["aws:cloudtrail/trail:Trail"];
export const WAF_WEB_ACL = ["aws:wafv2/webAcl:WebAcl"];
export const WAF_LOGGING = ["aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration"];
export const WAF_ASSOCIATION = ["aws:wafv2/webAclAssociation:WebAclAssociation"];
export const IAM_INSTANCE_PROFILE = ["aws:iam/instanceProfile:InstanceProfile"];
