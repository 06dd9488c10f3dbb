/**
 * The validated stack configuration: what `parseStackConfig` returns once every setting has passed its check.
 * Every field is filled (defaults applied), so components never guess.
 */

export type NatGatewayStrategy = "none" | "single" | "perAz";
export type LaunchType = "fargate" | "ec2";
export type StorageBackend = "efs" | "s3";
/** Where tasks pull the Orthanc image from: never anonymously from Docker Hub (its per-address pull limits). */
export type ImageSource = "mirror" | "pullThroughCache" | "registry";
/** `rolling`: new tasks beside old ones; `maintenance`: every old task stopped first, then one new task (schema upgrades). */
export type DeploymentMode = "rolling" | "maintenance";
export type VaultLockMode = "none" | "governance" | "compliance";

/** EFS lifecycle values accepted by `transitionToIa` (AWS API `TransitionToIARules`). */
export const EFS_TRANSITION_TO_IA = [
    "AFTER_1_DAY", "AFTER_7_DAYS", "AFTER_14_DAYS", "AFTER_30_DAYS", "AFTER_60_DAYS",
    "AFTER_90_DAYS", "AFTER_180_DAYS", "AFTER_270_DAYS", "AFTER_365_DAYS",
] as const;
export type EfsTransitionToIa = typeof EFS_TRANSITION_TO_IA[number];

export interface NetworkConfig {
    /** IPv4 range of the VPC. */
    cidrBlock: string;
    /** How many availability zones the VPC spans (2–3). */
    availabilityZones: number;
    natGateways: NatGatewayStrategy;
    /**
     * Private interface endpoints so AWS traffic stays off the internet: true = every one the launch type uses
     * (ECR, Logs, Secrets Manager, SSM, KMS, STS, and the ECS agent's on EC2), false = none, a list = those services.
     */
    interfaceEndpoints: boolean | string[];
}

export interface ComputeConfig {
    launchType: LaunchType;
    /** EC2 instance type of the container hosts (launchType ec2 only). */
    instanceType: string;
    /** Task CPU units (1024 = 1 vCPU). */
    cpu: number;
    /** Task memory in MiB. */
    memory: number;
    desiredCount: number;
    minCount: number;
    maxCount: number;
    /** Orthanc container image, pinned by tag or digest. */
    image: string;
    /** Run the Fargate tasks on Fargate Spot (interruptible, for non-production stacks). */
    fargateSpot: boolean;
    /** CPU architecture of Fargate tasks; on EC2 the instance type decides. */
    cpuArchitecture: CpuArchitecture;
    /** `mirror`: pushed once into the stack's ECR repository; `pullThroughCache`: an ECR pull-through cache rule; `registry`: pulled as named. */
    imageSource: ImageSource;
    /** Secrets Manager secret (`ecr-pullthroughcache/…`) with the upstream registry's credentials, for `pullThroughCache`. */
    pullThroughCacheCredentialArn?: string;
    deployment: DeploymentMode;
    /** With `deployment: maintenance`: seconds the single new task may take to start (schema upgrade) before ECS judges it. */
    maintenanceStartSeconds: number;
}

export type CpuArchitecture = "x86_64" | "arm64";

export interface StorageConfig {
    backend: StorageBackend;
    efsTransitionToIa: EfsTransitionToIa;
    /** `AFTER_1_ACCESS` moves a file back to Standard when read; `none` leaves it in IA. */
    efsTransitionToPrimary: "AFTER_1_ACCESS" | "none";
    /** Days after which S3 objects move to Glacier Instant Retrieval; 0 = never. */
    s3GlacierInstantRetrievalAfterDays: number;
    /** Days after which S3 objects move to Glacier Deep Archive; 0 = never. */
    s3DeepArchiveAfterDays: number;
    /** Days after which replaced or deleted S3 object versions are removed for good. */
    s3NoncurrentVersionExpirationDays: number;
    /** Store images in S3 Intelligent-Tiering instead of the fixed Glacier lifecycle. */
    s3IntelligentTiering: boolean;
    /**
     * Days of S3 Object Lock default retention (governance mode) on the image bucket's new object versions; 0 = off.
     * Only with `backend: s3`.
     */
    s3ObjectLockRetentionDays: number;
    /** Directory an AWS Backup restore of the file system created (`aws-backup-restore_…`): Orthanc's files are read from it. */
    efsRestoredDirectory?: string;
}

export interface DatabaseConfig {
    instanceClass: string;
    /** PostgreSQL major version. */
    engineVersion: string;
    /** GiB of gp3 storage at creation. */
    allocatedStorage: number;
    /** Storage autoscaling ceiling in GiB. */
    maxAllocatedStorage: number;
    multiAz: boolean;
    backupRetentionDays: number;
    deletionProtection: boolean;
    /** Changing `engineVersion` to a new major is applied only when this is true. */
    allowMajorVersionUpgrade: boolean;
    /** Snapshot identifier or ARN (an RDS snapshot or an AWS Backup recovery point) the database is created from. */
    restoreSnapshot?: string;
}

