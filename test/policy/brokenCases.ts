/**
 * One misconfiguration per case, applied to the compliant baseline. Each names the policy that must catch it, the
 * resource it must be reported on and the exact message.
 */
import { containerDefinitions, denyInsecureTransport, identityPolicy } from "./baseline";
import { PARITY_CASES } from "./brokenCasesParity";
import { ResourceSpec } from "./planBuilder";
import { BrokenCase, add, find, patch, remove, unprotect } from "./specEdits";

export type { BrokenCase };

const AWS_MANAGED_S3 = "alias/aws/s3";
const LOGS_KEY = "arn:aws:kms:eu-west-1:123456789012:key/logs";

/** Points the load balancer's access logs elsewhere and drops the image bucket's server access logging. */
function notALogBucket(specs: ResourceSpec[]): void {
    patch("alb", { accessLogs: { enabled: true, bucket: "central-audit-logs" } })(specs);
    remove("images-logging")(specs);
}
/**
 * The decoy: the PHI image bucket on SSE-S3 without versioning, made the target of a `BucketLogging` so that it
 * "receives S3 server access logs". It is no declared log archive, so both rules still apply.
 */
function decoyLogDelivery(specs: ResourceSpec[]): void {
    patch("images-encryption", { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] })(specs);
    remove("images-versioning")(specs);
    add({
        type: "aws:s3/bucketLogging:BucketLogging", name: "decoy-logging",
        inputs: { bucket: "orthanc-logs", targetBucket: "orthanc-images" },
    })(specs);
}

/** The log bucket without the log-archive tag: it still receives ALB and S3 server access logs. */
const undeclaredLogArchive = patch("alb-logs", { tags: undefined });

/** The load balancer's access logs switched off (bucket still named) and the S3 server access logging removed. */
function deliveriesDisabled(specs: ResourceSpec[]): void {
    patch("alb", { accessLogs: { enabled: false, bucket: "orthanc-logs" } })(specs);
    remove("images-logging")(specs);
}
/**
 * An `aws.iam.<kind>PolicyAttachmentsExclusive` whose list ends with a broad AWS-managed policy (the one reported).
 */
function exclusiveAttachmentCase(kind: "Role" | "User" | "Group", principal: string, policyArns: string[]): BrokenCase {
    const lower = kind.toLowerCase();
    const name = `${principal}-attachments`;
    return {
        policy: "orthanc-iam-no-broad-managed-policies", title: `${lower} exclusive attachment list with ${policyArns[policyArns.length - 1]}`,
        environment: "dev",
        mutate: add({
            type: `aws:iam/${lower}PolicyAttachmentsExclusive:${kind}PolicyAttachmentsExclusive`, name,
            inputs: { [`${lower}Name`]: principal, policyArns },
        }), resource: name,
        message: `'${name}' attaches the AWS-managed policy ${policyArns[policyArns.length - 1]}.`,
    };
}
/**
 * Buckets that look like log archives without being declared ones that receive deliveries: each must fail both rules
 * the exemption would lift (CMK encryption and versioning), with their usual messages.
 */
const NOT_LOG_ARCHIVES: { title: string; mutate: (specs: ResourceSpec[]) => void; bucket: string; environments: BrokenCase["environment"][] }[] = [
    { title: "PHI bucket on SSE-S3 without versioning behind a decoy log delivery", mutate: decoyLogDelivery, bucket: "images", environments: ["dev", "prod"] },
    { title: "log bucket without the log-archive tag", mutate: undeclaredLogArchive, bucket: "alb-logs", environments: ["dev"] },
    { title: "log archive whose deliveries are disabled", mutate: deliveriesDisabled, bucket: "alb-logs", environments: ["prod"] },
];

