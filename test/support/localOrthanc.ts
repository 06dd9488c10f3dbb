/**
 * Debian 13's Orthanc (1.12.7, from the trixie root in the sandbox, see sandbox.ts) started on the configuration
 * the stack generates: the same generator, the same container mapping, and the image's merge of `ORTHANC_JSON` with
 * the resolved ECS secrets. Only the plugin list is added here: Debian's files for the plugins the image would
 * enable by its own rules (components/compute/imagePlugins.ts); a plugin Debian lacks fails the start, naming it.
 * API: `startLocalOrthanc(options)` → `LocalOrthanc`: `baseUrl` (HTTP, reachable from this process), `version`, `dicomPort`
 * (reachable from this process and from DICOM tools run with `sandbox().run`, at 127.0.0.1), `configuration` (the
 * document Orthanc runs), `logFile`, `stop()`. `localOrthancConfiguration` builds that document without starting.
 */
import { ChildProcess } from "child_process";
import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { StackConfig } from "../../config/types";
import { adminSecretString, ADMIN_USERNAME } from "../../components/compute/adminCredentials";
import { buildOrthancConfiguration, OrthancConfiguration } from "../../components/compute/orthancConfiguration";
import { ContainerSecret, EnvironmentVariable, orthancContainerConfiguration, renderImageConfiguration } from "../../components/compute/orthancContainer";
import { ImagePlugin, imageEnabledPlugins } from "../../components/compute/imagePlugins";
import { freePort } from "./freePort";
import { LocalPostgres } from "./localPostgres";
import { stop, waitFor } from "./processes";
import { sandbox } from "./sandbox";

/** Debian 13's files (in the trixie root) of the image's plugins; the image's own names are in plugins-def.json. */
const DEBIAN_PLUGIN_FILES: Partial<Record<ImagePlugin, string[]>> = {
    PostgreSQL: ["libOrthancPostgreSQLIndex.so", "libOrthancPostgreSQLStorage.so"],
    DicomWeb: ["libOrthancDicomWeb.so"],
    Gdcm: ["libOrthancGdcm.so"],
    Python: ["libOrthancPython.so"],
    Worklists: ["libModalityWorklists.so"],
    Housekeeper: ["libHousekeeper.so"],
    DelayedDeletion: ["libDelayedDeletion.so"],
    MultitenantDicom: ["libMultitenantDicom.so"],
    ServeFolders: ["libServeFolders.so"],
};
/** Enabled by the image, not packaged by Debian, and not what the tests exercise: the image's web UI. */
const IMAGE_ONLY_UI: ImagePlugin[] = ["OrthancExplorer2"];

/** The plugin files for what the image would load; throws naming any plugin Debian does not have. */
export function localPluginFiles(configuration: OrthancConfiguration, variables: readonly EnvironmentVariable[]): string[] {
    const enabled = imageEnabledPlugins(configuration, variables);
    const missing = enabled.filter((plugin) => DEBIAN_PLUGIN_FILES[plugin] === undefined && !IMAGE_ONLY_UI.includes(plugin));
    if (missing.length > 0) {
        throw new Error(`The image would load ${missing.join(", ")}, which Debian 13 does not package: the local Orthanc cannot run this configuration.`);
    }
    return enabled.flatMap((plugin) => DEBIAN_PLUGIN_FILES[plugin] ?? []).map((file) => `/usr/share/orthanc/plugins/${file}`);
}

const LOCAL_DATABASE_SECRET = "arn:local:secret:database";
const LOCAL_ADMIN_SECRET = "arn:local:secret:admin";

/** Resolves an ECS `valueFrom` (`<arn>:<json key>::`) against local secret documents, as ECS does at task start. */
export function resolveSecret(secret: ContainerSecret, documents: Record<string, Record<string, string>>): { name: string; value: string } {
    const match = /^(.*):([^:]+)::$/.exec(secret.valueFrom);
    const value = match ? documents[match[1]]?.[match[2]] : undefined;
    if (value === undefined) {
        throw new Error(`No local value for secret ${secret.name} (${secret.valueFrom}).`);
    }
    return { name: secret.name, value };
}

