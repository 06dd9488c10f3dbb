/**
 * Resource types AWS does not charge for by themselves, and those charged only by use (priced by the usage lines).
 * A cloud resource type in neither list nor among the pricers is reported as unpriced: a new kind of resource
 * shows up in the estimate instead of costing nothing silently.
 */

/** Exact types with no charge of their own (IAM, networking plumbing, configuration sub-resources, ...). */
const FREE_TYPES: Record<string, string> = {
    "aws:ec2/securityGroup:SecurityGroup": "security groups are free",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "security-group rules are free",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "security-group rules are free",
    "aws:ec2/vpc:Vpc": "a VPC is free", "aws:ec2/subnet:Subnet": "subnets are free",
    "aws:ec2/routeTable:RouteTable": "route tables are free", "aws:ec2/route:Route": "routes are free",
    "aws:ec2/routeTableAssociation:RouteTableAssociation": "route tables are free",
    "aws:ec2/internetGateway:InternetGateway": "internet gateways are free",
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": "security groups are free",
    "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl": "network ACLs are free", "aws:ec2/networkAcl:NetworkAcl": "network ACLs are free",
    "aws:ec2/launchTemplate:LaunchTemplate": "priced on the Auto Scaling group that launches it",
    "aws:ec2/vpnGateway:VpnGateway": "priced per VPN connection", "aws:ec2/customerGateway:CustomerGateway": "priced per VPN connection",
    "aws:ec2clientvpn/endpoint:Endpoint": "priced per subnet association",
    "aws:ec2clientvpn/authorizationRule:AuthorizationRule": "priced per subnet association",
    "aws:ecs/cluster:Cluster": "ECS clusters are free", "aws:ecs/capacityProvider:CapacityProvider": "ECS capacity providers are free",
    "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders": "ECS capacity providers are free",
    "aws:ecs/taskDefinition:TaskDefinition": "priced on the service that runs it",
    "aws:lb/listener:Listener": "included in the load balancer's hours", "aws:lb/targetGroup:TargetGroup": "included in the load balancer's hours",
    "aws:lb/listenerRule:ListenerRule": "included in the load balancer's capacity units",
    "aws:lb/listenerCertificate:ListenerCertificate": "included in the load balancer's hours",
    "aws:appautoscaling/target:Target": "Application Auto Scaling is free", "aws:appautoscaling/policy:Policy": "Application Auto Scaling is free",
    "aws:kms/alias:Alias": "aliases are free",
    "aws:rds/eventSubscription:EventSubscription": "RDS event subscriptions are free (SNS delivery is priced per message)",
    "aws:secretsmanager/secretVersion:SecretVersion": "priced per secret",
    "aws:secretsmanager/secretRotation:SecretRotation": "priced per secret (the rotation function by its use)",
    "aws:rds/parameterGroup:ParameterGroup": "parameter groups are free", "aws:rds/subnetGroup:SubnetGroup": "subnet groups are free",
    "aws:efs/mountTarget:MountTarget": "priced by the file system's storage", "aws:efs/accessPoint:AccessPoint": "priced by the file system's storage",
    "aws:efs/fileSystemPolicy:FileSystemPolicy": "policies are free", "aws:efs/backupPolicy:BackupPolicy": "priced by AWS Backup storage",
    "aws:backup/plan:Plan": "priced by AWS Backup storage", "aws:backup/selection:Selection": "priced by AWS Backup storage",
    "aws:backup/vaultPolicy:VaultPolicy": "policies are free", "aws:backup/vaultLockConfiguration:VaultLockConfiguration": "vault lock is free",
    "aws:cloudwatch/logMetricFilter:LogMetricFilter": "metric filters are free (the alarm on the metric is priced)",
    "aws:cloudwatch/logResourcePolicy:LogResourcePolicy": "policies are free",
    // https://aws.amazon.com/cloudwatch/pricing/: Logs Insights charges per GB scanned when a query runs, not for saving it.
    "aws:cloudwatch/queryDefinition:QueryDefinition": "saved queries are free; each run is charged by the GB it scans",
    "aws:sqs/queuePolicy:QueuePolicy": "policies are free", "aws:sqs/redrivePolicy:RedrivePolicy": "policies are free",
    "aws:lambda/eventSourceMapping:EventSourceMapping": "SQS polling is priced by the queue's requests",
    "aws:lambda/permission:Permission": "permissions are free",
    "aws:sns/topic:Topic": "alarm notifications stay within SNS's free e-mail allowance (1,000 a month)",
    "aws:sns/topicSubscription:TopicSubscription": "subscriptions are free", "aws:sns/topicPolicy:TopicPolicy": "policies are free",
    "aws:acm/certificate:Certificate": "public ACM certificates are free", "aws:acm/certificateValidation:CertificateValidation": "validation is free",
    "aws:route53/record:Record": "alias queries to AWS resources are free",
    "aws:ecr/lifecyclePolicy:LifecyclePolicy": "policies are free", "aws:ecr/repositoryPolicy:RepositoryPolicy": "policies are free",
    "aws:wafv2/webAclAssociation:WebAclAssociation": "priced on the web ACL",
    "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration": "priced by the log group's ingestion",
    "aws:cfg/deliveryChannel:DeliveryChannel": "priced per configuration item", "aws:cfg/recorderStatus:RecorderStatus": "priced per configuration item",
    "aws:securityhub/standardsSubscription:StandardsSubscription": "priced per security check on the account",
    "aws:guardduty/detectorFeature:DetectorFeature": "priced on the detector",
    "aws:budgets/budget:Budget": "budgets without actions are free (https://aws.amazon.com/aws-cost-management/aws-budgets/pricing/)",
    "aws:cloudwatch/eventRule:EventRule": "rules for AWS service events are free", "aws:cloudwatch/eventTarget:EventTarget": "targets are free",
};

