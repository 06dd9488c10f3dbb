/**
 * What `pulumi preview` / `up` (and `npm run plan`) tell the operator about a stack beyond its resources: the
 * certificate's renewal, where the image comes from, what `pulumi destroy` would delete or refuse, and settings
 * whose effect is easy to forget. Warnings are things to act on; the rest is information.
 */
import { StackConfig } from "./types";

export interface Notice { level: "info" | "warning"; topic: string; text: string }

/** The PHI stores and other data holders of a stack, as `pulumi destroy` meets them. */
export function dataStores(config: StackConfig): string[] {
    return [
        "database (RDS)",
        config.storage.backend === "efs" ? "file system (EFS)" : "image bucket (S3)",
        ...(config.storage.backend === "s3" ? ["image bucket's access-log bucket"] : []),
        "load balancer's access-log bucket",
        "web load balancer's access-log bucket",
        ...(config.cloudTrail.organizationTrailName === undefined ? ["CloudTrail bucket"] : []),
        ...(config.metadataPipeline.enabled && config.storage.backend === "s3" ? ["DICOM header table (DynamoDB)"] : []),
        "backup vault with its recovery points",
        ...(config.backup.copy?.region !== undefined ? [`copy vault in ${config.backup.copy.region} with its recovery points`] : []),
        "KMS keys (scheduled for deletion after 30 days)",
    ];
}

export function teardownNotice(config: StackConfig): Notice {
    const stores = dataStores(config).join(", ");
    if (config.protectDataStores) {
        const lock = config.backup.vaultLock === "compliance"
            ? " Recovery points stay until their retention ends whatever you do: the vault has a compliance lock."
            : "";
        return { level: "info", topic: "teardown", text: `pulumi destroy refuses to delete the protected stores: ${stores}. To release them: `
            + "pulumi config set protectDataStores false, pulumi config set --path database.deletionProtection false, pulumi config set --path backup.vaultLock none, "
            + `pulumi up, then pulumi destroy (which then deletes them with their data).${lock}` };
    }
    const blocked = config.database.deletionProtection ? " It will stop at the database until database.deletionProtection is false." : "";
    return { level: "warning", topic: "teardown", text: `protectDataStores is false: pulumi destroy deletes, with their data, the ${stores}; `
        + `the database leaves a final snapshot.${blocked}` };
}

export function certificateNotice(config: StackConfig): Notice {
    const { domainName, hostedZoneId } = config.endpoint;
    if (domainName !== undefined && hostedZoneId !== undefined) {
        return { level: "info", topic: "certificate", text: `ACM issues and renews the certificates of ${domainName} (web) and dicom.${domainName} (DICOM TLS) itself: no action needed (an alarm fires if renewal fails).` };
    }
    return {
        level: config.protectDataStores ? "warning" : "info",
        topic: "certificate",
        text: "the web and DICOM load balancers each use a self-signed certificate valid 365 days; only a pulumi up inside its last 30 days renews it, and every modality "
            + "and viewer must then trust the new certificate (an alarm warns 44 days before expiry). Set endpoint.domainName and endpoint.hostedZoneId "
            + "for an ACM certificate that renews itself.",
    };
}

export function imageNotice(config: StackConfig): Notice {
    const { image, imageSource, pullThroughCacheCredentialArn } = config.compute;
    const text = {
        mirror: `${image} is copied once into the stack's ECR repository by pulumi up (which needs a Docker engine); tasks pull only from ECR.`,
        pullThroughCache: `tasks pull ${image} through an ECR pull-through cache of Docker Hub, authenticated with ${pullThroughCacheCredentialArn}.`,
        registry: `tasks pull ${image} from its registry at every start.`,
    }[imageSource];
    return { level: "info", topic: "image", text: `compute.imageSource ${imageSource}: ${text}` };
}

export function deploymentNotices(config: StackConfig): Notice[] {
    const notices = [certificateNotice(config), imageNotice(config), teardownNotice(config)];
    if (config.compute.deployment === "maintenance") {
        notices.push({ level: "warning", topic: "deployment", text: "compute.deployment is maintenance: every old task stops before one new task starts, and the service stays at one task; "
            + "set it back to rolling once the new version runs (docs/operations.md#upgrades)." });
    }
    if (config.database.restoreSnapshot !== undefined) {
        notices.push({ level: "warning", topic: "restore", text: `the database is created from ${config.database.restoreSnapshot}; on an existing stack this replaces the database (docs/operations.md#restore).` });
    }
    if (config.storage.efsRestoredDirectory !== undefined) {
        notices.push({ level: "info", topic: "restore", text: `Orthanc reads its files from /${config.storage.efsRestoredDirectory} (an AWS Backup restore into the file system).` });
    }
    if (config.backup.copy !== undefined && config.metadataPipeline.enabled) {
        notices.push({ level: "info", topic: "backup", text: "copies of DynamoDB recovery points need AWS Backup's advanced DynamoDB features, on once per account and region: "
            + "aws backup update-region-settings --resource-type-management-preference DynamoDB=true." });
    }
    if (config.cloudTrail.organizationTrailName !== undefined) {
        notices.push({ level: "info", topic: "audit", text: `the stack creates no CloudTrail trail: the organization trail ${config.cloudTrail.organizationTrailName} must record this account's management events, `
            + "and S3 data events for the image bucket and DynamoDB data events for the header table (add them to its event selectors)." });
    }
    if (config.storage.s3ObjectLockRetentionDays > 0) {
        notices.push({ level: "info", topic: "object-lock", text: `every new image object version is locked for ${config.storage.s3ObjectLockRetentionDays} days (governance mode): `
            + "Orthanc's deletions only add delete markers until then, and Object Lock stays enabled on the bucket for good (README, Object Lock)." });
    }
    if (config.alarms.fromLegacySetting) {
        notices.push({ level: "warning", topic: "alarms", text: "metadataPipeline.alarmEmail is deprecated: it now subscribes to every alarm of the stack; rename it to alarms.email." });
    }
    return notices;
}
