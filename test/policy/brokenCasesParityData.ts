/** Broken cases of the parity policies on data stores, backups, logging, certificates and the load balancer. */
import { BrokenCase, add, patch, remove, unprotect } from "./specEdits";

export const AUDIT_AND_CONTINGENCY_CASES: BrokenCase[] = [
    {
        policy: "orthanc-s3-acls-disabled", title: "bucket without ownership controls", environment: "dev", resource: "images",
        mutate: remove("orthanc-images-ownership"),
        message: "Bucket 'images' does not disable ACLs (no BucketOwnershipControls with BucketOwnerEnforced).",
    },
    {
        policy: "orthanc-s3-acls-disabled", title: "bucket ACL resource", environment: "dev", resource: "images",
        mutate: add({ type: "aws:s3/bucketAcl:BucketAcl", name: "images-acl", inputs: { bucket: "orthanc-images", acl: "public-read" } }),
        message: "Bucket 'images' has an ACL resource 'images-acl'.",
    },
    {
        policy: "orthanc-s3-access-logging", level: "advisory", title: "PHI bucket without server access logging", environment: "prod", resource: "images",
        mutate: patch("images-logging", { bucket: "orthanc-other" }), message: "Bucket 'images' has no server access logging.",
    },
    {
        policy: "orthanc-s3-versioned-buckets-lifecycle", title: "versioned bucket keeping every old version", environment: "dev", resource: "images",
        mutate: remove("images-lifecycle"), message: "Versioned bucket 'images' has no lifecycle rule expiring noncurrent versions.",
    },
    {
        policy: "orthanc-s3-object-lock", level: "advisory", title: "PHI bucket without Object Lock", environment: "prod", resource: "images",
        mutate: remove("images-lock"), message: "PHI bucket 'images' has no Object Lock default retention.",
    },
    {
        policy: "orthanc-rds-enhanced-monitoring", title: "database without Enhanced Monitoring", environment: "dev", resource: "db",
        mutate: patch("db", { monitoringInterval: 0 }),
        message: "'db' has no Enhanced Monitoring (monitoringInterval 0, monitoringRoleArn set).",
    },
    {
        policy: "orthanc-rds-logs-exported", title: "database exporting no upgrade log", environment: "dev", resource: "db",
        mutate: patch("db", { enabledCloudwatchLogsExports: ["postgresql"] }),
        message: "'db' does not export its upgrade logs (enabledCloudwatchLogsExports).",
    },
    {
        policy: "orthanc-rds-multi-az", title: "prod database in one zone", environment: "prod", resource: "db",
        mutate: patch("db", { multiAz: false }), message: "'db' runs in a single availability zone (multiAz).",
    },
    {
        policy: "orthanc-rds-auto-minor-version-upgrade", title: "minor upgrades off", environment: "dev", resource: "db",
        mutate: patch("db", { autoMinorVersionUpgrade: false }), message: "'db' does not take minor version upgrades (autoMinorVersionUpgrade: false).",
    },
    {
        policy: "orthanc-rds-forces-ssl", title: "parameter group admitting TLS 1.0", environment: "dev", resource: "db",
        mutate: patch("db-params", { parameters: [{ name: "rds.force_ssl", value: "1" }, { name: "ssl_min_protocol_version", value: "TLSv1" }] }),
        message: "Database 'db' uses parameter group 'db-params', which accepts TLS older than 1.2 (ssl_min_protocol_version TLSv1).",
    },
    {
        policy: "orthanc-alarm-actions", title: "alarm without OK action", environment: "prod", resource: "errors",
        mutate: patch("errors", { okActions: [] }), message: "'errors' notifies nobody on okActions.",
    },
    {
        policy: "orthanc-cloudtrail-trail-settings", title: "single-region trail without validation", environment: "dev", resource: "trail",
        mutate: patch("trail", { isMultiRegionTrail: false, enableLogFileValidation: undefined }),
        message: "Trail 'trail' has no log file validation, a single region.",
    },
    {
        policy: "orthanc-cloudtrail-trail-settings", title: "trail without S3 data events", environment: "dev", resource: "trail",
        mutate: patch("trail", { eventSelectors: [{ readWriteType: "All", includeManagementEvents: true }] }),
        message: "Trail 'trail' has no S3 data events.",
    },
    {
        policy: "orthanc-waf-logging", title: "web ACL without logging", environment: "dev", resource: "waf",
        mutate: remove("waf-logging"), message: "Web ACL 'waf' does not log its requests.",
    },
    {
        policy: "orthanc-alb-waf-and-http-hardening", title: "ALB without WAF", environment: "dev", resource: "alb",
        mutate: remove("alb-waf"), message: "Load balancer 'alb' has no WAF web ACL.",
    },
    {
        policy: "orthanc-alb-waf-and-http-hardening", title: "ALB forwarding invalid headers", environment: "dev", resource: "alb",
        mutate: patch("alb", { dropInvalidHeaderFields: false }),
        message: "Load balancer 'alb' forwards invalid HTTP header fields (dropInvalidHeaderFields).",
    },
    {
        policy: "orthanc-lb-deletion-protection", title: "prod load balancer deletable", environment: "prod", resource: "alb",
        mutate: patch("alb", { enableDeletionProtection: false }), message: "'alb' has no deletion protection (enableDeletionProtection).",
    },
    {
        policy: "orthanc-lb-listener-acm-certificate", title: "IAM server certificate on a TLS listener", environment: "dev", resource: "https",
        mutate: patch("https", { certificateArn: "arn:aws:iam::123456789012:server-certificate/orthanc" }),
        message: "'https' serves certificate arn:aws:iam::123456789012:server-certificate/orthanc, not one from ACM.",
    },
    {
        policy: "orthanc-acm-certificate-renews", level: "advisory", title: "imported certificate", environment: "prod", resource: "cert",
        mutate: add({ type: "aws:acm/certificate:Certificate", name: "cert", inputs: { certificateBody: "-----BEGIN CERTIFICATE-----", privateKey: "[secret]" } }),
        message: "'cert' is an imported certificate: nothing renews it before it expires.",
    },
    {
        policy: "orthanc-backup-plan-retention", title: "backups kept a week in prod", environment: "prod", resource: "backup-plan",
        mutate: patch("backup-plan", { rules: [{ ruleName: "daily", targetVaultName: "vault", schedule: "cron(0 5 ? * * *)", lifecycle: { deleteAfter: 7 } }] }),
        message: "'backup-plan' rule daily keeps recovery points 7 days; the minimum is 35.",
    },
    {
        policy: "orthanc-backup-plan-retention", title: "weekly backups, short-lived copy", environment: "dev", resource: "backup-plan",
        mutate: patch("backup-plan", {
            rules: [{
                ruleName: "weekly", targetVaultName: "vault", schedule: "cron(0 5 ? * SUN *)", lifecycle: { deleteAfter: 35 },
            }],
        }),
        message: "'backup-plan' rule weekly runs cron(0 5 ? * SUN *), less than daily.",
    },
    {
        policy: "orthanc-backup-plan-retention", title: "cross-region copy kept one day", environment: "dev", resource: "backup-plan",
        mutate: patch("backup-plan", {
            rules: [{
                ruleName: "daily", targetVaultName: "vault", schedule: "cron(0 5 ? * * *)", lifecycle: { deleteAfter: 35 },
                copyActions: [{ destinationVaultArn: "arn:aws:backup:eu-central-1:123456789012:backup-vault:copy", lifecycle: { deleteAfter: 1 } }],
            }],
        }),
        message: "'backup-plan' rule daily keeps copy 0 1 days; the minimum is 7.",
    },
    {
        policy: "orthanc-data-stores-in-backup-plan", title: "database left out of the selection", environment: "prod", resource: "db",
        mutate: patch("backup-selection", { resources: ["arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/efs-id", "arn:aws:dynamodb:eu-west-1:123456789012:table/orthanc-index", "arn:aws:s3:::orthanc-images"] }),
        message: "PHI store 'db' is in no AWS Backup selection of the stack.",
    },
    {
        policy: "orthanc-backup-vault-denies-deletion", title: "vault without deletion guard", environment: "prod", resource: "vault",
        mutate: remove("vault-policy"),
        message: "Backup vault 'vault' lets principals delete recovery points (no Deny of backup:DeleteRecoveryPoint, no vault lock).",
    },
    {
        policy: "orthanc-kms-key-deletion-window", title: "key deleted after a week", environment: "dev", resource: "data-key",
        mutate: patch("data-key", { deletionWindowInDays: 7 }), message: "'data-key' is deleted 7 days after it is scheduled; use 30.",
    },
    {
        policy: "orthanc-phi-stores-protected", title: "prod key not protected", environment: "prod", resource: "data-key",
        mutate: unprotect("data-key"),
        message: "Key of PHI 'data-key' is not protected (resource option protect) and would be deleted with the stack.",
    },
    {
        policy: "orthanc-dynamodb-capacity-scales", title: "provisioned table without auto scaling", environment: "dev", resource: "index",
        mutate: patch("index", { billingMode: "PROVISIONED", name: "orthanc-index", readCapacity: 5, writeCapacity: 5 }),
        message: "Table 'index' has provisioned capacity without auto scaling of dynamodb:table:ReadCapacityUnits, dynamodb:table:WriteCapacityUnits.",
    },
    {
        policy: "orthanc-secrets-rotated", level: "advisory", title: "secret rotating twice a year", environment: "dev", resource: "db-secret",
        mutate: patch("db-secret-rotation", { rotationRules: { automaticallyAfterDays: 180 } }),
        message: "Secret 'db-secret' rotates every 180 days; the maximum is 90.",
    },
];
