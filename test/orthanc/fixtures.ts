/** A complete, valid stack configuration for tests; each test overrides what it examines. */
import { StackConfig } from "../../config/types";
import { DEFAULT_ORTHANC_IMAGE } from "../../config/computeSettings";

export function stackConfigFixture(): StackConfig {
    return {
        namespace: "pacs",
        stack: "test",
        region: "eu-central-1",
        network: { cidrBlock: "10.20.0.0/16", availabilityZones: 2, natGateways: "single", interfaceEndpoints: true },
        compute: {
            launchType: "fargate", instanceType: "m7g.large", cpu: 1024, memory: 2048,
            desiredCount: 2, minCount: 2, maxCount: 4, image: DEFAULT_ORTHANC_IMAGE, imageSource: "mirror", fargateSpot: false, cpuArchitecture: "x86_64",
            deployment: "rolling", maintenanceStartSeconds: 1800,
        },
        storage: {
            backend: "efs", efsTransitionToIa: "AFTER_30_DAYS", efsTransitionToPrimary: "AFTER_1_ACCESS",
            s3GlacierInstantRetrievalAfterDays: 90, s3DeepArchiveAfterDays: 0, s3NoncurrentVersionExpirationDays: 30, s3IntelligentTiering: false, s3ObjectLockRetentionDays: 0,
        },
        database: {
            instanceClass: "db.t4g.medium", engineVersion: "16", allocatedStorage: 20, maxAllocatedStorage: 100,
            multiAz: true, backupRetentionDays: 14, deletionProtection: true, allowMajorVersionUpgrade: false,
        },
        endpoint: { allowedCidrs: ["203.0.113.0/24"], allowInternet: false, dicomPort: 11112, aeTitle: "PACS" },
        web: { waf: true },
        cloudTrail: {},
        compliance: { accountServices: "stack" },
        costAssumptions: {
            studiesPerMonth: 1000, mbPerStudy: 100, instancesPerStudy: 200, retentionYears: 7, estimateMonth: 12,
            egressGbPerMonth: 100, natGbPerMonth: 20, logGbPerMonth: 5, webRequestsPerMonth: 1_000_000,
        },
        budget: { enabled: true, marginPercent: 20 },
        viewers: ["stone", "ohif"],
        dicomNetwork: { modalities: [], peers: [], dicomWebServers: [] },
        privateDicom: { enabled: false, port: 104, onPremisesCidrs: [] },
        // Orthanc's own accounts, so that the local Orthanc (without the authorization plugin) runs it; the
        // break-glass admin too, which the real-runtime tests sign in with.
        identity: { mode: "basic", users: [{ name: "alice", role: "admin" }], breakGlass: true, keycloak: { cpu: 1024, memory: 2048 } },
        metadataPipeline: { enabled: false, maxConcurrency: 5 },
        backup: { retentionDays: 35, vaultLock: "governance" },
        alarms: { fromLegacySetting: false },
        protectDataStores: true,
        logRetentionDays: 365,
        audit: { logRetentionDays: 2192 },
    };
}
