/**
 * The physical-name rules AWS and the provider enforce, for every `aws:` resource type the program registers.
 * Lengths agree with what the installed provider's type documentation states where it states one (checked against
 * `awsNameFields.generated.ts` by test/foundation/physicalNames.test.ts); character rules, reserved prefixes and the
 * limits the provider's docs leave out come from the AWS API reference cited per entry.
 *
 * A type the program registers must appear here or in `UNNAMED_TYPES`; the coverage test names any that is missing.
 */

export interface NameRule {
    /** Longest name AWS accepts. */
    maxLength: number;
    minLength?: number;
    /** The whole name must match. */
    pattern: RegExp;
    /** What `pattern` allows, in words, for the error message. */
    allowed: string;
    /** Prefixes AWS refuses (`aws`, `sg-`, `xn--`, ...). Compared case-insensitively. */
    reservedPrefixes?: readonly string[];
    /** Suffixes AWS refuses. */
    reservedSuffixes?: readonly string[];
    /** Where the rule comes from. */
    source: string;
}

const ALNUM_HYPHEN_32: NameRule = {
    maxLength: 32, pattern: /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/,
    allowed: "letters, digits and hyphens, not starting or ending with a hyphen",
    source: "@pulumi/aws lb/*.d.ts `name`; https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html",
};
const ECS_NAME: NameRule = {
    maxLength: 255, pattern: /^[A-Za-z0-9_-]+$/, allowed: "letters, digits, hyphens and underscores",
    source: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html",
};
const IAM_NAME = (maxLength: number, api: string): NameRule => ({
    maxLength, pattern: /^[\w+=,.@-]+$/, allowed: "letters, digits and _+=,.@-",
    source: `https://docs.aws.amazon.com/IAM/latest/APIReference/API_${api}.html`,
});
const BACKUP_NAME = (api: string, minLength = 1): NameRule => ({
    maxLength: 50, minLength, pattern: /^[A-Za-z0-9._-]+$/, allowed: "letters, digits and -_.",
    source: `https://docs.aws.amazon.com/aws-backup/latest/devguide/API_${api}.html`,
});
const RDS_LOWER_IDENTIFIER = (maxLength: number, api: string): NameRule => ({
    // The provider validates identifiers in lower case (AWS would store them lower-cased; the provider refuses capitals).
    maxLength, pattern: /^[a-z](?:-?[a-z0-9])*$/,
    allowed: "lower-case letters, digits and single hyphens, starting with a letter, not ending with a hyphen",
    source: `https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_${api}.html`,
});

