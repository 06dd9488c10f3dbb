/**
 * The declared DICOM network as Orthanc settings: `DicomModalities`, `OrthancPeers`, `DicomWeb.Servers`, who may
 * call Orthanc, and Orthanc's own DICOM TLS identity for the associations it opens. Identical on every task; REST
 * changes are refused by the filter in `containerFiles.ts`.
 */
import { DicomModalityConfig, DicomNetworkConfig, DicomOperation, HttpNodeConfig } from "../../config/types";
import { ContainerFile, filePath } from "./containerFiles";

export const REST_FILTER_FILE: ContainerFile = { name: "REST_FILTER", fileName: "rest-filter.lua" };
export const DICOM_TLS_CERTIFICATE_FILE: ContainerFile = { name: "DICOM_TLS_CERTIFICATE", fileName: "dicom-tls-certificate.pem" };
export const DICOM_TLS_PRIVATE_KEY_FILE: ContainerFile = { name: "DICOM_TLS_PRIVATE_KEY", fileName: "dicom-tls-private-key.pem" };
export const DICOM_TLS_TRUSTED_FILE: ContainerFile = { name: "DICOM_TLS_TRUSTED", fileName: "dicom-tls-trusted.pem" };

/** Orthanc's per-modality permission keys (Orthanc's Configuration.json, `DicomModalities`). */
const PERMISSION_KEYS: Record<DicomOperation, string> = {
    echo: "AllowEcho", find: "AllowFind", get: "AllowGet", move: "AllowMove", store: "AllowStore",
};

/** Orthanc opens DICOM TLS associations only to modalities marked `tls`; only then does it need an identity. */
export function usesDicomTls(network: DicomNetworkConfig): boolean {
    return network.modalities.some((modality) => modality.tls);
}

function modalityEntry(modality: DicomModalityConfig): Record<string, unknown> {
    const permissions = Object.fromEntries(Object.entries(PERMISSION_KEYS).map(([operation, key]) =>
        [key, modality.allow.includes(operation as DicomOperation)]));
    return {
        AET: modality.aeTitle,
        Host: modality.host,
        Port: modality.port,
        Manufacturer: modality.manufacturer,
        ...permissions,
        // Worklists and storage commitment are not offered by this deployment.
        AllowFindWorklist: false,
        AllowStorageCommitment: false,
        UseDicomTls: modality.tls,
    };
}

/** Credentials arrive as ECS secrets named by the image's rule, so the document keeps only the URL. */
function httpNodes(nodes: HttpNodeConfig[]): Record<string, unknown> {
    return Object.fromEntries(nodes.map((node) => [node.name, { Url: node.url }]));
}

/**
 * The settings for a network, with the paths of the files the start-up script writes into `filesDirectory`.
 * With no modality declared, Orthanc keeps its defaults: C-ECHO and C-STORE from any AE title the load
 * balancer lets through, nothing else (the plan warns about it).
 */
export function dicomNetworkSettings(network: DicomNetworkConfig, filesDirectory: string): Record<string, unknown> {
    const declared = network.modalities.length > 0;
    return {
        DicomModalities: Object.fromEntries(network.modalities.map((modality) => [modality.name, modalityEntry(modality)])),
        DicomModalitiesInDatabase: false,
        OrthancPeers: httpNodes(network.peers),
        OrthancPeersInDatabase: false,
        DicomAlwaysAllowEcho: !declared,
        DicomAlwaysAllowStore: !declared,
        DicomAlwaysAllowFind: false,
        DicomAlwaysAllowFindWorklist: false,
        DicomAlwaysAllowGet: false,
        DicomAlwaysAllowMove: false,
        // Orthanc compares the caller's address with the modality's `Host` (OrthancServer/Sources/main.cpp); the
        // load balancer preserves client addresses so that the comparison sees the modality's own.
        DicomCheckModalityHost: declared,
        // C-GET brings studies back over the association Orthanc opened; C-MOVE would need the remote to reach a task.
        DicomDefaultRetrieveMethod: "C-GET",
        LuaScripts: [filePath(filesDirectory, REST_FILTER_FILE)],
        ...(usesDicomTls(network) ? {
            // The listener stays plain behind the TLS load balancer; these files serve Orthanc's own associations.
            DicomTlsEnabled: false,
            DicomTlsCertificate: filePath(filesDirectory, DICOM_TLS_CERTIFICATE_FILE),
            DicomTlsPrivateKey: filePath(filesDirectory, DICOM_TLS_PRIVATE_KEY_FILE),
            DicomTlsTrustedCertificates: filePath(filesDirectory, DICOM_TLS_TRUSTED_FILE),
            DicomTlsRemoteCertificateRequired: true,
        } : {}),
    };
}

/** The `DicomWeb` keys for the declared DICOMweb servers (merged into the plugin's section). */
export function dicomWebServerSettings(network: DicomNetworkConfig): Record<string, unknown> {
    return { Servers: httpNodes(network.dicomWebServers), ServersInDatabase: false };
}

/** Where each node's credentials go: its configuration path and the secret holding `username` and `password`. */
export function httpNodeCredentials(network: DicomNetworkConfig): { path: string[]; secretArn: string }[] {
    return [
        ...network.peers.map((peer) => ({ path: ["OrthancPeers", peer.name], secretArn: peer.credentialsSecretArn })),
        ...network.dicomWebServers.map((server) => ({ path: ["DicomWeb", "Servers", server.name], secretArn: server.credentialsSecretArn })),
    ].filter((entry): entry is { path: string[]; secretArn: string } => entry.secretArn !== undefined);
}
