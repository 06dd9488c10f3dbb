/**
 * Turns the raw Pulumi stack configuration into the validated `StackConfig`. Runs before any resource is
 * registered; every problem is reported at once, each naming its setting, the bad value and what is allowed.
 */
import * as aws from "@pulumi/aws";
import {
    LOG_RETENTION_DAYS, POSTGRES_MAJOR_VERSIONS, RDS_AUTOSCALING_MIN_HEADROOM_PERCENT, RDS_GP3_MIN_GIB,
    RDS_MAX_GIB, S3_GLACIER_IR_MIN_DAYS_BEFORE_NEXT_TRANSITION,
} from "./awsLimits";
import { indexConnectionsPerTask, RESERVED_DATABASE_CONNECTIONS } from "../components/compute/orthancConfiguration";
import { peakTaskCount } from "../components/compute/deploymentMode";
import { estimatedMaxConnections } from "../components/data";
import { privateEcrRepositoryArn } from "../components/compute/imageReference";
import { missingEndpointsWithoutNat } from "../components/network";
import { isInternetWide, isPrivateIpv4Range, parseIpv4Cidr, parseIpv6Cidr } from "./cidr";
import { readCompute } from "./computeSettings";
import { orthancContainerMemoryMb, usesAuthService } from "../components/compute/orthancIdentity";
import { AUTH_SERVICE_IMAGE } from "../components/identity/authServiceSettings";
import { IDENTITY_SETTINGS, IDENTITY_USER_SETTINGS, KEYCLOAK_SIZING_SETTINGS, readIdentity } from "./identitySettings";
import {
    BUDGET_SETTINGS, checkBudgetRegion, checkCheaperOptions, COST_ASSUMPTION_SETTINGS, readBudget, readCostAssumptions, readInterfaceEndpoints,
} from "./costSettings";
import { orthancMemorySettings } from "../components/compute/orthancMemory";
import {
    checkModalityReachability, DICOM_NETWORK_SETTINGS, HTTP_NODE_SETTINGS, MODALITY_SETTINGS, PRIVATE_DICOM_SETTINGS, readAeTitle,
    readDicomNetwork, readPrivateDicom, readViewers, VPN_SETTINGS,
} from "./dicomNetwork";
import { ConfigProblems, isPlainObject, RawSection, SectionReader, show } from "./fields";
import { MAX_RESOURCE_PREFIX_LENGTH, RESERVED_NAME_PREFIXES } from "./naming";
import {
    ACCOUNT_SERVICES, CloudTrailConfig, ComplianceConfig, DatabaseConfig, EFS_TRANSITION_TO_IA, EndpointConfig, NetworkConfig, StackConfig, StorageConfig, WebConfig,
} from "./types";
import {
    ALARMS_SETTINGS, BACKUP_SETTINGS, checkOperations, METADATA_PIPELINE_SETTINGS, readAlarms, readBackup, readMetadataPipeline,
} from "./parseOperations";
import { configWarnings, ConfigWarning } from "./warnings";
import { AUDIT_SETTINGS, readAudit } from "./parseAudit";

/** Config namespace of this project's keys (`orthanc-aws:compute`). */
export const CONFIG_NAMESPACE = "orthanc-aws";

export class StackConfigError extends Error {
    constructor(readonly problems: string[]) {
        super(`Invalid stack configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n`
            + problems.map((problem) => `  - ${problem}`).join("\n"));
        this.name = "StackConfigError";
    }
}

/** By name, not `instanceof`: the offline evaluator loads the program's modules afresh for every run. */
export function isStackConfigError(error: unknown): error is StackConfigError {
    return error instanceof Error && error.name === "StackConfigError";
}