/** Prefixes of whole families with no charge. */
const FREE_PREFIXES: [string, string][] = [
    ["aws:iam/", "IAM is free"],
    ["aws:s3/bucket", "bucket settings are free; the bucket's storage and requests are priced by use"],
    ["docker:", "built and pushed where `pulumi up` runs; the ECR repository is priced by its storage"],
    ["random:", "generated locally"], ["tls:", "generated locally"], ["pulumi:providers:", "a provider is not a cloud resource"],
];

/** Types charged only by use, and which usage line prices them. */
const USAGE_TYPES: Record<string, string> = {
    "aws:s3/bucket:Bucket": "storage and requests: see the usage lines (image store; log buckets hold small access logs)",
    "aws:efs/fileSystem:FileSystem": "storage and throughput: see the usage lines (image store)",
    "aws:backup/vault:Vault": "recovery points: see the usage lines (backups)",
    "aws:dynamodb/table:Table": "on-demand writes and storage: see the usage lines (metadata pipeline)",
    "aws:lambda/function:Function": "requests and duration: see the usage lines (metadata pipeline)",
    "aws:sqs/queue:Queue": "requests: see the usage lines (metadata pipeline)",
    "aws:cloudwatch/logGroup:LogGroup": "ingestion and storage: see the usage lines (logs)",
    "aws:ec2/flowLog:FlowLog": "delivered into a log group: see the usage lines (logs)",
    // Charged per use, a few cents a month here: a handful of state transitions per secret rotation.
    "aws:sfn/stateMachine:StateMachine": "state transitions, a few per secret rotation (cents a month)",
    // Charged per rule evaluation of the recorded resources (AWS Config pricing); not modelled by the usage lines.
    "aws:cfg/conformancePack:ConformancePack": "rule evaluations, charged by AWS Config per evaluation (not in the estimate)",
};

export function unchargedReason(type: string): { status: "free" | "usage"; reason: string } | undefined {
    if (USAGE_TYPES[type] !== undefined) return { status: "usage", reason: USAGE_TYPES[type] };
    if (FREE_TYPES[type] !== undefined) return { status: "free", reason: FREE_TYPES[type] };
    const prefix = FREE_PREFIXES.find(([start]) => type.startsWith(start));
    return prefix && { status: "free", reason: prefix[1] };
}