/** Type token → the rule its physical name must satisfy. */
export const NAME_RULES: ReadonlyMap<string, NameRule> = new Map<string, NameRule>([
    ["aws:appautoscaling/policy:Policy", { maxLength: 255, pattern: /^[\x20-\x7e]+$/, allowed: "printable characters",
        source: "@pulumi/aws appautoscaling/policy.d.ts; https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScalingPolicy.html" }],
    ["aws:autoscaling/group:Group", { maxLength: 255, pattern: /^[\x20-\x7e]+$/, allowed: "printable characters",
        source: "https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_CreateAutoScalingGroup.html" }],
    ["aws:backup/plan:Plan", BACKUP_NAME("CreateBackupPlan")],
    ["aws:budgets/budget:Budget", { maxLength: 100, minLength: 1, pattern: /^[^:\\]+$/, allowed: "any characters but colon and backslash",
        source: "https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_Budget.html (BudgetName: 1-100 characters, pattern [^:\\]+)" }],
    ["aws:backup/selection:Selection", BACKUP_NAME("CreateBackupSelection")],
    ["aws:backup/vault:Vault", { ...BACKUP_NAME("CreateBackupVault", 2), pattern: /^[A-Za-z0-9_-]+$/, allowed: "letters, digits, hyphens and underscores" }],
    ["aws:cfg/conformancePack:ConformancePack", { maxLength: 256, pattern: /^[A-Za-z][-A-Za-z0-9]*$/,
        allowed: "letters, digits and hyphens, starting with a letter",
        source: "https://docs.aws.amazon.com/config/latest/APIReference/API_PutConformancePack.html" }],
    ["aws:cfg/deliveryChannel:DeliveryChannel", { maxLength: 256, pattern: /^.+$/, allowed: "1–256 characters",
        source: "https://docs.aws.amazon.com/config/latest/APIReference/API_DeliveryChannel.html" }],
    ["aws:cfg/recorder:Recorder", { maxLength: 256, pattern: /^.+$/, allowed: "1–256 characters",
        source: "https://docs.aws.amazon.com/config/latest/APIReference/API_ConfigurationRecorder.html" }],
    ["aws:cfg/recorderStatus:RecorderStatus", { maxLength: 256, pattern: /^.+$/, allowed: "the recorder's name, 1–256 characters",
        source: "https://docs.aws.amazon.com/config/latest/APIReference/API_StartConfigurationRecorder.html" }],
    ["aws:cloudtrail/trail:Trail", { maxLength: 128, minLength: 3, pattern: /^[A-Za-z0-9](?:[._-]?[A-Za-z0-9])*$/,
        allowed: "letters, digits, and single periods, underscores or hyphens between them",
        source: "@pulumi/aws cloudtrail/trail.d.ts `name`; https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_CreateTrail.html (Name: 3-128 characters)" }],
    ["aws:cloudwatch/eventRule:EventRule", { maxLength: 64, pattern: /^[.\-_A-Za-z0-9]+$/, allowed: "letters, digits and .-_",
        source: "https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html" }],
    ["aws:cloudwatch/logGroup:LogGroup", { maxLength: 512, pattern: /^[A-Za-z0-9._\-/#]+$/, allowed: "letters, digits and ._-/#",
        source: "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html" }],
    ["aws:cloudwatch/logMetricFilter:LogMetricFilter", { maxLength: 512, pattern: /^[^:*]+$/, allowed: "any characters but : and *",
        source: "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutMetricFilter.html" }],
    ["aws:cloudwatch/metricAlarm:MetricAlarm", { maxLength: 255, pattern: /^[\x20-\x7e]+$/, allowed: "printable ASCII characters",
        source: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html" }],
    // AWS states 1–255 characters and no pattern; printable ASCII here, stricter than AWS. `/` files it in a folder.
    ["aws:cloudwatch/queryDefinition:QueryDefinition", { maxLength: 255, minLength: 1, pattern: /^[\x20-\x7e]+$/, allowed: "printable ASCII characters",
        source: "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutQueryDefinition.html; " +
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-logs-querydefinition.html" }],
    ["aws:dynamodb/table:Table", { maxLength: 255, minLength: 3, pattern: /^[A-Za-z0-9_.-]+$/, allowed: "letters, digits and _.-",
        source: "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html" }],
    ["aws:ec2/launchTemplate:LaunchTemplate", { maxLength: 128, minLength: 3, pattern: /^[A-Za-z0-9().\-/_]+$/, allowed: "letters, digits and ().-/_",
        source: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateLaunchTemplate.html" }],
    ["aws:ec2/securityGroup:SecurityGroup", { maxLength: 255, pattern: /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]+$/,
        allowed: "letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*", reservedPrefixes: ["sg-"],
        source: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html" }],
    ["aws:ecs/capacityProvider:CapacityProvider", { ...ECS_NAME, reservedPrefixes: ["aws", "ecs", "fargate"],
        source: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateCapacityProvider.html" }],
    ["aws:ecs/cluster:Cluster", { ...ECS_NAME, source: "@pulumi/aws ecs/cluster.d.ts; https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateCluster.html" }],
    ["aws:ecs/service:Service", { ...ECS_NAME, source: "@pulumi/aws ecs/service.d.ts; https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html" }],
    ["aws:ecs/taskDefinition:TaskDefinition", { ...ECS_NAME,
        source: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html (family)" }],
    ["aws:ecr/repository:Repository", { maxLength: 256, minLength: 2,
        pattern: /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/,
        allowed: "lower-case letters and digits, separated by single . _ - or /",
        source: "https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html" }],
    ["aws:efs/fileSystem:FileSystem", { maxLength: 64, pattern: /^.+$/, allowed: "any characters",
        source: "@pulumi/aws efs/fileSystem.d.ts `creationToken`; https://docs.aws.amazon.com/efs/latest/ug/API_CreateFileSystem.html" }],
    ["aws:guardduty/detectorFeature:DetectorFeature", { maxLength: 128, pattern: /^[A-Z0-9_]+$/,
        allowed: "a feature name such as S3_DATA_EVENTS (upper-case letters, digits, underscores)",
        source: "@pulumi/aws guardduty/detectorFeature.d.ts `name`; https://docs.aws.amazon.com/guardduty/latest/APIReference/API_DetectorFeatureConfiguration.html" }],
    ["aws:iam/instanceProfile:InstanceProfile", IAM_NAME(128, "CreateInstanceProfile")],
    ["aws:iam/policy:Policy", IAM_NAME(128, "CreatePolicy")],
    ["aws:iam/role:Role", IAM_NAME(64, "CreateRole")],
    ["aws:iam/rolePolicy:RolePolicy", IAM_NAME(128, "PutRolePolicy")],
    ["aws:kms/alias:Alias", { maxLength: 256, pattern: /^alias\/[A-Za-z0-9/_-]+$/, allowed: "alias/ followed by letters, digits and /_-",
        reservedPrefixes: ["alias/aws/"], source: "https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html" }],
    ["aws:lambda/function:Function", { maxLength: 64, pattern: /^[A-Za-z0-9_-]+$/, allowed: "letters, digits, hyphens and underscores",
        source: "https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html (FunctionName, name only)" }],
    ["aws:lb/loadBalancer:LoadBalancer", { ...ALNUM_HYPHEN_32, reservedPrefixes: ["internal-"],
        source: "@pulumi/aws lb/loadBalancer.d.ts `name`; https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html" }],
    ["aws:lb/targetGroup:TargetGroup", ALNUM_HYPHEN_32],
    ["aws:rds/instance:Instance", RDS_LOWER_IDENTIFIER(63, "CreateDBInstance")],
    ["aws:rds/parameterGroup:ParameterGroup", RDS_LOWER_IDENTIFIER(255, "CreateDBParameterGroup")],
    ["aws:rds/subnetGroup:SubnetGroup", { maxLength: 255, pattern: /^[a-z0-9 ._-]+$/,
        allowed: "lower-case letters, digits, spaces and ._-", source: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBSubnetGroup.html" }],
    ["aws:route53/record:Record", { maxLength: 255, pattern: /^(?:[A-Za-z0-9_*](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\.?)+$/,
        allowed: "a DNS name: labels of up to 63 letters, digits, hyphens and underscores",
        source: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DomainNameFormat.html" }],
    ["aws:s3/bucket:Bucket", { maxLength: 63, minLength: 3, pattern: /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/,
        allowed: "lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit",
        reservedPrefixes: ["xn--", "sthree-", "amzn-s3-demo-"], reservedSuffixes: ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"],
        source: "@pulumi/aws s3/bucket.d.ts `bucket`; https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html" }],
    ["aws:secretsmanager/secret:Secret", { maxLength: 512, pattern: /^[A-Za-z0-9/_+=.@-]+$/, allowed: "letters, digits and /_+=.@-",
        source: "@pulumi/aws secretsmanager/secret.d.ts; https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html" }],
    ["aws:rds/eventSubscription:EventSubscription", { maxLength: 255, pattern: /^[A-Za-z](?:[A-Za-z0-9]|-(?!-))*$/,
        allowed: "letters, digits and single hyphens, starting with a letter",
        source: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateEventSubscription.html" }],
    ["aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace", { maxLength: 253,
        pattern: /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/,
        allowed: "a DNS domain name: dot-separated labels of up to 63 letters, digits and hyphens",
        source: "https://docs.aws.amazon.com/cloud-map/latest/api/API_CreatePrivateDnsNamespace.html (Name: 1-253, the hosted zone's domain name)" }],
    ["aws:servicediscovery/service:Service", { maxLength: 127,
        pattern: /^(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*$/,
        allowed: "dot-separated labels of up to 63 letters, digits, hyphens and underscores (not starting or ending with a hyphen)",
        source: "https://docs.aws.amazon.com/cloud-map/latest/api/API_CreateService.html (Name: 1-127, pattern of DNS labels)" }],
    ["aws:sfn/stateMachine:StateMachine", { maxLength: 80, pattern: /^[A-Za-z0-9_-]+$/, allowed: "letters, digits, hyphens and underscores",
        source: "https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html" }],
    ["aws:sns/topic:Topic", { maxLength: 256, pattern: /^[A-Za-z0-9_-]+$/, allowed: "letters, digits, hyphens and underscores",
        source: "@pulumi/aws sns/topic.d.ts `name`" }],
    ["aws:wafv2/webAcl:WebAcl", { maxLength: 128, pattern: /^[\w-]+$/, allowed: "letters, digits, underscores and hyphens",
        source: "@pulumi/aws wafv2/webAcl.d.ts `name`; https://docs.aws.amazon.com/waf/latest/APIReference/API_CreateWebACL.html (Name: 1-128, pattern ^[\w\-]+$)" }],
    ["aws:sqs/queue:Queue", { maxLength: 80, pattern: /^[A-Za-z0-9_-]+$/, allowed: "letters, digits, hyphens and underscores",
        source: "@pulumi/aws sqs/queue.d.ts `name`" }],
]);

/**
 * Registered `aws:` types that have no physical name of their own (AWS assigns an ID, or they configure another
 * resource). awsNameFields.generated.ts must agree that they have no name input.
 */
export const UNNAMED_TYPES: ReadonlySet<string> = new Set([
    "aws:acm/certificate:Certificate",
    "aws:acm/certificateValidation:CertificateValidation",
    "aws:directconnect/gatewayAssociation:GatewayAssociation",
    "aws:appautoscaling/target:Target",
    "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
    "aws:backup/vaultPolicy:VaultPolicy",
    "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl",
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    "aws:ec2/eip:Eip",
    // The customer gateway's optional deviceName is a label the program does not set.
    "aws:ec2/customerGateway:CustomerGateway",
    // Named by `dashboardName`, which the provider's docs do not mark as a name field; the program sets it explicitly.
    "aws:cloudwatch/dashboard:Dashboard",
    "aws:cloudwatch/eventTarget:EventTarget",
    // Named by `policyName` (set explicitly), not a name field in the provider's docs.
    "aws:cloudwatch/logResourcePolicy:LogResourcePolicy",
    "aws:ec2/flowLog:FlowLog",
    "aws:ec2/internetGateway:InternetGateway",
    "aws:ec2/natGateway:NatGateway",
    "aws:ec2/route:Route",
    "aws:ec2/routeTable:RouteTable",
    "aws:ec2/routeTableAssociation:RouteTableAssociation",
    "aws:ec2/subnet:Subnet",
    "aws:ec2/vpc:Vpc",
    "aws:ec2/vpcEndpoint:VpcEndpoint",
    "aws:ec2/vpnConnection:VpnConnection",
    "aws:ec2/vpnConnectionRoute:VpnConnectionRoute",
    "aws:ec2/vpnGateway:VpnGateway",
    "aws:ec2/vpnGatewayRoutePropagation:VpnGatewayRoutePropagation",
    "aws:ecr/lifecyclePolicy:LifecyclePolicy",
    "aws:ecr/pullThroughCacheRule:PullThroughCacheRule",
    "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate",
    "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders",
    "aws:efs/accessPoint:AccessPoint",
    "aws:guardduty/detector:Detector",
    "aws:efs/backupPolicy:BackupPolicy",
    "aws:efs/fileSystemPolicy:FileSystemPolicy",
    "aws:efs/mountTarget:MountTarget",
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    "aws:kms/key:Key",
    "aws:lambda/eventSourceMapping:EventSourceMapping",
    "aws:lb/listener:Listener",
    "aws:lb/listenerRule:ListenerRule",
    "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
    "aws:wafv2/webAclAssociation:WebAclAssociation",
    "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    "aws:s3/bucketLogging:BucketLogging",
    "aws:s3/bucketNotification:BucketNotification",
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    "aws:s3/bucketPolicy:BucketPolicy",
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketVersioning:BucketVersioning",
    "aws:secretsmanager/secretVersion:SecretVersion",
    "aws:securityhub/account:Account",
    "aws:securityhub/standardsSubscription:StandardsSubscription",
    "aws:sns/topicPolicy:TopicPolicy",
    "aws:sns/topicSubscription:TopicSubscription",
    "aws:sqs/queuePolicy:QueuePolicy",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
]);

/** What a developer adding a resource type reads when the coverage test or the evaluator meets an uncovered one. */
export function uncoveredTypeMessage(type: string): string {
    return `${type} has no physical-name rule: add it to NAME_RULES in tools/offline/awsNameRules.ts (maximum length, `
        + "characters, reserved prefixes, with the AWS API reference as source; the length must match what "
        + "tools/offline/awsNameFields.generated.ts read from @pulumi/aws), or to UNNAMED_TYPES if AWS gives it no name";
}