export interface EndpointConfig {
    /** DNS name users reach Orthanc at; with `hostedZoneId`, an ACM certificate is validated in Route 53. */
    domainName?: string;
    hostedZoneId?: string;
    /** Client networks admitted to the load balancer: public IPv4 ranges (the load balancer is IPv4-only). */
    allowedCidrs: string[];
    /** Must be true to admit 0.0.0.0/0 (or another internet-wide range) in `allowedCidrs`. */
    allowInternet: boolean;
    /** TLS port of the load balancer for DICOM (DIMSE). */
    dicomPort: number;
    /** Orthanc's DICOM Application Entity title. */
    aeTitle: string;
}

export interface WebConfig {
    /** AWS WAF web ACL (managed common, known-bad-inputs and IP-reputation rules) on the Application Load Balancer. */
    waf: boolean;
}

export interface CloudTrailConfig {
    /** Name of the organization trail that already records this account: the stack then creates no trail of its own. */
    organizationTrailName?: string;
}

export interface MetadataPipelineConfig {
    enabled: boolean;
    /** Most concurrent indexer invocations the queue's event source starts. */
    maxConcurrency: number;
    /** Concurrency reserved for the indexer; none by default (a new account's quota may be 10 in all). */
    reservedConcurrency?: number;
}

export interface BackupCopyConfig {
    /** Region of a vault this stack creates for the copies, with its own key. */
    region?: string;
    /** Existing vault (another account's) the copies go to instead. */
    vaultArn?: string;
    /** Days each copy is kept. */
    retentionDays: number;
}

export interface BackupConfig {
    /** Days AWS Backup keeps each daily recovery point. */
    retentionDays: number;
    /** Copy of every recovery point into a second region or account. */
    copy?: BackupCopyConfig;
    /** AWS Backup Vault Lock on the stack's vaults; its minimum retention is `retentionDays`. */
    vaultLock: VaultLockMode;
}

export interface AlarmsConfig {
    /** Address subscribed to the stack's alarm topic. */
    email?: string;
    /** The address came from the deprecated `metadataPipeline.alarmEmail`. */
    fromLegacySetting: boolean;
}

/** Who runs AWS Config, GuardDuty and Security Hub for the stack's account and region. */
export type AccountServices = "stack" | "external";
export const ACCOUNT_SERVICES: readonly AccountServices[] = ["stack", "external"];

export interface ComplianceConfig {
    /**
     * `stack`: this stack deploys them (components/compliance); `external`: the organization (or another stack of
     * the same account and region) already does, since each exists once per account and region.
     */
    accountServices: AccountServices;
}

/** What the usage part of the cost estimate assumes; each figure is printed beside the cost it drives. */
export interface CostAssumptions {
    studiesPerMonth: number;
    /** Average size of a study as stored, MB (10^6 bytes). */
    mbPerStudy: number;
    /** DICOM instances (files) per study: drives S3 requests and the metadata pipeline. */
    instancesPerStudy: number;
    /** Years studies are kept; storage grows until then, then stays level. */
    retentionYears: number;
    /** Month of operation the estimate is for (storage grows with it). */
    estimateMonth: number;
    /** Data sent to the internet (viewers, downloads), GB a month. */
    egressGbPerMonth: number;
    /** Traffic through the NAT gateways (image pulls, AWS APIs without an endpoint), GB a month. */
    natGbPerMonth: number;
    /** CloudWatch Logs ingested by all log groups, GB a month. */
    logGbPerMonth: number;
    /** HTTPS requests a month, for per-request charges (WAF). */
    webRequestsPerMonth: number;
}

/** The AWS Budgets monthly cost budget of the stack. */
export interface BudgetConfig {
    enabled: boolean;
    /** Fixed monthly amount, USD; without it the estimate plus `marginPercent`. */
    monthlyLimitUsd?: number;
    marginPercent: number;
}

/** Web viewers loaded into Orthanc and linked from Orthanc Explorer 2. */
export const VIEWERS = ["stone", "ohif"] as const;
export type Viewer = typeof VIEWERS[number];

/** DIMSE services a declared modality may ask of Orthanc. */
export const DICOM_OPERATIONS = ["echo", "find", "get", "move", "store"] as const;
export type DicomOperation = typeof DICOM_OPERATIONS[number];

/** Orthanc's per-modality patches for manufacturers' quirks (Orthanc's Configuration.json, `DicomModalities`). */
export const MODALITY_MANUFACTURERS = ["Generic", "GenericNoWildcardInDates", "GenericNoUniversalWildcard", "Vitrea", "GE"] as const;
export type ModalityManufacturer = typeof MODALITY_MANUFACTURERS[number];