/** Every setting there is, by section: anything else is reported as unknown (a typo would otherwise be ignored). */
export const SETTINGS = {
    "": ["namespace", "network", "compute", "storage", "database", "endpoint", "web", "cloudTrail", "metadataPipeline", "backup", "alarms", "viewers", "dicomNetwork", "privateDicom", "identity", "compliance", "costAssumptions", "budget", "protectDataStores", "logRetentionDays", "audit"],
    network: ["cidrBlock", "availabilityZones", "natGateways", "interfaceEndpoints"],
    compute: ["launchType", "instanceType", "cpu", "memory", "desiredCount", "minCount", "maxCount", "image", "imageSource", "mirrorImage", "pullThroughCacheCredentialArn", "deployment", "maintenanceStartSeconds", "fargateSpot", "cpuArchitecture"],
    storage: ["backend", "efsTransitionToIa", "efsTransitionToPrimary", "s3GlacierInstantRetrievalAfterDays", "s3DeepArchiveAfterDays", "s3NoncurrentVersionExpirationDays", "s3IntelligentTiering", "s3ObjectLockRetentionDays", "efsRestoredDirectory"],
    database: ["instanceClass", "engineVersion", "allocatedStorage", "maxAllocatedStorage", "multiAz", "backupRetentionDays", "deletionProtection", "allowMajorVersionUpgrade", "restoreSnapshot"],
    endpoint: ["domainName", "hostedZoneId", "allowedCidrs", "allowInternet", "dicomPort", "aeTitle"],
    metadataPipeline: METADATA_PIPELINE_SETTINGS,
    backup: BACKUP_SETTINGS,
    alarms: ALARMS_SETTINGS,
    web: ["waf"],
    cloudTrail: ["organizationTrailName"],
    compliance: ["accountServices"],
    costAssumptions: COST_ASSUMPTION_SETTINGS,
    budget: BUDGET_SETTINGS,
    dicomNetwork: DICOM_NETWORK_SETTINGS,
    "dicomNetwork.modalities[]": MODALITY_SETTINGS,
    "dicomNetwork.peers[]": HTTP_NODE_SETTINGS,
    "dicomNetwork.dicomWebServers[]": HTTP_NODE_SETTINGS,
    privateDicom: PRIVATE_DICOM_SETTINGS,
    "privateDicom.vpn": VPN_SETTINGS,
    audit: AUDIT_SETTINGS,
    identity: IDENTITY_SETTINGS,
    "identity.keycloak": KEYCLOAK_SIZING_SETTINGS,
    "identity.users[]": IDENTITY_USER_SETTINGS,
} as const;

/**
 * @param rawConfig the whole config map as Pulumi holds it (`orthanc-aws:compute` → JSON text, `aws:region` → text).
 * @param stack the stack name.
 * @throws StackConfigError listing every problem.
 */
export function parseStackConfig(rawConfig: Record<string, string>, stack: string): StackConfig {
    const problems = new ConfigProblems();
    const top = new SectionReader(projectSettings(rawConfig, problems), "", problems);
    top.rejectUnknown(SETTINGS[""]);

    const region = rawConfig["aws:region"];
    const regionValid = region !== undefined && AWS_REGIONS.includes(region);
    if (region === undefined) problems.add("aws:region", "is required; set it with `pulumi config set aws:region us-east-1`");
    else if (!regionValid) problems.invalid("aws:region", region, "use an AWS region code such as us-east-1 (the AWS provider's aws.Region list)");

    const storage = readStorage(top.section("storage"));
    const protectDataStores = top.boolean("protectDataStores", true);
    const base: Omit<StackConfig, "viewers" | "dicomNetwork" | "privateDicom" | "identity"> = {
        namespace: top.text("namespace", /^[A-Za-z][A-Za-z0-9]{3,19}$/, "use 4–20 letters and digits, starting with a letter", "orthanc"),
        stack,
        region: region ?? "",
        network: readNetwork(top.section("network")),
        compute: readCompute(top.section("compute"), SETTINGS.compute),
        storage,
        database: readDatabase(top.section("database")),
        endpoint: readEndpoint(top.section("endpoint")),
        web: readWeb(top.section("web"), protectDataStores),
        cloudTrail: readCloudTrail(top.section("cloudTrail")),
        metadataPipeline: readMetadataPipeline(top.section("metadataPipeline")),
        backup: readBackup(top.section("backup"), protectDataStores, region),
        alarms: readAlarms(top.section("alarms"), top.section("metadataPipeline")),
        compliance: readCompliance(top.section("compliance")),
        costAssumptions: readCostAssumptions(top.section("costAssumptions")),
        budget: readBudget(top.section("budget")),
        protectDataStores,
        logRetentionDays: top.oneOfNumbers("logRetentionDays", LOG_RETENTION_DAYS, 365),
        audit: readAudit(top.section("audit")),
    };
    const privateDicom = readPrivateDicom(top.section("privateDicom"), base.network.cidrBlock);
    const dicomNetwork = readDicomNetwork(top.section("dicomNetwork"), base.endpoint);
    checkModalityReachability(dicomNetwork, base.endpoint, privateDicom, problems);
    const config: StackConfig = { ...base, viewers: readViewers(top), dicomNetwork, privateDicom, identity: readIdentity(top.section("identity")) };
    checkNames(config, problems);
    checkAcrossSections(config, problems);
    if (regionValid) checkBudgetRegion(config.budget, config.region, problems);
    checkCheaperOptions(config, problems);
    checkOperations(config, problems);
    if (problems.messages.length > 0) throw new StackConfigError(problems.messages);
    return config;
}