export interface LocalOrthancOptions {
    config: StackConfig;
    database: LocalPostgres;
    storageDirectory: string;
    adminPassword: string;
    workDir: string;
    name: string;
    /** Maximum number of nodes sharing the database, for the connection split. */
    databaseMaxConnections: number;
}

export interface LocalOrthanc {
    name: string;
    httpPort: number;
    dicomPort: number;
    baseUrl: string;
    /** Orthanc's version as `/system` reports it (1.12.x from the trixie root). */
    version: string;
    configuration: OrthancConfiguration;
    logFile: string;
    stop(): Promise<void>;
}

export function localOrthancConfiguration(options: LocalOrthancOptions, httpPort: number, dicomPort: number): OrthancConfiguration {
    const document = buildOrthancConfiguration(options.config, {
        databaseHost: options.database.host,
        databasePort: options.database.port,
        databaseName: options.database.database,
        databaseMaxConnections: options.databaseMaxConnections,
        storageDirectory: options.storageDirectory,
        httpPort,
        dicomPort,
    });
    const container = orthancContainerConfiguration(document, { databaseSecretArn: LOCAL_DATABASE_SECRET, adminSecretArn: LOCAL_ADMIN_SECRET });
    const secretDocuments = {
        [LOCAL_DATABASE_SECRET]: { username: options.database.username, password: options.database.password },
        [LOCAL_ADMIN_SECRET]: JSON.parse(adminSecretString(ADMIN_USERNAME, options.adminPassword)) as Record<string, string>,
    };
    const variables = [...container.environment, ...container.secrets.map((secret) => resolveSecret(secret, secretDocuments))];
    const configuration = renderImageConfiguration(variables);
    return { ...configuration, Plugins: localPluginFiles(configuration, variables) };
}

/** Starts one node (with TCP_NODELAY=1: Debian's DCMTK leaves Nagle's algorithm on) and waits until it answers. */
export async function startLocalOrthanc(options: LocalOrthancOptions): Promise<LocalOrthanc> {
    const box = await sandbox();
    const httpPort = await freePort();
    const dicomPort = await freePort();
    const configuration = localOrthancConfiguration(options, httpPort, dicomPort);
    const configFile = join(options.workDir, `${options.name}.json`);
    const logFile = join(options.workDir, `${options.name}.log`);
    writeFileSync(configFile, JSON.stringify(configuration, null, 2), { mode: 0o600 });
    const child: ChildProcess = box.start("/usr/sbin/Orthanc", [configFile], logFile, { cwd: options.workDir, env: { TCP_NODELAY: "1" } });
    const exposed = await Promise.all([httpPort, dicomPort].map((port) => box.expose(port)));
    const baseUrl = `http://127.0.0.1:${httpPort}`;
    const authorization = `Basic ${Buffer.from(`${ADMIN_USERNAME}:${options.adminPassword}`).toString("base64")}`;
    const stopNode = async (): Promise<void> => {
        await Promise.all(exposed.map((port) => port.close()));
        await stop(child);
    };
    try {
        await waitFor(
            async () => (await fetch(`${baseUrl}/system`, { headers: { authorization } })).status === 200,
            60_000,
            () => `Orthanc ${options.name} did not come up (exit code ${child.exitCode}):\n${readFileSync(logFile, "utf8").slice(-4000)}`,
            () => child.exitCode !== null,
        );
    } catch (error) {
        await stopNode();
        throw error;
    }
    const system = await (await fetch(`${baseUrl}/system`, { headers: { authorization } })).json() as { Version: string };
    return { name: options.name, httpPort, dicomPort, baseUrl, version: system.Version, configuration, logFile, stop: stopNode };
}
