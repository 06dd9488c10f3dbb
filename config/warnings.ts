/**
 * Warnings about a configuration that is valid but probably not what was meant: settings that do nothing in the
 * chosen mode, values that can never take effect the way they read. Unlike problems (config/parse.ts) they do not
 * stop the deployment.
 *
 * One channel for the whole program: `configWarnings` is a pure function of the validated config and the settings
 * the user wrote. `loadStackConfig` logs each with `pulumi.log.warn` (so `pulumi preview` and `pulumi up` show
 * them), `npm run plan` prints them in a "Warnings" block and in `--json` as `warnings`.
 * To add a warning, write a `WarningRule` and list it in `WARNING_RULES`; name the setting, say why it matters and
 * what to do.
 */
import { isPrivateIpv4Range, parseIpv4Cidr } from "./cidr";
import { StackConfig } from "./types";

export interface ConfigWarning {
    /** Dotted setting the warning is about (`compute.instanceType`). */
    setting: string;
    message: string;
}

/**
 * @param config the validated config (defaults applied).
 * @param written dotted settings present in the stack file (`compute.instanceType`), to tell a choice from a default.
 */
export type WarningRule = (config: StackConfig, written: ReadonlySet<string>) => ConfigWarning[];

/** Settings of one mode, each set while another mode is chosen: they would be silently dropped. */
function unused(written: ReadonlySet<string>, settings: readonly string[], why: string): ConfigWarning[] {
    return settings.filter((setting) => written.has(setting)).map((setting) => ({ setting, message: `has no effect: ${why}` }));
}

const settingsOfUnchosenModes: WarningRule = (config, written) => [
    ...(config.compute.launchType === "fargate"
        ? unused(written, ["compute.instanceType"], "compute.launchType is fargate, which runs tasks on AWS-managed hosts") : []),
    ...(config.storage.backend === "s3"
        ? unused(written, ["storage.efsTransitionToIa", "storage.efsTransitionToPrimary"], "storage.backend is s3, so there is no EFS file system")
        : unused(written, ["storage.s3GlacierInstantRetrievalAfterDays", "storage.s3DeepArchiveAfterDays", "storage.s3NoncurrentVersionExpirationDays"],
            "storage.backend is efs, so there is no image bucket")),
    ...(config.metadataPipeline.enabled ? [] : unused(written, ["metadataPipeline.maxConcurrency", "metadataPipeline.reservedConcurrency"],
        "metadataPipeline.enabled is false")),
    ...(config.identity.mode === "keycloak" ? [] : unused(written, ["identity.keycloak"], "identity.mode is basic, so no Keycloak runs")),
];

/** The load balancer is internet-facing: a client's packets arrive from its public (NAT) address, never a private one. */
const privateClientRanges: WarningRule = (config) => config.endpoint.allowedCidrs
    .filter((cidr) => {
        const parsed = parseIpv4Cidr(cidr);
        return parsed !== undefined && isPrivateIpv4Range(parsed);
    })
    .map((cidr) => ({
        setting: "endpoint.allowedCidrs",
        message: `${cidr} is a private (RFC 1918) range: the load balancer is internet-facing, so clients reach it from the public address `
            + "their network leaves through, and traffic from a private address cannot arrive; list that public range instead (ask your network team, or look it up from a client)",
    }));

/**
 * No DICOM node declared: Orthanc keeps its defaults (`DicomAlwaysAllowEcho`/`Store`), so any calling AE title that
 * reaches the DICOM port may C-ECHO and C-STORE, and nobody may query or retrieve (Orthanc's Configuration.json).
 */
const undeclaredDicomNetwork: WarningRule = (config) => config.dicomNetwork.modalities.length > 0 ? [] : [{
    setting: "dicomNetwork.modalities",
    message: `none declared: any AE title from ${[...config.endpoint.allowedCidrs, ...(config.privateDicom.enabled ? config.privateDicom.onPremisesCidrs : [])].join(", ")} `
        + `that calls ${config.endpoint.aeTitle} may C-ECHO and C-STORE, and no one may C-FIND, C-GET or C-MOVE; declare your modalities, PACS and `
        + "workstations so that each may do only what it should, checked by AE title and address (docs/dicom-network.md)",
}];

export const WARNING_RULES: readonly WarningRule[] = [settingsOfUnchosenModes, privateClientRanges, undeclaredDicomNetwork];

export function configWarnings(config: StackConfig, written: ReadonlySet<string>): ConfigWarning[] {
    return WARNING_RULES.flatMap((rule) => rule(config, written));
}