export const AWS_REGIONS: readonly string[] = Object.values(aws.Region);

/**
 * Keys the program reads outside its own namespace. The AWS provider is created by the program from `aws:region`
 * alone (an explicit provider reads no other `aws:` config), so `aws:profile` and the like would be ignored.
 */
const PROVIDER_KEYS = ["aws:region"];

/** The validated config and the warnings about it (config/warnings.ts). */
export function readStackConfig(rawConfig: Record<string, string>, stack: string): { config: StackConfig; warnings: ConfigWarning[] } {
    const config = parseStackConfig(rawConfig, stack);
    return { config, warnings: configWarnings(config, writtenSettings(rawConfig)) };
}

/** Dotted settings the stack file sets (`namespace`, `compute.instanceType`), whatever their values. */
function writtenSettings(rawConfig: Record<string, string>): Set<string> {
    const written = new Set<string>();
    for (const [key, value] of Object.entries(projectSettings(rawConfig, new ConfigProblems()))) {
        written.add(key);
        if (isPlainObject(value)) for (const child of Object.keys(value)) written.add(`${key}.${child}`);
    }
    return written;
}

/**
 * The `orthanc-aws:` keys with structured values parsed, namespace stripped. Any other key would be ignored
 * silently (a `compute:` section written without the prefix, or under `orthanc:`), so it is a problem.
 */
function projectSettings(rawConfig: Record<string, string>, problems: ConfigProblems): RawSection {
    const settings: RawSection = {};
    for (const [fullKey, text] of Object.entries(rawConfig)) {
        if (!fullKey.startsWith(`${CONFIG_NAMESPACE}:`)) {
            const problem = foreignKeyProblem(fullKey);
            if (problem !== undefined) problems.add(fullKey, problem);
            continue;
        }
        const key = fullKey.slice(CONFIG_NAMESPACE.length + 1);
        settings[key] = parseValue(key, text, problems);
    }
    return settings;
}

function foreignKeyProblem(fullKey: string): string | undefined {
    const separator = fullKey.indexOf(":");
    const namespace = separator < 0 ? undefined : fullKey.slice(0, separator);
    const key = fullKey.slice(separator + 1);
    // `pulumi:` keys configure the engine itself (e.g. pulumi:disable-default-providers), not this program.
    if (PROVIDER_KEYS.includes(fullKey) || namespace === "pulumi") return undefined;
    const own = `${CONFIG_NAMESPACE}:${key}`;
    if (namespace === undefined) return `has no namespace and would be ignored; write it as ${own}`;
    if (namespace === "aws") {
        return `would be ignored: the program's AWS provider reads only ${PROVIDER_KEYS.join(", ")}; give credentials and profile through the environment (AWS_PROFILE, AWS_ACCESS_KEY_ID)`;
    }
    return `namespace "${namespace}" is not read by this program (it reads ${CONFIG_NAMESPACE}: and ${PROVIDER_KEYS.join(", ")}), so the setting would be ignored; `
        + (SETTINGS[""].includes(key as never) ? `write it as ${own}` : "remove it");
}

/** Structured config arrives as JSON text; plain values as text. */
function parseValue(key: string, text: string, problems: ConfigProblems): unknown {
    const trimmed = text.trim();
    if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return text;
    try {
        return JSON.parse(trimmed);
    } catch {
        problems.add(key, `is not valid structured config: ${show(text)}`);
        return undefined;
    }
}

