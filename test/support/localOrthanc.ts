/**
 * Debian 13's Orthanc (1.12.7, from the trixie root in the sandbox, see sandbox.ts) started on the configuration
 * the stack generates: the same generator, the same container mapping, and the image's merge of `ORTHANC_JSON` with
 * the resolved ECS secrets. Only the plugin list is added here: Debian's files for the plugins the image would
 * enable by its own rules (components/compute/imagePlugins.ts); a plugin Debian lacks fails the start, naming it.
 * API: `startLocalOrthanc(options)` → `LocalOrthanc`: `baseUrl` (HTTP, reachable from this process), `version`, `dicomPort`
 * (reachable from this process and from DICOM tools run with `sandbox().run`, at 127.0.0.1), `configuration` (the
 * document Orthanc runs), `logFile`, `stop()`. `localOrthancConfiguration` builds that document without starting.
 * With `ORTHANC_AWS_TEST_ORTHANC_VERBOSE=1` in the environment, Orthanc runs with `--verbose` (each C-FIND's query and
 * candidate count, each association, in `logFile`): for diagnosing a failing test; off by default, as in AWS.
 */
import { ChildProcess, execFileSync } from "child_process";
import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { StackConfig } from "../../config/types";
import { adminSecretString, ADMIN_USERNAME } from "../../components/compute/adminCredentials";
import { buildOrthancConfiguration, OrthancConfiguration } from "../../components/compute/orthancConfiguration";
import { fileVariable, startupScript, StartupUser } from "../../components/compute/containerFiles";
import { orthancAccounts } from "../../components/compute/orthancIdentity";
import { dicomTlsSecretString } from "../../components/compute/dicomTlsIdentity";
import {
    ContainerConfiguration, ContainerSecret, EnvironmentVariable, orthancContainerConfiguration, renderImageConfiguration,
} from "../../components/compute/orthancContainer";
import { ImagePlugin, imageEnabledPlugins } from "../../components/compute/imagePlugins";
import { freePort } from "./freePort";
import { drawAdminPassword } from "./passwords";
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
/** Enabled by the image, not packaged by Debian, and not what the tests exercise: the image's web UI and viewers. */
const IMAGE_ONLY_UI: ImagePlugin[] = ["OrthancExplorer2", "StoneWebViewer", "Ohif"];

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
const LOCAL_DICOM_TLS_SECRET = "arn:local:secret:dicom-tls";
const localUserSecret = (name: string): string => `arn:local:secret:user-${name}`;

/**
 * What the container's start-up script exports to the image from the users' password variables
 * (`ORTHANC__REGISTERED_USERS`), found by running that part of the generated script for real with `sh`.
 */
export function startupExports(users: StartupUser[], variables: readonly { name: string; value: string }[]): { name: string; value: string }[] {
    if (users.length === 0) return [];
    const passwords = new Set(users.map((user) => user.variable));
    const output = execFileSync("/bin/sh", ["-c", startupScript([], "/tmp", ["/usr/bin/env", "-0"], users)], {
        env: { PATH: process.env.PATH, ...Object.fromEntries(variables.filter((v) => passwords.has(v.name)).map((v) => [v.name, v.value])) },
    }).toString();
    const exported = output.split("\0").filter((line) => line.startsWith("ORTHANC__REGISTERED_USERS=") || /^ORTHANC_AWS_PASSWORD_/.test(line));
    return exported.map((line) => ({ name: line.slice(0, line.indexOf("=")), value: line.slice(line.indexOf("=") + 1) }));
}

/** The name DICOMweb builds its absolute URLs from, as the load balancer's host name in AWS. */
export const LOCAL_PUBLIC_HOST_NAME = "pacs.test.invalid";

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
    /** Orthanc's DICOM TLS identity (PEM), standing in for the Secrets Manager secret; needed when a modality uses TLS. */
    dicomTls?: { certificate: string; privateKey: string };
    /** Credentials of peers and DICOMweb servers: secret ARN → `{username, password}`. */
    credentialSecrets?: Record<string, Record<string, string>>;
    /** Passwords of the basic-mode people (`identity.users`), standing in for their secrets; unset ones are drawn. */
    userPasswords?: Record<string, string>;
}

export interface LocalOrthanc {
    name: string;
    httpPort: number;
    dicomPort: number;
    baseUrl: string;
    /** Orthanc's version as `/system` reports it (1.12.x from the trixie root). */
    version: string;
    configuration: OrthancConfiguration;
    /** Where the start-up script wrote the container's files. */
    filesDirectory: string;
    logFile: string;
    stop(): Promise<void>;
}

/** What a task would run with: the rendered configuration, and the variables the start-up script turns into files. */
export interface LocalContainer {
    configuration: OrthancConfiguration;
    container: ContainerConfiguration;
    /** Every variable of the task once ECS resolved its secrets. */
    variables: { name: string; value: string }[];
}

