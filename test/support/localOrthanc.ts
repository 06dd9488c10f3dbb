/**
 * Debian's Orthanc started on the configuration the stack generates: the same generator, the same container
 * mapping, and the image's merge of `ORTHANC_JSON` with the resolved ECS secrets. Only the plugin list is added
 * here, because the image brings its own plugins and Debian's live elsewhere.
 */
import { ChildProcess } from "child_process";
import { existsSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { StackConfig } from "../../config/types";
import { adminSecretString, ADMIN_USERNAME } from "../../components/compute/adminCredentials";
import { buildOrthancConfiguration, OrthancConfiguration } from "../../components/compute/orthancConfiguration";
import { ContainerSecret, orthancContainerConfiguration, renderImageConfiguration } from "../../components/compute/orthancContainer";
import { freePort } from "./freePort";
import { LocalPostgres } from "./localPostgres";
import { startDaemon, stop, waitFor } from "./processes";

/** Debian's plugin files; the image loads its own from /usr/share/orthanc/plugins. */
const DEBIAN_PLUGINS = ["libOrthancPostgreSQLIndex.so", "libOrthancDicomWeb.so"].map((file) => `/usr/share/orthanc/plugins/${file}`);

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
    const resolved = container.secrets.map((secret) => resolveSecret(secret, secretDocuments));
    return { ...renderImageConfiguration([...container.environment, ...resolved]), Plugins: DEBIAN_PLUGINS };
}

/** Starts one node (with TCP_NODELAY=1: Debian's DCMTK leaves Nagle's algorithm on) and waits until it answers. */
export async function startLocalOrthanc(options: LocalOrthancOptions): Promise<LocalOrthanc> {
    if (!existsSync("/usr/sbin/Orthanc")) {
        throw new Error("Orthanc is not installed (Debian packages orthanc, orthanc-postgresql, orthanc-dicomweb; .ci/run installs them).");
    }
    const httpPort = await freePort();
    const dicomPort = await freePort();
    const configuration = localOrthancConfiguration(options, httpPort, dicomPort);
    const configFile = join(options.workDir, `${options.name}.json`);
    const logFile = join(options.workDir, `${options.name}.log`);
    writeFileSync(configFile, JSON.stringify(configuration, null, 2), { mode: 0o600 });
    const child: ChildProcess = startDaemon("/usr/sbin/Orthanc", [configFile], logFile, {
        cwd: options.workDir,
        env: { ...process.env, TCP_NODELAY: "1" },
    });
    const baseUrl = `http://127.0.0.1:${httpPort}`;
    const authorization = `Basic ${Buffer.from(`${ADMIN_USERNAME}:${options.adminPassword}`).toString("base64")}`;
    await waitFor(
        async () => (await fetch(`${baseUrl}/system`, { headers: { authorization } })).status === 200,
        60_000,
        () => `Orthanc ${options.name} did not come up (exit code ${child.exitCode}):\n${readFileSync(logFile, "utf8").slice(-4000)}`,
        () => child.exitCode !== null,
    );
    return { name: options.name, httpPort, dicomPort, baseUrl, configuration, logFile, stop: () => stop(child) };
}
