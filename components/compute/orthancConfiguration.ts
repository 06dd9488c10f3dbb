/**
 * The Orthanc configuration document: one pure function from the stack configuration and the infrastructure's
 * values to the JSON that every Orthanc task runs with. Secrets never enter this document (see `orthancContainer.ts`).
 */
import { StackConfig } from "../../config/types";
import { dicomNetworkSettings, dicomWebServerSettings } from "./dicomNetworkSettings";
import { orthancMemorySettings } from "./orthancMemory";
import { viewerSettings } from "./orthancViewers";
import { DATABASE_RETRY_INTERVAL_SECONDS, databaseConnectionRetries } from "./failoverBudget";
import { peakTaskCount } from "./deploymentMode";
import { auditLuaScripts, auditSettings } from "./orthancAudit";
import { explorerIdentitySettings, identityRootSettings, orthancContainerMemoryMb } from "./orthancIdentity";

/** The stack settings Orthanc's configuration is built from. */
export type OrthancSettings = Pick<StackConfig, "namespace" | "stack" | "region" | "endpoint" | "storage" | "compute" | "viewers" | "dicomNetwork" | "privateDicom" | "identity">;

/** Orthanc's own listening ports inside the task (the image's defaults; the load balancer maps its TLS ports onto them). */
export const ORTHANC_HTTP_PORT = 8042;
export const ORTHANC_DICOM_PORT = 4242;

/** Where the EFS access point is mounted in the container; also the image's default `StorageDirectory`. */
export const ORTHANC_STORAGE_DIRECTORY = "/var/lib/orthanc/db";

/** Connections RDS keeps for its own administration and for an operator's session, never handed to Orthanc. */
export const RESERVED_DATABASE_CONNECTIONS = 10;

/** The plugin's own default from version 7.0; more rarely helps and multiplies across tasks. */
export const MAX_INDEX_CONNECTIONS_PER_TASK = 50;

/** Values that only exist once the infrastructure does (or, in the integration test, once local servers run). */
export interface OrthancInfrastructure {
    databaseHost: string;
    databasePort: number;
    databaseName: string;
    /** `max_connections` of the database: shared by every Orthanc task at the service's peak count (a deployment at `maxCount`). */
    databaseMaxConnections: number;
    /** Directory Orthanc stores files in (the EFS mount in AWS); with the S3 backend it holds only local state. */
    storageDirectory: string;
    /** Bucket of the DICOM files; required when `storage.backend` is `s3`. */
    bucketName?: string;
    httpPort: number;
    dicomPort: number;
    /** The name clients reach Orthanc at: DICOMweb builds its absolute URLs from it, never from request headers. */
    publicHostName: string;
    /** Directory the container's start-up script writes files into (REST filter, DICOM TLS certificates). */
    filesDirectory: string;
    /** Keycloak's public https URL (`https://<host>/keycloak`), where OE2 signs in; required with identity.mode keycloak. */
    keycloakPublicUrl?: string;
}

/** The subset of Orthanc's configuration this project sets; every other key keeps Orthanc's/the image's default. */
export type OrthancConfiguration = Record<string, unknown>;

/**
 * Splits the database's connections between the tasks that can run at once (`peakTaskCount`: a rolling deployment
 * at `compute.maxCount` runs twice as many), keeping a reserve. Throws when not even one connection per task fits:
 * raise the database class or lower `compute.maxCount`.
 */
export function indexConnectionsPerTask(databaseMaxConnections: number, maxTasks: number): number {
    const available = databaseMaxConnections - RESERVED_DATABASE_CONNECTIONS;
    const perTask = Math.floor(available / maxTasks);
    if (!Number.isInteger(databaseMaxConnections) || !Number.isInteger(maxTasks) || maxTasks < 1 || perTask < 1) {
        throw new Error(
            `The database admits ${databaseMaxConnections} connections, ${RESERVED_DATABASE_CONNECTIONS} of them ` +
            `reserved, which leaves less than one per Orthanc task for ${maxTasks} tasks: ` +
            "choose a larger database.instanceClass or a smaller compute.maxCount.",
        );
    }
    return Math.min(perTask, MAX_INDEX_CONNECTIONS_PER_TASK);
}

/**
 * Main DICOM tags stored in the index beyond Orthanc's own, so that DICOMweb metadata and the viewers need not
 * read files (the set of Orthanc's Configuration.json example). Orthanc applies them to studies stored after a
 * change only; older ones keep the tags they were indexed with until rebuilt (`/studies/{id}/reconstruct` or the
 * Housekeeper plugin), so the set is fixed from the first ingest.
 */
export const EXTRA_MAIN_DICOM_TAGS = {
    Instance: ["Rows", "Columns", "ImageType", "SOPClassUID", "ContentDate", "ContentTime", "FrameOfReferenceUID", "PixelSpacing", "SpecificCharacterSet", "BitsAllocated"],
    Series: [],
    Study: [],
    Patient: [],
};

/** C-FIND answers per request: the book's advice, so that one broad query cannot page the whole index to a caller. */
export const LIMIT_FIND_RESULTS = 100;
export const LIMIT_FIND_INSTANCES = 1000;