function notLogArchiveCases(): BrokenCase[] {
    return NOT_LOG_ARCHIVES.flatMap(({ title, mutate, bucket, environments }) => environments.flatMap(environment => [
        {
            policy: "orthanc-s3-bucket-encrypted-with-cmk", title, environment, mutate, resource: bucket,
            message: `Bucket '${bucket}' is not encrypted with SSE-KMS and a customer-managed key (${bucket}-encryption: algorithm AES256, no KMS key is set).`,
        },
        {
            policy: "orthanc-s3-versioning-on-phi-buckets", title, environment, mutate, resource: bucket,
            message: `PHI bucket '${bucket}' has no BucketVersioning with status Enabled.`,
        },
    ]));
}
/** Adds the VPC's default security group, managed by the stack as `default-sg`, with one inline ingress rule. */
function defaultSecurityGroup(ingress: Record<string, unknown>) {
    return add({ type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", name: "default-sg", inputs: { vpcId: "vpc-id", ingress: [ingress] } });
}
const PLAINTEXT_SECRETS = "orthanc-no-plaintext-secrets-in-environment";

/** The Orthanc container given one plain environment variable, which must be reported. */
function containerVariableCase(title: string, environment: BrokenCase["environment"], name: string, value: string): BrokenCase {
    return {
        policy: PLAINTEXT_SECRETS, title, environment, resource: "orthanc-task",
        mutate: patch("orthanc-task", { containerDefinitions: containerDefinitions({ environment: [{ name, value }] }) }),
        message: `'orthanc-task' container orthanc has credentials in plain environment variables: ${name}.`,
    };
}

/** The indexer Lambda given `variables`, of which `reported` (sorted) must be reported. */
function lambdaVariablesCase(title: string, variables: Record<string, string>, reported: string[]): BrokenCase {
    return {
        policy: PLAINTEXT_SECRETS, title, environment: "dev", resource: "indexer",
        mutate: patch("indexer", { environment: { variables } }),
        message: `'indexer' has credentials in plain environment variables: ${reported.join(", ")}.`,
    };
}
const httpsListener = "https";

export const BROKEN_CASES: BrokenCase[] = [
    // Encryption at rest.
    {
        policy: "orthanc-s3-bucket-encrypted-with-cmk", title: "bucket without encryption configuration", environment: "dev",
        mutate: remove("images-encryption"), resource: "images",
        message: "Bucket 'images' has no server-side encryption configuration.",
    },
    {
        policy: "orthanc-s3-bucket-encrypted-with-cmk", title: "bucket with SSE-S3", environment: "dev",
        mutate: patch("images-encryption", { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] }),
        resource: "images",
        message: "Bucket 'images' is not encrypted with SSE-KMS and a customer-managed key (images-encryption: algorithm AES256, no KMS key is set).",
    },
    {
        policy: "orthanc-s3-bucket-encrypted-with-cmk", title: "bucket with the AWS-managed S3 key", environment: "dev",
        mutate: patch("images-encryption", { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: AWS_MANAGED_S3 } }] }),
        resource: "images",
        message: "Bucket 'images' is not encrypted with SSE-KMS and a customer-managed key (images-encryption: algorithm aws:kms, the key 'alias/aws/s3' is AWS-managed).",
    },
    {
        policy: "orthanc-s3-bucket-encrypted-with-cmk", title: "SSE-S3 on a bucket no AWS log delivery writes to", environment: "dev",
        mutate: specs => { notALogBucket(specs); }, resource: "alb-logs",
        message: "Bucket 'alb-logs' is not encrypted with SSE-KMS and a customer-managed key (alb-logs-encryption: algorithm AES256, no KMS key is set).",
    },
    {
        policy: "orthanc-s3-bucket-encrypted-with-cmk", title: "ALB access-log bucket with SSE-KMS (ALB cannot deliver)", environment: "dev",
        mutate: patch("alb-logs-encryption", { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: LOGS_KEY } }] }),
        resource: "alb-logs",
        message: "Bucket 'alb-logs' receives Application Load Balancer access logs and must use SSE-S3 (AES256), the only encryption that delivery supports (alb-logs-encryption: algorithm aws:kms).",
    },
    {
        policy: "orthanc-s3-bucket-encrypted-with-cmk", title: "NLB access-log bucket with SSE-S3 (NLB delivers to CMK buckets)", environment: "dev",
        mutate: specs => { patch("alb", { loadBalancerType: "network" })(specs); remove("images-logging")(specs); },
        resource: "alb-logs",
        message: "Bucket 'alb-logs' is not encrypted with SSE-KMS and a customer-managed key (alb-logs-encryption: algorithm AES256, no KMS key is set).",
    },
    {
        policy: "orthanc-s3-bucket-encrypted-with-cmk", title: "S3 server access-log bucket with SSE-KMS", environment: "dev",
        mutate: specs => {
            patch("alb", { accessLogs: { enabled: true, bucket: "central-audit-logs" } })(specs);
            patch("alb-logs-encryption", { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: LOGS_KEY } }] })(specs);
        },
        resource: "alb-logs",
        message: "Bucket 'alb-logs' receives S3 server access logs and must use SSE-S3 (AES256), the only encryption that delivery supports (alb-logs-encryption: algorithm aws:kms).",
    },
    ...notLogArchiveCases(),
    {
        policy: "orthanc-rds-encrypted-with-cmk", title: "unencrypted database", environment: "dev",
        mutate: patch("db", { storageEncrypted: undefined }), resource: "db",
        message: "'db' is not encrypted at rest; set `storageEncrypted: true` and `kmsKeyId`.",
    },
    {
        policy: "orthanc-rds-encrypted-with-cmk", title: "database with the AWS-managed key", environment: "dev",
        mutate: patch("db", { kmsKeyId: undefined }), resource: "db",
        message: "'db' is not encrypted with a customer-managed key: no KMS key is set; set `storageEncrypted: true` and `kmsKeyId`.",
    },
    {
        policy: "orthanc-efs-encrypted-with-cmk", title: "unencrypted file system", environment: "dev",
        mutate: patch("efs", { encrypted: false }), resource: "efs",
        message: "'efs' is not encrypted at rest; set `encrypted: true` and `kmsKeyId`.",
    },
    {
        policy: "orthanc-dynamodb-encrypted-with-cmk", title: "table with the AWS-owned key", environment: "dev",
        mutate: patch("index", { serverSideEncryption: undefined }), resource: "index",
        message: "'index' is not encrypted at rest; set `serverSideEncryption: { enabled: true, kmsKeyArn }`.",
    },
    {
        policy: "orthanc-sqs-encrypted-with-cmk", title: "queue with SQS-managed SSE", environment: "dev",
        mutate: patch("queue", { kmsMasterKeyId: undefined, sqsManagedSseEnabled: true }), resource: "queue",
        message: "'queue' is not encrypted with a customer-managed key: no KMS key is set; set `kmsMasterKeyId`.",
    },
    {
        policy: "orthanc-sns-encrypted-with-cmk", title: "topic with the AWS-managed key", environment: "dev",
        mutate: patch("alarms", { kmsMasterKeyId: "alias/aws/sns" }), resource: "alarms",
        message: "'alarms' is not encrypted with a customer-managed key: the key 'alias/aws/sns' is AWS-managed; set `kmsMasterKeyId`.",
    },
    {
        policy: "orthanc-log-group-encrypted-with-cmk", title: "log group without key", environment: "dev",
        mutate: patch("logs", { kmsKeyId: undefined }), resource: "logs",
        message: "'logs' is not encrypted with a customer-managed key: no KMS key is set; set `kmsKeyId`.",
    },
    {
        policy: "orthanc-secret-encrypted-with-cmk", title: "secret with the AWS-managed key", environment: "dev",
        mutate: patch("db-secret", { kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:alias/aws/secretsmanager" }), resource: "db-secret",
        message: "'db-secret' is not encrypted with a customer-managed key: the key 'arn:aws:kms:eu-west-1:123456789012:alias/aws/secretsmanager' is AWS-managed; set `kmsKeyId`.",
    },
    {
        policy: "orthanc-ecr-encrypted-with-cmk", title: "repository with AES256", environment: "dev",
        mutate: patch("repo", { encryptionConfigurations: [{ encryptionType: "AES256" }] }), resource: "repo",
        message: "'repo' is not encrypted at rest; set `encryptionConfigurations: [{ encryptionType: \"KMS\", kmsKey }]`.",
    },
    {
        policy: "orthanc-ecr-encrypted-with-cmk", title: "pull-through cache template without a KMS key", environment: "dev",
        mutate: patch("cache-template", { encryptionConfigurations: undefined }), resource: "cache-template",
        message: "'cache-template' is not encrypted at rest; set `encryptionConfigurations: [{ encryptionType: \"KMS\", kmsKey }]`.",
    },
    {
        policy: "orthanc-backup-vault-encrypted-with-cmk", title: "vault with the AWS-managed key", environment: "dev",
        mutate: patch("vault", { kmsKeyArn: undefined }), resource: "vault",
        message: "'vault' is not encrypted with a customer-managed key: no KMS key is set; set `kmsKeyArn`.",
    },
    {
        policy: "orthanc-launch-template-ebs-encrypted-with-cmk", title: "launch template with unencrypted root volume", environment: "dev",
        mutate: patch("hosts", { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 30 } }] }), resource: "hosts",
        message: "'hosts' device /dev/xvda is not encrypted; set ebs.encrypted to \"true\".",
    },
    {
        policy: "orthanc-launch-template-ebs-encrypted-with-cmk", title: "launch template without block device mapping", environment: "dev",
        mutate: patch("hosts", { blockDeviceMappings: undefined }), resource: "hosts",
        message: "'hosts' maps no EBS volume: its root volume would not be encrypted with a customer-managed key.",
    },
    {
        policy: "orthanc-ebs-volume-encrypted-with-cmk", title: "volume without key", environment: "dev",
        mutate: patch("scratch", { kmsKeyId: undefined }), resource: "scratch",
        message: "'scratch' is not encrypted with a customer-managed key: no KMS key is set; set `encrypted: true` and `kmsKeyId`.",
    },
    {
        policy: "orthanc-kms-key-rotation", title: "key without rotation", environment: "dev",
        mutate: patch("data-key", { enableKeyRotation: undefined }), resource: "data-key",
        message: "'data-key' does not rotate; set enableKeyRotation: true.",
    },
    // Transmission security.
    {
        policy: "orthanc-lb-listener-tls", title: "listener with an old TLS policy", environment: "dev",
        mutate: patch(httpsListener, { sslPolicy: "ELBSecurityPolicy-2016-08" }), resource: httpsListener,
        message: "'https' uses security policy ELBSecurityPolicy-2016-08; it must match /^ELBSecurityPolicy-TLS13-1-[23]-/.",
    },
    {
        policy: "orthanc-lb-listener-tls", title: "plain HTTP listener forwarding traffic", environment: "dev",
        mutate: patch("http-redirect", { defaultActions: [{ type: "forward", targetGroupArn: "tg-arn" }] }), resource: "http-redirect",
        message: "'http-redirect' listens with protocol HTTP; only HTTPS or TLS may carry traffic.",
    },
    {
        policy: "orthanc-plain-listener-private-only", title: "plain DICOM listener on an internet-facing load balancer", environment: "dev",
        mutate: patch("dicom-nlb", { internal: false }), resource: "dicom-plain",
        message: "'dicom-plain' listens without TLS on internet-facing load balancer 'dicom-nlb'; plain listeners must be internal.",
    },
    {
        policy: "orthanc-plain-listener-private-only", title: "plain DICOM listener admitting a public range", environment: "prod",
        mutate: patch("dicom-nlb-on-premises", { cidrIpv4: "203.0.113.0/24" }), resource: "dicom-plain",
        message: "'dicom-plain' listens without TLS and 'dicom-nlb' admits 203.0.113.0/24 on port 104; only private RFC 1918 ranges may reach it.",
    },
    {
        policy: "orthanc-plain-listener-private-only", title: "plain DICOM listener admitting 100.64/10 (not RFC 1918)", environment: "dev",
        mutate: patch("dicom-nlb-on-premises", { cidrIpv4: "100.64.0.0/10" }), resource: "dicom-plain",
        message: "'dicom-plain' listens without TLS and 'dicom-nlb' admits 100.64.0.0/10 on port 104; only private RFC 1918 ranges may reach it.",
    },
    {
        policy: "orthanc-plain-listener-private-only", title: "plain DICOM listener on a load balancer without security group", environment: "dev",
        mutate: patch("dicom-nlb", { securityGroups: [] }), resource: "dicom-plain",
        message: "'dicom-plain' listens without TLS on 'dicom-nlb', which has no security group to limit its sources.",
    },
    {
        policy: "orthanc-lb-listener-tls", title: "plain UDP listener", environment: "dev",
        mutate: patch("dicom-plain", { protocol: "UDP" }), resource: "dicom-plain",
        message: "'dicom-plain' listens with protocol UDP; only HTTPS or TLS may carry traffic.",
    },
    {
        policy: "orthanc-s3-bucket-denies-insecure-transport", title: "bucket without bucket policy", environment: "dev",
        mutate: remove("images-policy"), resource: "images",
        message: "Bucket 'images' has no bucket policy denying requests without TLS.",
    },
    {
        policy: "orthanc-s3-bucket-denies-insecure-transport", title: "bucket policy without the TLS condition", environment: "dev",
        mutate: patch("images-policy", { policy: identityPolicy({ Effect: "Deny", Principal: "*", Action: "s3:DeleteBucket", Resource: "*" }) }),
        resource: "images",
        message: "Bucket 'images' has a bucket policy, but none of its statements denies requests without TLS.",
    },
    {
        policy: "orthanc-rds-forces-ssl", title: "parameter group without force_ssl", environment: "dev",
        mutate: patch("db-params", { parameters: [{ name: "log_connections", value: "1" }] }), resource: "db",
        message: "Database 'db' uses parameter group 'db-params', which does not force SSL.",
    },
    {
        policy: "orthanc-rds-forces-ssl", title: "database on the default parameter group", environment: "dev",
        mutate: patch("db", { parameterGroupName: undefined }), resource: "db",
        message: "Database 'db' (postgres) uses the default parameter group; use a parameter group that forces SSL.",
    },
    {
        policy: "orthanc-efs-requires-tls", title: "file system without policy", environment: "dev",
        mutate: remove("efs-policy"), resource: "efs",
        message: "File system 'efs' has no file-system policy denying access without TLS.",
    },
    {
        policy: "orthanc-efs-requires-tls", title: "file-system policy that allows plain NFS", environment: "dev",
        mutate: patch("efs-policy", { policy: denyInsecureTransport("elasticfilesystem:ClientRootAccess", ["*"]) }), resource: "efs",
        message: "File system 'efs' has no file-system policy denying access without TLS.",
    },
    // Public exposure.
    {
        policy: "orthanc-s3-public-access-blocked", title: "public access block partly off", environment: "dev",
        mutate: patch("images-public-access", { restrictPublicBuckets: false, ignorePublicAcls: undefined }), resource: "images",
        message: "Bucket 'images' public access block 'images-public-access' does not set ignorePublicAcls, restrictPublicBuckets to true.",
    },
    {
        policy: "orthanc-s3-public-access-blocked", title: "bucket without public access block", environment: "dev",
        mutate: remove("images-public-access"), resource: "images",
        message: "Bucket 'images' has no public access block.",
    },
    {
        policy: "orthanc-rds-not-public", title: "publicly accessible database", environment: "dev",
        mutate: patch("db", { publiclyAccessible: true }), resource: "db",
        message: "'db' is publicly accessible.",
    },
    {
        policy: "orthanc-ecs-service-no-public-ip", title: "service with public IPs", environment: "dev",
        mutate: patch("orthanc", { networkConfiguration: { assignPublicIp: true, subnets: ["subnet-a"] } }), resource: "orthanc",
        message: "'orthanc' assigns public IP addresses to its tasks.",
    },
    {
        policy: "orthanc-no-internet-ingress", title: "database port open to the internet", environment: "dev",
        mutate: patch("db-from-service", { sourceSecurityGroupId: undefined, cidrBlocks: ["0.0.0.0/0"] }), resource: "db-from-service",
        message: "'db-from-service' admits 0.0.0.0/0 on tcp port 5432.",
    },
    {
        policy: "orthanc-no-internet-ingress", title: "load balancer's plain-HTTP port open to IPv6 internet", environment: "dev",
        mutate: add({
            type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", name: "alb-http",
            inputs: { securityGroupId: "alb-sg-id", ipProtocol: "tcp", fromPort: 80, toPort: 80, cidrIpv6: "::/0" },
        }), resource: "alb-http",
        message: "'alb-http' admits ::/0 on tcp port 80.",
    },
    {
        policy: "orthanc-no-internet-ingress", title: "TLS port open on a group no load balancer uses", environment: "dev",
        mutate: patch("service-sg", { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }] }), resource: "service-sg",
        message: "'service-sg' admits 0.0.0.0/0 on tcp port 443.",
    },
    {
        policy: "orthanc-no-ssh-ingress", title: "SSH from a corporate range", environment: "dev",
        mutate: add({
            type: "aws:ec2/securityGroupRule:SecurityGroupRule", name: "ssh",
            inputs: { type: "ingress", securityGroupId: "service-sg-id", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/8"] },
        }), resource: "ssh",
        message: "'ssh' admits SSH from 10.0.0.0/8 (tcp port 22).",
    },
    {
        policy: "orthanc-no-ssh-ingress", title: "all traffic from anywhere (covers SSH)", environment: "dev",
        mutate: patch("alb-sg", { ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] }), resource: "alb-sg",
        message: "'alb-sg' admits SSH from 0.0.0.0/0 (all traffic).",
    },
    {
        policy: "orthanc-no-internet-ingress", title: "database port open to half the IPv4 internet (0.0.0.0/1)", environment: "prod",
        mutate: patch("db-from-service", { sourceSecurityGroupId: undefined, cidrBlocks: ["10.0.0.0/16", "0.0.0.0/1", "128.0.0.0/1"] }),
        resource: "db-from-service",
        message: "'db-from-service' admits 0.0.0.0/1 and 128.0.0.0/1 on tcp port 5432.",
    },
    {
        policy: "orthanc-no-internet-ingress", title: "all traffic from the all-zero IPv6 network spelled out", environment: "dev",
        mutate: add({
            type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", name: "service-any",
            inputs: { securityGroupId: "service-sg-id", ipProtocol: "-1", cidrIpv6: "0:0:0:0:0:0:0:0/0" },
        }), resource: "service-any",
        message: "'service-any' admits 0:0:0:0:0:0:0:0/0 on all traffic.",
    },
    {
        policy: "orthanc-no-internet-ingress", title: "a public /8 and ::0/0 in an inline rule", environment: "dev",
        mutate: patch("service-sg", { ingress: [{ protocol: "tcp", fromPort: 8042, toPort: 8042, cidrBlocks: ["10.0.0.0/8", "52.0.0.0/8"], ipv6CidrBlocks: ["::0/0"] }] }),
        resource: "service-sg",
        message: "'service-sg' admits 52.0.0.0/8 and ::0/0 on tcp port 8042.",
    },
    {
        policy: "orthanc-no-internet-ingress", title: "the VPC's default security group open to the internet", environment: "dev",
        mutate: defaultSecurityGroup({ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }), resource: "default-sg",
        message: "'default-sg' admits 0.0.0.0/0 on tcp port 443.",
    },
    {
        policy: "orthanc-no-ssh-ingress", title: "SSH into the VPC's default security group", environment: "dev",
        mutate: defaultSecurityGroup({ protocol: "tcp", fromPort: 22, toPort: 22, ipv6CidrBlocks: ["2001:db8::/32"] }), resource: "default-sg",
        message: "'default-sg' admits SSH from 2001:db8::/32 (tcp port 22).",
    },
    // Access control.
    {
        policy: "orthanc-iam-no-wildcard-permissions", title: "Action *", environment: "dev",
        mutate: patch("kms-use", { policy: identityPolicy({ Effect: "Allow", Action: "*", Resource: "*" }) }), resource: "kms-use",
        message: "'kms-use' policy statement 0 allows Action \"*\".",
    },
    {
        policy: "orthanc-iam-no-wildcard-permissions", title: "service-wide action on every resource", environment: "dev",
        mutate: patch("task-s3", { policy: identityPolicy({ Effect: "Allow", Action: ["s3:*"], Resource: "*" }) }), resource: "task-s3",
        message: "'task-s3' policy statement 0 allows s3:* on Resource \"*\".",
    },
    {
        policy: "orthanc-iam-no-wildcard-permissions", title: "service-wide action on every bucket by ARN pattern", environment: "dev",
        mutate: patch("task-s3", { policy: identityPolicy({ Effect: "Allow", Action: "s3:*", Resource: ["arn:aws:s3:::orthanc-images/*", "arn:aws:s3:::*"] }) }),
        resource: "task-s3",
        message: "'task-s3' policy statement 0 allows s3:* on Resource \"arn:aws:s3:::*\".",
    },
    {
        policy: "orthanc-iam-no-wildcard-permissions", title: "service-wide actions on arn:* and wildcard regions, accounts and resources", environment: "prod",
        mutate: patch("kms-use", { policy: identityPolicy({ Effect: "Allow", Action: ["kms:*", "dynamodb:*"], Resource: ["arn:aws:dynamodb:*:*:*", "arn:*"] }) }),
        resource: "kms-use",
        message: "'kms-use' policy statement 0 allows kms:*, dynamodb:* on Resource \"arn:aws:dynamodb:*:*:*\", \"arn:*\".",
    },
    {
        policy: "orthanc-iam-no-wildcard-permissions", title: "role inline policy with NotAction", environment: "dev",
        mutate: patch("task-role", { inlinePolicies: [{ name: "broad", policy: identityPolicy({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }) }] }),
        resource: "task-role",
        message: "'task-role' inline policy broad statement 0 allows everything but NotAction.",
    },
    {
        policy: "orthanc-iam-no-broad-managed-policies", title: "S3 full access attached to the task role", environment: "dev",
        mutate: patch("task-execution", { policyArn: "arn:aws:iam::aws:policy/AmazonS3FullAccess" }), resource: "task-execution",
        message: "'task-execution' attaches the AWS-managed policy arn:aws:iam::aws:policy/AmazonS3FullAccess.",
    },
    {
        policy: "orthanc-iam-no-broad-managed-policies", title: "administrator role", environment: "dev",
        mutate: patch("task-role", { managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] }), resource: "task-role",
        message: "'task-role' attaches the AWS-managed policy arn:aws:iam::aws:policy/AdministratorAccess.",
    },
    exclusiveAttachmentCase("Role", "task-role", [
        "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy", "arn:aws:iam::aws:policy/AdministratorAccess",
    ]),
    exclusiveAttachmentCase("User", "operator", ["arn:aws-us-gov:iam::aws:policy/PowerUserAccess"]),
    exclusiveAttachmentCase("Group", "radiology", ["arn:aws:iam::aws:policy/AmazonS3FullAccess"]),
    containerVariableCase("database password in a container variable", "dev", "ORTHANC__POSTGRESQL__PASSWORD", "hunter2"),
    {
        policy: "orthanc-no-plaintext-secrets-in-environment", title: "secret output interpolated into container definitions", environment: "dev",
        mutate: patch("orthanc-task", { containerDefinitions: "[secret]" }), resource: "orthanc-task",
        message: "'orthanc-task' interpolates a secret value into containerDefinitions; use secrets[].valueFrom.",
    },
    lambdaVariablesCase("access key in a Lambda variable", { TABLE_NAME: "t", UPSTREAM: "AKIAABCDEFGHIJKLMNOP", API_TOKEN: "[secret]" },
        ["API_TOKEN", "UPSTREAM"]),
    lambdaVariablesCase("libpq and camelCase password names in a Lambda", { TABLE_NAME: "t", PGPASSWORD: "hunter2", dbPassword: "hunter2" },
        ["PGPASSWORD", "dbPassword"]),
    containerVariableCase("credentials inside a connection URL", "prod", "DATABASE_URL", "postgres://u:pw@db/x"),
    lambdaVariablesCase("password disguised as an ARN", { DB_PASSWORD: "arn:hunter2", DB_SECRET_ARN: "arn:aws:s3:::not-a-secret-store" },
        ["DB_PASSWORD", "DB_SECRET_ARN"]),
    {
        policy: "orthanc-ecs-containers-not-privileged", title: "privileged container", environment: "dev",
        mutate: patch("orthanc-task", { containerDefinitions: containerDefinitions({ privileged: true }) }), resource: "orthanc-task",
        message: "'orthanc-task' container orthanc runs privileged.",
    },
    {
        policy: "orthanc-imdsv2-required", title: "launch template allowing IMDSv1", environment: "dev",
        mutate: patch("hosts", { metadataOptions: { httpTokens: "optional" } }), resource: "hosts",
        message: "'hosts' does not require IMDSv2 (httpTokens is optional).",
    },
    // Audit controls.
    {
        policy: "orthanc-vpc-flow-logs", title: "VPC without flow log", environment: "dev",
        mutate: remove("vpc-flow-log"), resource: "vpc",
        message: "VPC 'vpc' has no flow log.",
    },
    {
        policy: "orthanc-vpc-flow-logs", title: "awsx VPC logging rejected traffic only", environment: "dev",
        mutate: specs => {
            add({ type: "awsx:ec2:Vpc", name: "network", inputs: { cidrBlock: "10.1.0.0/16" }, outputs: { vpcId: "vpc-awsx" } })(specs);
            add({
                type: "aws:ec2/flowLog:FlowLog", name: "network-flow-log",
                inputs: { vpcId: "vpc-awsx", trafficType: "REJECT", logDestinationType: "cloud-watch-logs", logDestination: "logs-arn", iamRoleArn: "role-arn" },
            })(specs);
        }, resource: "network",
        message: "VPC 'network' flow logs do not record ALL traffic (trafficType).",
    },
    {
        policy: "orthanc-lb-access-logs", title: "load balancer without access logs", environment: "dev",
        mutate: patch("alb", { accessLogs: { enabled: false, bucket: "orthanc-logs" } }), resource: "alb",
        message: "'alb' does not write access logs (accessLogs.enabled and accessLogs.bucket).",
    },
    {
        policy: "orthanc-log-retention", title: "log group kept 14 days", environment: "dev",
        mutate: patch("logs", { retentionInDays: 14 }), resource: "logs",
        message: "'logs' keeps events 14 days; the minimum is 30.",
    },
    {
        policy: "orthanc-log-retention", title: "log group without retention setting", environment: "prod",
        mutate: patch("logs", { retentionInDays: undefined }), resource: "logs",
        message: "'logs' sets no retention (retentionInDays); set at least 365 days.",
    },
    // Integrity.
    {
        policy: "orthanc-s3-versioning-on-phi-buckets", title: "PHI bucket with versioning suspended", environment: "dev",
        mutate: patch("images-versioning", { versioningConfiguration: { status: "Suspended" } }), resource: "images",
        message: "PHI bucket 'images' has no BucketVersioning with status Enabled.",
    },
    {
        policy: "orthanc-s3-versioning-on-phi-buckets", title: "unversioned PHI bucket that is no log destination", environment: "dev",
        mutate: notALogBucket, resource: "alb-logs",
        message: "PHI bucket 'alb-logs' has no BucketVersioning with status Enabled.",
    },
    {
        policy: "orthanc-ecr-scan-on-push", title: "repository without scan on push", environment: "dev",
        mutate: patch("repo", { imageScanningConfiguration: undefined }), resource: "repo",
        message: "'repo' does not scan images on push.",
    },
    {
        policy: "orthanc-ecr-immutable-tags", title: "repository with mutable tags", environment: "dev",
        mutate: patch("repo", { imageTagMutability: "MUTABLE" }), resource: "repo",
        message: "'repo' has MUTABLE image tags.",
    },
    {
        policy: "orthanc-ecr-immutable-tags", title: "pull-through cache template with mutable tags", environment: "dev",
        mutate: patch("cache-template", { imageTagMutability: "MUTABLE" }), resource: "cache-template",
        message: "'cache-template' has MUTABLE image tags.",
    },
    // Contingency plan.
    {
        policy: "orthanc-rds-backup-retention", title: "backups kept 3 days", environment: "dev",
        mutate: patch("db", { backupRetentionPeriod: 3 }), resource: "db",
        message: "'db' keeps backups 3 days; the minimum is 7.",
    },
    {
        policy: "orthanc-rds-backup-retention", title: "backup retention not set", environment: "prod",
        mutate: patch("db", { backupRetentionPeriod: undefined }), resource: "db",
        message: "'db' keeps backups for the engine default (not set); the minimum is 14.",
    },
    {
        policy: "orthanc-dynamodb-pitr", title: "table without PITR", environment: "dev",
        mutate: patch("index", { pointInTimeRecovery: { enabled: false } }), resource: "index",
        message: "'index' has no point-in-time recovery.",
    },
    {
        policy: "orthanc-deletion-protection", title: "prod database without deletion protection", environment: "prod",
        mutate: patch("db", { deletionProtection: false }), resource: "db",
        message: "'db' has no deletion protection (deletionProtection).",
    },
    {
        policy: "orthanc-deletion-protection", title: "prod table without deletion protection", environment: "prod",
        mutate: patch("index", { deletionProtectionEnabled: undefined }), resource: "index",
        message: "'index' has no deletion protection (deletionProtectionEnabled).",
    },
    {
        policy: "orthanc-phi-stores-protected", title: "prod file system not protected", environment: "prod",
        mutate: unprotect("efs"), resource: "efs",
        message: "PHI store 'efs' is not protected (resource option protect) and would be deleted with the stack.",
    },
    {
        policy: "orthanc-phi-stores-protected", title: "prod database neither protected nor snapshotted", environment: "prod",
        mutate: specs => { unprotect("db")(specs); patch("db", { skipFinalSnapshot: true })(specs); }, resource: "db",
        message: "PHI store 'db' is not protected (resource option protect) and would be deleted with the stack.",
    },
    // The product's invariants.
    {
        policy: "orthanc-data-classification-tag", title: "resource on the default provider, untagged", environment: "dev",
        mutate: specs => { find(specs, "queue").explicitProvider = false; }, resource: "queue",
        message: "'queue' has no DataClassification tag.",
    },
    {
        policy: "orthanc-data-classification-tag", title: "classification overridden with an unknown value", environment: "dev",
        mutate: patch("alarms", { tags: { DataClassification: "Secret-ish" } }), resource: "alarms",
        message: "'alarms' has DataClassification=Secret-ish; allowed: PHI, Internal, Public.",
    },
    ...PARITY_CASES,
];