function readNetwork(section: SectionReader): NetworkConfig {
    section.rejectUnknown(SETTINGS.network);
    const cidrBlock = section.text("cidrBlock", /^\S+$/, "use CIDR notation, e.g. 10.0.0.0/16", "10.0.0.0/16");
    const parsed = parseIpv4Cidr(cidrBlock);
    if (!parsed || parsed.prefix < 16 || parsed.prefix > 20 || !isPrivateIpv4Range(parsed)) {
        section.problems.invalid(section.path("cidrBlock"), cidrBlock, "use a private IPv4 range (10/8, 172.16/12, 192.168/16) with a prefix from /16 to /20, e.g. 10.0.0.0/16");
    }
    return {
        cidrBlock,
        availabilityZones: section.integer("availabilityZones", 2, 3, 2),
        natGateways: section.enumOf("natGateways", ["none", "single", "perAz"] as const, "perAz"),
        interfaceEndpoints: readInterfaceEndpoints(section),
    };
}

function readStorage(section: SectionReader): StorageConfig {
    section.rejectUnknown(SETTINGS.storage);
    const storage: StorageConfig = {
        backend: section.enumOf("backend", ["efs", "s3"] as const, "s3"),
        efsTransitionToIa: section.enumOf("efsTransitionToIa", EFS_TRANSITION_TO_IA, "AFTER_30_DAYS"),
        efsTransitionToPrimary: section.enumOf("efsTransitionToPrimary", ["AFTER_1_ACCESS", "none"] as const, "AFTER_1_ACCESS"),
        s3GlacierInstantRetrievalAfterDays: section.integer("s3GlacierInstantRetrievalAfterDays", 0, 36500, 90),
        s3DeepArchiveAfterDays: section.integer("s3DeepArchiveAfterDays", 0, 36500, 0),
        s3NoncurrentVersionExpirationDays: section.integer("s3NoncurrentVersionExpirationDays", 1, 36500, 30),
        s3IntelligentTiering: section.boolean("s3IntelligentTiering", false),
        // 36500 days (100 years) is S3's own ceiling for a default retention (PutObjectLockConfiguration, Days).
        s3ObjectLockRetentionDays: section.integer("s3ObjectLockRetentionDays", 0, 36500, 0),
        efsRestoredDirectory: section.text("efsRestoredDirectory", /^aws-backup-restore_[0-9A-Za-z:._-]{1,100}$/,
            "use the name of the directory AWS Backup restored into, aws-backup-restore_<timestamp> (see docs/operations.md#restore)"),
    };
    if (storage.s3IntelligentTiering) {
        for (const key of ["s3GlacierInstantRetrievalAfterDays", "s3DeepArchiveAfterDays"] as const) {
            if (section.has(key) && storage[key] > 0) {
                section.problems.add(section.path(key), `must be 0 or unset with storage.s3IntelligentTiering: true (Intelligent-Tiering moves objects between tiers itself; a lifecycle transition would take them out of it)`);
            }
        }
    }
    const toGlacier = storage.s3GlacierInstantRetrievalAfterDays;
    const toDeepArchive = storage.s3DeepArchiveAfterDays;
    if (toGlacier > 0 && toDeepArchive > 0 && toDeepArchive < toGlacier + S3_GLACIER_IR_MIN_DAYS_BEFORE_NEXT_TRANSITION) {
        section.problems.invalid(section.path("s3DeepArchiveAfterDays"), toDeepArchive,
            `use 0 (never) or at least ${toGlacier + S3_GLACIER_IR_MIN_DAYS_BEFORE_NEXT_TRANSITION}: S3 keeps objects ${S3_GLACIER_IR_MIN_DAYS_BEFORE_NEXT_TRANSITION} days in Glacier Instant Retrieval (storage.s3GlacierInstantRetrievalAfterDays = ${toGlacier}) before moving them on`);
    }
    return storage;
}