/** Identifies the Orthanc role in the shared database: fixed, so that replaced tasks keep stored modalities and peers. */
export function databaseServerIdentifier(namespace: string): string {
    return `${namespace}-orthanc`;
}

function storageSettings(config: OrthancSettings, infra: OrthancInfrastructure): OrthancConfiguration {
    switch (config.storage.backend) {
        case "efs":
            return { StorageDirectory: infra.storageDirectory };
        case "s3":
            if (infra.bucketName === undefined || infra.bucketName === "") {
                throw new Error("storage.backend is `s3` but no bucket name was given to the Orthanc configuration.");
            }
            return {
                StorageDirectory: infra.storageDirectory,
                // No AccessKey/SecretKey: the AWS SDK's credential chain picks up the ECS task role.
                // `flat` keys are `<uuid>.dcm` for DICOM files, which the metadata pipeline filters on.
                // RootPath and StorageStructure must never change once files exist.
                AwsS3Storage: {
                    BucketName: infra.bucketName,
                    Region: config.region,
                    StorageStructure: "flat",
                },
            };
        default:
            throw new Error(`storage.backend must be one of efs, s3; got ${String(config.storage.backend)}.`);
    }
}

/**
 * Builds the configuration document every Orthanc task of the stack runs with. Settings that must be identical
 * on every node sharing the database (storage, compression, overwrite policy, server identifier) are all here.
 */
export function buildOrthancConfiguration(config: OrthancSettings, infra: OrthancInfrastructure): OrthancConfiguration {
    const network = dicomNetworkSettings(config.dicomNetwork, infra.filesDirectory);
    return {
        Name: `${config.namespace}-${config.stack}`,
        HttpPort: infra.httpPort,
        DicomPort: infra.dicomPort,
        DicomAet: config.endpoint.aeTitle,
        DicomServerEnabled: true,
        DicomCheckCalledAet: true,
        ...network,
        // One Lua context holds every script: the REST filter and the audit's C-FIND filter define different callbacks.
        LuaScripts: [...(network.LuaScripts as string[]), ...auditLuaScripts(infra.filesDirectory)],
        ...auditSettings(infra.filesDirectory),
        RemoteAccessAllowed: true,
        ...identityRootSettings(config.identity, config.viewers),
        DeidentifyLogs: true,
        ExecuteLuaEnabled: false,
        // Every study as files under /webdav/, and the legacy explorer beside Orthanc Explorer 2: neither is needed.
        WebDavEnabled: false,
        WebDavDeleteAllowed: false,
        WebDavUploadAllowed: false,
        OrthancExplorerEnabled: false,
        LimitFindResults: LIMIT_FIND_RESULTS,
        LimitFindInstances: LIMIT_FIND_INSTANCES,
        ExtraMainDicomTags: EXTRA_MAIN_DICOM_TAGS,
        ...orthancMemorySettings(orthancContainerMemoryMb(config.compute.memory, config.identity), config.storage.backend),
        // Jobs are local to a task; saving them in the shared database lets another task resume them twice.
        SaveJobs: false,
        DatabaseServerIdentifier: databaseServerIdentifier(config.namespace),
        OverwriteInstances: false,
        // `.dcm` objects must stay plain DICOM for the metadata pipeline.
        StorageCompression: false,
        ...storageSettings(config, infra),
        PostgreSQL: {
            EnableIndex: true,
            EnableStorage: false,
            Host: infra.databaseHost,
            Port: infra.databasePort,
            Database: infra.databaseName,
            EnableSsl: true,
            // Several tasks share the index; a lock would make every task but the first exit.
            Lock: false,
            IndexConnectionsCount: indexConnectionsPerTask(infra.databaseMaxConnections, peakTaskCount(config.compute)),
            // Together they span a Multi-AZ failover (see failoverBudget.ts).
            MaximumConnectionRetries: databaseConnectionRetries(),
            ConnectionRetryInterval: DATABASE_RETRY_INTERVAL_SECONDS,
        },
        DicomWeb: {
            Enable: true,
            Root: "/dicom-web/",
            EnableWado: true,
            WadoRoot: "/wado",
            // The TLS load balancer adds no forwarding headers: without these, DICOMweb builds URLs from what clients send.
            Ssl: true,
            Host: infra.publicHostName,
            ...dicomWebServerSettings(config.dicomNetwork),
        },
        ...explorerSettings(config, infra),
    };
}

/** The viewers' settings with identity's additions merged into Orthanc Explorer 2's section. */
function explorerSettings(config: OrthancSettings, infra: OrthancInfrastructure): OrthancConfiguration {
    const viewers = viewerSettings(config.viewers);
    const explorer = viewers.OrthancExplorer2 as { UiOptions: Record<string, unknown> } & Record<string, unknown>;
    const identity = explorerIdentitySettings(config.identity, infra.keycloakPublicUrl) as { UiOptions: Record<string, unknown> } & Record<string, unknown>;
    return { ...viewers, OrthancExplorer2: { ...explorer, ...identity, UiOptions: { ...explorer.UiOptions, ...identity.UiOptions } } };
}