export function localOrthancConfiguration(options: LocalOrthancOptions, httpPort: number, dicomPort: number, filesDirectory: string): LocalContainer {
    const document = buildOrthancConfiguration(options.config, {
        databaseHost: options.database.host,
        databasePort: options.database.port,
        databaseName: options.database.database,
        databaseMaxConnections: options.databaseMaxConnections,
        storageDirectory: options.storageDirectory,
        httpPort,
        dicomPort,
        publicHostName: LOCAL_PUBLIC_HOST_NAME,
        filesDirectory,
    });
    const { identity } = options.config;
    const accounts = orthancAccounts(identity, Object.fromEntries(identity.users.map((user) => [user.name, localUserSecret(user.name)])), LOCAL_ADMIN_SECRET);
    const container = orthancContainerConfiguration(
        document,
        { databaseSecretArn: LOCAL_DATABASE_SECRET, accounts, dicomTlsSecretArn: options.dicomTls && LOCAL_DICOM_TLS_SECRET },
        { viewers: options.config.viewers, dicomNetwork: options.config.dicomNetwork, identity },
    );
    const userSecrets = Object.fromEntries(identity.users.map((user) =>
        [localUserSecret(user.name), { username: user.name, password: options.userPasswords?.[user.name] ?? drawAdminPassword() }]));
    const secretDocuments = {
        ...options.credentialSecrets,
        ...userSecrets,
        [LOCAL_DATABASE_SECRET]: { username: options.database.username, password: options.database.password },
        [LOCAL_ADMIN_SECRET]: JSON.parse(adminSecretString(ADMIN_USERNAME, options.adminPassword)) as Record<string, string>,
        ...(options.dicomTls ? { [LOCAL_DICOM_TLS_SECRET]: JSON.parse(dicomTlsSecretString(options.dicomTls.certificate, options.dicomTls.privateKey)) as Record<string, string> } : {}),
    };
    const resolved = [...container.environment, ...container.secrets.map((secret) => resolveSecret(secret, secretDocuments))];
    // The image sees the variables after the start-up script: RegisteredUsers assembled, the password variables gone.
    const exported = startupExports(container.users, resolved);
    const passwordVariables = new Set(container.users.map((user) => user.variable));
    const variables = [...resolved.filter((v) => !passwordVariables.has(v.name)), ...exported];
    const configuration = renderImageConfiguration(variables);
    return { configuration: { ...configuration, Plugins: localPluginFiles(configuration, variables) }, container, variables };
}

/** The environment switch for Orthanc's `--verbose` log (see the header). */
const VERBOSE_VARIABLE = "ORTHANC_AWS_TEST_ORTHANC_VERBOSE";

function verboseFlag(): string[] {
    return process.env[VERBOSE_VARIABLE] === "1" ? ["--verbose"] : [];
}

/** Starts one node (with TCP_NODELAY=1: Debian's DCMTK leaves Nagle's algorithm on) and waits until it answers. */
export async function startLocalOrthanc(options: LocalOrthancOptions): Promise<LocalOrthanc> {
    const box = await sandbox();
    const httpPort = await freePort();
    const dicomPort = await freePort();
    const filesDirectory = join(options.workDir, `${options.name}-files`);
    const { configuration, container, variables } = localOrthancConfiguration(options, httpPort, dicomPort, filesDirectory);
    // Signs in as the break-glass admin when it is loaded, else as the first person with role admin.
    const firstAdmin = options.config.identity.users.find((user) => user.role === "admin")?.name;
    const registered = (configuration.RegisteredUsers ?? {}) as Record<string, string>;
    const [signInName, signInPassword] = options.config.identity.breakGlass || firstAdmin === undefined
        ? [ADMIN_USERNAME, options.adminPassword] : [firstAdmin, registered[firstAdmin]];
    const configFile = join(options.workDir, `${options.name}.json`);
    const logFile = join(options.workDir, `${options.name}.log`);
    writeFileSync(configFile, JSON.stringify(configuration, null, 2), { mode: 0o600 });
    // The container's own start-up: the generated script writes the files from their variables, then runs Orthanc
    // (in AWS it runs the image's entry point, which renders the configuration written above).
    const fileVariables = new Set(container.files.map(fileVariable));
    const child: ChildProcess = box.start("/bin/bash", ["-c", startupScript(container.files, filesDirectory, ["/usr/sbin/Orthanc", ...verboseFlag(), configFile])], logFile, {
        cwd: options.workDir,
        env: { TCP_NODELAY: "1", ...Object.fromEntries(variables.filter((v) => fileVariables.has(v.name)).map((v) => [v.name, v.value])) },
    });
    const exposed = await Promise.all([httpPort, dicomPort].map((port) => box.expose(port)));
    const baseUrl = `http://127.0.0.1:${httpPort}`;
    const authorization = `Basic ${Buffer.from(`${signInName}:${signInPassword}`).toString("base64")}`;
    const stopNode = async (): Promise<void> => {
        await Promise.all(exposed.map((port) => port.close()));
        await stop(child);
    };
    try {
        await waitFor(
            // Each probe has its own deadline: a connection that is accepted but never answered must not stall the wait.
            async () => (await fetch(`${baseUrl}/system`, { headers: { authorization }, signal: AbortSignal.timeout(5_000) })).status === 200,
            60_000,
            () => `Orthanc ${options.name} did not come up (exit code ${child.exitCode}):\n${readFileSync(logFile, "utf8").slice(-4000)}`,
            () => child.exitCode !== null,
        );
    } catch (error) {
        await stopNode();
        throw error;
    }
    const system = await (await fetch(`${baseUrl}/system`, { headers: { authorization }, signal: AbortSignal.timeout(10_000) })).json() as { Version: string };
    return { name: options.name, httpPort, dicomPort, baseUrl, version: system.Version, configuration, filesDirectory, logFile, stop: stopNode };
}