function readDatabase(section: SectionReader): DatabaseConfig {
    section.rejectUnknown(SETTINGS.database);
    const allocatedStorage = section.integer("allocatedStorage", RDS_GP3_MIN_GIB, RDS_MAX_GIB, 20);
    const minCeiling = Math.ceil(allocatedStorage * (100 + RDS_AUTOSCALING_MIN_HEADROOM_PERCENT) / 100);
    const database: DatabaseConfig = {
        instanceClass: section.text("instanceClass", /^db\.[a-z0-9]+\.[a-z0-9]+$/, "use an RDS instance class such as db.t4g.medium or db.m7g.large", "db.t4g.medium"),
        engineVersion: section.enumOf("engineVersion", POSTGRES_MAJOR_VERSIONS, "17", { acceptWholeNumbers: true }),
        allocatedStorage,
        maxAllocatedStorage: section.integer("maxAllocatedStorage", RDS_GP3_MIN_GIB, RDS_MAX_GIB, Math.max(100, minCeiling)),
        multiAz: section.boolean("multiAz", true),
        backupRetentionDays: section.integer("backupRetentionDays", 1, 35, 14),
        deletionProtection: section.boolean("deletionProtection", true),
        allowMajorVersionUpgrade: section.boolean("allowMajorVersionUpgrade", false),
        restoreSnapshot: section.text("restoreSnapshot", /^(arn:aws[a-z-]*:rds:[a-z0-9-]+:\d{12}:snapshot:)?[A-Za-z][A-Za-z0-9:-]{0,254}$/,
            "use an RDS snapshot identifier or ARN, e.g. an AWS Backup recovery point arn:aws:rds:<region>:<account>:snapshot:awsbackup:job-…"),
    };
    if (database.maxAllocatedStorage < minCeiling) {
        section.problems.invalid(section.path("maxAllocatedStorage"), database.maxAllocatedStorage,
            `use at least ${minCeiling}: RDS needs the autoscaling ceiling 10 % above database.allocatedStorage (${allocatedStorage})`);
    }
    return database;
}

function readEndpoint(section: SectionReader): EndpointConfig {
    section.rejectUnknown(SETTINGS.endpoint);
    const endpoint: EndpointConfig = {
        domainName: section.text("domainName", /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "use a lower-case DNS name such as pacs.example.org"),
        hostedZoneId: section.text("hostedZoneId", /^Z[A-Z0-9]{1,31}$/, "use a Route 53 hosted zone ID such as Z0123456789ABCDEFGHIJ"),
        allowedCidrs: section.stringList("allowedCidrs") ?? [],
        allowInternet: section.boolean("allowInternet", false),
        dicomPort: section.integer("dicomPort", 1, 65535, 11112),
        aeTitle: readAeTitle(section, "aeTitle", "ORTHANC"),
    };
    if (section.has("domainName") !== section.has("hostedZoneId")) {
        const missing = section.has("domainName") ? "hostedZoneId" : "domainName";
        const given = missing === "domainName" ? "hostedZoneId" : "domainName";
        section.problems.add(section.path(missing), `is required when ${section.path(given)} is set (set both for a DNS-validated certificate, or neither for a self-signed one)`);
    }
    if (endpoint.dicomPort === 443) section.problems.invalid(section.path("dicomPort"), 443, "443 carries HTTPS; choose another port, e.g. 11112");
    if (!section.has("allowedCidrs") || endpoint.allowedCidrs.length === 0) {
        section.problems.add(section.path("allowedCidrs"), "is required: list the client networks allowed to reach Orthanc, e.g. [\"203.0.113.0/24\"]");
    }
    for (const cidr of endpoint.allowedCidrs) {
        if (parseIpv6Cidr(cidr)) {
            section.problems.invalid(section.path("allowedCidrs"), cidr, "the load balancer is IPv4-only (the VPC has no IPv6 range), so IPv6 clients could never connect; list the clients' public IPv4 ranges");
        } else if (!parseIpv4Cidr(cidr)) section.problems.invalid(section.path("allowedCidrs"), cidr, "use IPv4 CIDR notation with no host bits set, e.g. 203.0.113.0/24");
        else if (isInternetWide(cidr) && !endpoint.allowInternet) section.problems.invalid(section.path("allowedCidrs"), cidr, "it opens Orthanc to the whole internet or a large part of it; set endpoint.allowInternet: true to confirm");
    }
    return endpoint;
}



/** WAF on by default where the data stores are protected (production), off in a destroyable stack. */
function readWeb(section: SectionReader, protectDataStores: boolean): WebConfig {
    section.rejectUnknown(SETTINGS.web);
    return { waf: section.boolean("waf", protectDataStores) };
}

function readCloudTrail(section: SectionReader): CloudTrailConfig {
    section.rejectUnknown(SETTINGS.cloudTrail);
    // CloudTrail trail names: 3-128 letters, digits, periods, underscores and hyphens, starting and ending with a letter or digit (CreateTrail, Name).
    return {
        organizationTrailName: section.text("organizationTrailName", /^[A-Za-z0-9](?:[A-Za-z0-9._-]{1,126})[A-Za-z0-9]$/,
            "use the trail's name: 3–128 letters, digits and ._-, starting and ending with a letter or digit"),
    };
}

