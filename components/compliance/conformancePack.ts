/**
 * The AWS Config rules the account runs: the managed rules of AWS's "Operational Best Practices for HIPAA Security"
 * conformance pack (awslabs/aws-config-rules, aws-config-conformance-packs/Operational-Best-Practices-for-HIPAA-
 * Security.yaml at b54d4a6) that judge resource types this program creates or the account it runs in. The template is
 * generated from the rule identifiers (facts of AWS's catalogue), so the pack checks on the live account what the
 * policy pack checks before `pulumi up`.
 */

/** Managed-rule identifiers (AWS Config developer guide, "List of AWS Config Managed Rules"), by concern. */
export const HIPAA_MANAGED_RULES: readonly string[] = [
    // Encryption at rest
    "S3_DEFAULT_ENCRYPTION_KMS", "S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED", "RDS_STORAGE_ENCRYPTED", "RDS_SNAPSHOT_ENCRYPTED",
    "EFS_ENCRYPTED_CHECK", "ENCRYPTED_VOLUMES", "EC2_EBS_ENCRYPTION_BY_DEFAULT", "SNS_ENCRYPTED_KMS", "SECRETSMANAGER_USING_CMK",
    "BACKUP_RECOVERY_POINT_ENCRYPTED", "KMS_CMK_NOT_SCHEDULED_FOR_DELETION", "CLOUD_TRAIL_ENCRYPTION_ENABLED",
    // Transmission security
    "S3_BUCKET_SSL_REQUESTS_ONLY", "ALB_HTTP_TO_HTTPS_REDIRECTION_CHECK", "ELBV2_ACM_CERTIFICATE_REQUIRED", "ACM_CERTIFICATE_EXPIRATION_CHECK",
    // Access control and exposure
    "S3_BUCKET_PUBLIC_READ_PROHIBITED", "S3_BUCKET_PUBLIC_WRITE_PROHIBITED", "S3_BUCKET_ACL_PROHIBITED", "S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC",
    "RDS_INSTANCE_PUBLIC_ACCESS_CHECK", "RDS_SNAPSHOTS_PUBLIC_PROHIBITED", "EBS_SNAPSHOT_PUBLIC_RESTORABLE_CHECK", "LAMBDA_FUNCTION_PUBLIC_ACCESS_PROHIBITED",
    "EC2_INSTANCE_NO_PUBLIC_IP", "SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED", "AUTOSCALING_LAUNCH_CONFIG_PUBLIC_IP_DISABLED", "INSTANCES_IN_VPC",
    "INTERNET_GATEWAY_AUTHORIZED_VPC_ONLY", "NO_UNRESTRICTED_ROUTE_TO_IGW", "VPC_DEFAULT_SECURITY_GROUP_CLOSED", "INCOMING_SSH_DISABLED",
    "RESTRICTED_INCOMING_TRAFFIC", "VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS", "EC2_IMDSV2_CHECK", "EC2_INSTANCE_PROFILE_ATTACHED",
    "EC2_INSTANCE_MANAGED_BY_SSM", "ECS_CONTAINERS_READONLY_ACCESS", "ECS_TASK_DEFINITION_USER_FOR_HOST_MODE_CHECK", "ALB_WAF_ENABLED",
    "IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS", "IAM_POLICY_NO_STATEMENTS_WITH_FULL_ACCESS", "IAM_CUSTOMER_POLICY_BLOCKED_KMS_ACTIONS",
    "IAM_INLINE_POLICY_BLOCKED_KMS_ACTIONS", "IAM_ROOT_ACCESS_KEY_CHECK", "ROOT_ACCOUNT_MFA_ENABLED", "IAM_USER_MFA_ENABLED",
    "IAM_PASSWORD_POLICY", "SECRETSMANAGER_ROTATION_ENABLED_CHECK",
    // Audit controls
    "CLOUD_TRAIL_ENABLED", "MULTI_REGION_CLOUD_TRAIL_ENABLED", "CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED", "CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED",
    "CLOUDTRAIL_S3_DATAEVENTS_ENABLED", "VPC_FLOW_LOGS_ENABLED", "ELB_LOGGING_ENABLED", "S3_BUCKET_LOGGING_ENABLED", "RDS_LOGGING_ENABLED",
    "RDS_ENHANCED_MONITORING_ENABLED", "CLOUDWATCH_ALARM_ACTION_CHECK", "WAFV2_LOGGING_ENABLED", "GUARDDUTY_ENABLED_CENTRALIZED",
    "SECURITYHUB_ENABLED",
    // Account settings and runtime state no preview can see
    "AWS_CONFIG_PROCESS_CHECK", "DYNAMODB_THROUGHPUT_LIMIT_CHECK", "EC2_MANAGEDINSTANCE_ASSOCIATION_COMPLIANCE_STATUS_CHECK",
    "EC2_MANAGEDINSTANCE_PATCH_COMPLIANCE_STATUS_CHECK", "EC2_STOPPED_INSTANCE", "IAM_USER_NO_POLICIES_CHECK",
    "IAM_USER_UNUSED_CREDENTIALS_CHECK", "MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS", "ROOT_ACCOUNT_HARDWARE_MFA_ENABLED", "VPC_VPN_2_TUNNELS_UP",
    // Integrity
    "S3_BUCKET_VERSIONING_ENABLED", "S3_VERSION_LIFECYCLE_POLICY_CHECK", "S3_BUCKET_DEFAULT_LOCK_ENABLED", "RDS_AUTOMATIC_MINOR_VERSION_UPGRADE_ENABLED",
    // Contingency plan
    "DB_INSTANCE_BACKUP_ENABLED", "RDS_IN_BACKUP_PLAN", "RDS_MULTI_AZ_SUPPORT", "EFS_IN_BACKUP_PLAN", "DYNAMODB_IN_BACKUP_PLAN",
    "DYNAMODB_PITR_ENABLED", "DYNAMODB_AUTOSCALING_ENABLED", "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK",
    "BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED", "ELB_DELETION_PROTECTION_ENABLED", "AUTOSCALING_GROUP_ELB_HEALTHCHECK_REQUIRED",
];