/** A DICOM node Orthanc knows: it may call Orthanc (with `allow`) and Orthanc may send to it (C-MOVE, "send to"). */
export interface DicomModalityConfig {
    /** Key in Orthanc's `DicomModalities`, shown in Orthanc Explorer 2. */
    name: string;
    aeTitle: string;
    /** IPv4 address: Orthanc connects to it and compares callers' addresses with it. */
    host: string;
    port: number;
    /** What the modality may ask of Orthanc; Orthanc refuses anything else from it. */
    allow: DicomOperation[];
    /** Orthanc opens its own associations to this modality over DICOM TLS. */
    tls: boolean;
    manufacturer: ModalityManufacturer;
}

/** Another Orthanc server (`OrthancPeers`) or a DICOMweb server (`DicomWeb.Servers`). */
export interface HttpNodeConfig {
    /** Key in Orthanc's configuration: a capital letter, then letters and digits. */
    name: string;
    /** https:// base URL. */
    url: string;
    /** Secrets Manager secret with JSON keys `username` and `password`, encrypted with the stack's data key. */
    credentialsSecretArn?: string;
}

export interface DicomNetworkConfig {
    modalities: DicomModalityConfig[];
    peers: HttpNodeConfig[];
    dicomWebServers: HttpNodeConfig[];
    /** PEM certificates Orthanc trusts when it opens DICOM TLS to a modality (their CAs or self-signed certificates). */
    trustedCertificates?: string;
    /**
     * Secrets Manager secret with JSON keys `certificate` and `privateKey` (PEM): Orthanc's own DICOM TLS identity.
     * Unset: the stack generates a key and a self-signed certificate (output `dicomTlsCertificate`).
     */
    clientCertificateSecretArn?: string;
}

/** The optional plain-DICOM listener for on-premises modalities that cannot speak DICOM TLS. */
export interface PrivateDicomConfig {
    enabled: boolean;
    /** Plain DICOM port of the internal load balancer. */
    port: number;
    /** On-premises networks (RFC 1918) admitted, reached over the VPN or Direct Connect. */
    onPremisesCidrs: string[];
    vpn?: {
        /** Public IPv4 address of the clinic's VPN device. */
        customerGatewayIp: string;
        /** BGP ASN of the clinic's device; unset: static routes to `onPremisesCidrs`. */
        bgpAsn?: number;
    };
    /** An existing Direct Connect gateway to associate the VPC's virtual private gateway with. */
    directConnectGatewayId?: string;
}

/** Who signs in to Orthanc: Keycloak (per-person accounts, roles, MFA) or Orthanc's own accounts. */
export const IDENTITY_MODES = ["keycloak", "basic"] as const;
export type IdentityMode = typeof IDENTITY_MODES[number];
/** Orthanc's three roles: Keycloak realm roles in `keycloak` mode, enforced by the REST filter in `basic` mode. */
export type IdentityRole = "admin" | "doctor" | "uploader";

/** One person's Orthanc account in `basic` mode. */
export interface IdentityUser {
    /** Login name (also the suffix of the person's Secrets Manager secret). */
    name: string;
    role: IdentityRole;
}

/** Size of the Keycloak Fargate task (a valid Fargate CPU/memory pair). */
export interface KeycloakSizing {
    /** CPU units (1024 = 1 vCPU). */
    cpu: number;
    /** Memory in MiB. */
    memory: number;
}

/** Who signs in to Orthanc and how (`identity`). */
export interface IdentityConfig {
    /** `keycloak` (the default for new stacks): Keycloak sign-in with MFA, the authorization plugin and auth service; `basic`: one Orthanc account per person. */
    mode: IdentityMode;
    /** The people of `basic` mode, each with a generated password of their own; empty in `keycloak` mode. */
    users: IdentityUser[];
    /** The shared `admin` break-glass account is loaded into the tasks (an emergency only; off in daily use). */
    breakGlass: boolean;
    /** The Keycloak task (read in every mode, used only with `mode: keycloak`). */
    keycloak: KeycloakSizing;
}

export interface StackConfig {
    /** Prefix of every resource name. */
    namespace: string;
    /** Stack name (dev, prod, ...): tagged on every resource. */
    stack: string;
    /** AWS region from `aws:region`. */
    region: string;
    network: NetworkConfig;
    compute: ComputeConfig;
    storage: StorageConfig;
    database: DatabaseConfig;
    endpoint: EndpointConfig;
    web: WebConfig;
    cloudTrail: CloudTrailConfig;
    metadataPipeline: MetadataPipelineConfig;
    backup: BackupConfig;
    compliance: ComplianceConfig;
    costAssumptions: CostAssumptions;
    budget: BudgetConfig;
    viewers: Viewer[];
    dicomNetwork: DicomNetworkConfig;
    privateDicom: PrivateDicomConfig;
    identity: IdentityConfig;
    alarms: AlarmsConfig;
    /** Keep PHI stores (database, file system, bucket, backup vault) when the stack is destroyed. */
    protectDataStores: boolean;
    /** CloudWatch Logs retention of every log group, in days. */
    logRetentionDays: number;
    audit: AuditConfig;
}

/** The audit trail (config/parseAudit.ts). */
export interface AuditConfig {
    /** Retention of the Orthanc log group, which holds the audit lines: at least 2192 days (6 years). */
    logRetentionDays: number;
}