function readCompliance(section: SectionReader): ComplianceConfig {
    section.rejectUnknown(SETTINGS.compliance);
    return { accountServices: section.enumOf("accountServices", ACCOUNT_SERVICES, "stack") };
}

function checkNames(config: StackConfig, problems: ConfigProblems): void {
    const reserved = RESERVED_NAME_PREFIXES.find((prefix) => config.namespace.toLowerCase().startsWith(prefix));
    if (reserved !== undefined) {
        problems.invalid("namespace", config.namespace, `names may not start with "${reserved}" (AWS reserves ${RESERVED_NAME_PREFIXES.map((p) => `"${p}"`).join(", ")} for ECS capacity providers)`);
    }
    if (!/^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/.test(config.stack)) {
        problems.invalid("stack name", config.stack, "use letters, digits and single hyphens (it becomes part of every AWS resource name)");
    } else if (config.namespace.length + 1 + config.stack.length > MAX_RESOURCE_PREFIX_LENGTH) {
        problems.add("stack name", `"${config.namespace}-${config.stack}" (namespace and stack name) is longer than ${MAX_RESOURCE_PREFIX_LENGTH} characters, too long: some AWS resource names built from it would exceed their limits; shorten namespace or the stack name`);
    }
}

function checkAcrossSections(config: StackConfig, problems: ConfigProblems): void {
    if (config.metadataPipeline.enabled && config.storage.backend !== "s3") {
        problems.add("metadataPipeline.enabled", `requires storage.backend: s3 (it indexes the image bucket), but storage.backend is ${show(config.storage.backend)}`);
    }
    if (config.storage.s3ObjectLockRetentionDays > 0 && config.storage.backend !== "s3") {
        problems.add("storage.s3ObjectLockRetentionDays", `requires storage.backend: s3 (Object Lock protects the image bucket), but storage.backend is ${show(config.storage.backend)}; use 0`);
    }
    const maxConnections = estimatedMaxConnections(config.database.instanceClass);
    try {
        indexConnectionsPerTask(maxConnections, peakTaskCount(config.compute));
    } catch {
        problems.add("compute.maxCount", `${config.compute.maxCount} Orthanc tasks (${peakTaskCount(config.compute)} during a rolling deployment) cannot each get a database connection from database.instanceClass ${show(config.database.instanceClass)} (about ${maxConnections} connections, ${RESERVED_DATABASE_CONNECTIONS} reserved); choose a larger database.instanceClass or a smaller compute.maxCount`);
    }
    try {
        orthancMemorySettings(orthancContainerMemoryMb(config.compute.memory, config.identity), config.storage.backend);
    } catch (error) {
        const sidecar = config.compute.memory - orthancContainerMemoryMb(config.compute.memory, config.identity);
        const share = sidecar > 0 ? ` (the task's memory less the auth-service sidecar's ${sidecar} MiB)` : "";
        const reason = (error as Error).message.replace(/: raise compute.memory.$/, "").replace(/^(An Orthanc container of \d+ MiB)/, `$1${share}`);
        problems.invalid("compute.memory", config.compute.memory, `${reason}; use more memory, e.g. 2048`);
    }
    // The sidecar's image follows compute.imageSource like Orthanc's: only "registry" pulls it from Docker Hub itself.
    if (config.network.natGateways === "none" && usesAuthService(config.identity) && config.compute.imageSource === "registry") {
        problems.add("network.natGateways", `"none" leaves tasks without a route to Docker Hub, where the auth-service sidecar (${AUTH_SERVICE_IMAGE}) is pulled from with identity.mode keycloak and compute.imageSource "registry"; set compute.imageSource "mirror" or "pullThroughCache", use "single" / "perAz" or identity.mode basic`);
    }
    if (config.network.natGateways === "none") {
        const missing = missingEndpointsWithoutNat(config.network, config.compute.launchType);
        if (missing.length > 0) {
            problems.add("network.natGateways", `"none" leaves tasks without a route to ${missing.join(", ")}; set network.interfaceEndpoints: true or use "single" / "perAz"`);
        }
        if (config.compute.imageSource === "registry" && privateEcrRepositoryArn(config.compute.image, "aws") === undefined) {
            problems.add("network.natGateways", "\"none\" leaves tasks without a route to the public image registry; set compute.imageSource \"mirror\" or \"pullThroughCache\", use an image from your account's ECR as compute.image, or use \"single\" / \"perAz\"");
        }
    }
}