/** Input parameters of the rules whose floors the policy pack also enforces (pack config → the live rule). */
export interface RuleParameters {
    backupRetentionDays: number;
    maxSecretRotationDays: number;
}

/** A Config rule's name: the identifier in kebab case, prefixed so two packs in one account never collide. */
export function ruleName(prefix: string, identifier: string): string {
    return `${prefix}-${identifier.toLowerCase().replace(/_/g, "-")}`;
}

/** The CloudFormation template body (JSON) of the conformance pack. */
export function conformancePackTemplate(prefix: string, parameters: RuleParameters): string {
    const input: Record<string, Record<string, string>> = {
        BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK: {
            requiredFrequencyValue: "1", requiredFrequencyUnit: "days", requiredRetentionDays: String(parameters.backupRetentionDays),
        },
        SECRETSMANAGER_ROTATION_ENABLED_CHECK: { maximumAllowedRotationFrequency: String(parameters.maxSecretRotationDays) },
        CLOUDWATCH_ALARM_ACTION_CHECK: { alarmActionRequired: "true", okActionRequired: "true", insufficientDataActionRequired: "false" },
        VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS: { authorizedTcpPorts: "443" },
    };
    const resources = Object.fromEntries(HIPAA_MANAGED_RULES.map((identifier) => [
        identifier.toLowerCase().split("_").map((word) => word[0].toUpperCase() + word.slice(1)).join(""),
        {
            Type: "AWS::Config::ConfigRule",
            Properties: {
                ConfigRuleName: ruleName(prefix, identifier),
                Source: { Owner: "AWS", SourceIdentifier: identifier },
                ...(input[identifier] !== undefined ? { InputParameters: input[identifier] } : {}),
            },
        },
    ]));
    return JSON.stringify({ Resources: resources });
}
