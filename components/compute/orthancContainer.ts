/**
 * How the Orthanc configuration reaches the orthancteam/orthanc container: the document as the plain `ORTHANC_JSON`
 * variable, the secrets as ECS `secrets` (Secrets Manager JSON keys) named with the image's `ORTHANC__` rule.
 * `renderImageConfiguration` reproduces the image's merge so that tests run exactly what a task would.
 */
import { DicomNetworkConfig, IdentityConfig, Viewer } from "../../config/types";
import { ContainerFile, fileVariable, restFilterScript, READ_ONLY_ROUTES, StartupUser } from "./containerFiles";
import {
    DICOM_TLS_CERTIFICATE_FILE, DICOM_TLS_PRIVATE_KEY_FILE, DICOM_TLS_TRUSTED_FILE, httpNodeCredentials, REST_FILTER_FILE, usesDicomTls,
} from "./dicomNetworkSettings";
import { auditContainerFiles } from "./orthancAudit";
import { OrthancConfiguration } from "./orthancConfiguration";
import { filterRoles, OrthancAccount, startupUsers, usesAuthService } from "./orthancIdentity";
import { viewerEnvironment } from "./orthancViewers";

export interface EnvironmentVariable { name: string; value: string }
/** An ECS container secret: `valueFrom` is `<secret ARN>:<JSON key>::` (latest version). */
export interface ContainerSecret { name: string; valueFrom: string }

export interface ContainerConfiguration {
    environment: EnvironmentVariable[];
    secrets: ContainerSecret[];
    /** Files the start-up script writes from variables of `environment` or `secrets` (see `containerFiles.ts`). */
    files: ContainerFile[];
    /** Accounts the start-up script assembles `RegisteredUsers` from (basic mode, break-glass). */
    users: StartupUser[];
}

export interface OrthancSecretSources {
    /** Secrets Manager secret of the database user, JSON keys `username` and `password` (the RDS format). */
    databaseSecretArn: string;
    /** Orthanc's own accounts (basic mode, break-glass), each password the JSON key `password` of its secret. */
    accounts: OrthancAccount[];
    /** With the auth service: its secret, JSON keys `webServiceUsername`, `webServicePassword` (authServiceSecret.ts). */
    authServiceSecretArn?: string;
    /** Orthanc's DICOM TLS identity, JSON keys `certificate` and `privateKey` (PEM); needed when a modality uses TLS. */
    dicomTlsSecretArn?: string;
}

/** What the container loads besides the document: the viewers' plugins, the declared DICOM network's files, the accounts' roles. */
export interface OrthancContainerSettings {
    viewers: Viewer[];
    dicomNetwork: DicomNetworkConfig;
    identity: IdentityConfig;
}

export const ORTHANC_JSON_VARIABLE = "ORTHANC_JSON";
const ENV_PREFIX = "ORTHANC__";

/** Sections whose variable name the image spells by hand rather than by its capital-letter rule. */
const SECTION_ALIASES: Record<string, string> = { PostgreSQL: "POSTGRESQL", MySQL: "MYSQL", OHIF: "OHIF" };

/** Keys that hold credentials: they must arrive as ECS secrets, never in the document. */
const SECRET_KEY = /password|secret|accesskey|registeredusers|token/i;
/** The authorization plugin's names of where tokens come from (header and argument names, not tokens). */
const NOT_CREDENTIALS = new Set(["Authorization.TokenHttpHeaders", "Authorization.TokenGetArguments"]);

/** `["PostgreSQL", "Password"]` → `ORTHANC__POSTGRESQL__PASSWORD` (the image's rule: `_` before each inner capital). */
export function environmentVariableName(path: string[]): string {
    const segments = path.map((key) => SECTION_ALIASES[key] ?? key.replace(/(?<=.)([A-Z])/g, "_$1").toUpperCase());
    return ENV_PREFIX + segments.join("__");
}

/**
 * The image's inverse: `ORTHANC__AWS_S3_STORAGE__BUCKET_NAME` → `["AwsS3Storage", "BucketName"]`. The hand-spelled
 * sections are recognised as the first level only (orthanc-builder configurator.py `getJsonPathFromEnvVarName`).
 */
export function configurationPath(variableName: string): string[] {
    if (!variableName.startsWith(ENV_PREFIX)) {
        throw new Error(`${variableName} is not an Orthanc configuration variable (prefix ${ENV_PREFIX}).`);
    }
    const aliasOf = Object.fromEntries(Object.entries(SECTION_ALIASES).map(([key, alias]) => [alias, key]));
    return variableName.slice(ENV_PREFIX.length).split("__").map((token, level) =>
        (level === 0 ? aliasOf[token] : undefined) ?? token.split("_").map((word) => word.charAt(0) + word.slice(1).toLowerCase()).join(""));
}

/** Throws naming every key of `document` that looks like a credential. */
export function assertNoCredentials(document: OrthancConfiguration): void {
    const found: string[] = [];
    const walk = (value: unknown, path: string[]): void => {
        if (value === null || typeof value !== "object" || Array.isArray(value)) {
            return;
        }
        for (const [key, child] of Object.entries(value)) {
            const dotted = [...path, key].join(".");
            if (SECRET_KEY.test(key) && !NOT_CREDENTIALS.has(dotted)) {
                found.push(dotted);
            }
            walk(child, [...path, key]);
        }
    };
    walk(document, []);
    if (found.length > 0) {
        throw new Error(`The Orthanc configuration document must not hold credentials (${found.join(", ")}): pass them as ECS secrets.`);
    }
}

/** The container's `environment`, `secrets` and start-up files for a configuration document. */
export function orthancContainerConfiguration(
    document: OrthancConfiguration, sources: OrthancSecretSources, settings: OrthancContainerSettings,
): ContainerConfiguration {
    assertNoCredentials(document);
    const fromKey = (arn: string, key: string): string => `${arn}:${key}::`;
    const tls = usesDicomTls(settings.dicomNetwork);
    if (tls && (sources.dicomTlsSecretArn === undefined || settings.dicomNetwork.trustedCertificates === undefined)) {
        throw new Error("A modality uses DICOM TLS: the container needs Orthanc's certificate secret and the trusted certificates.");
    }
    const plainFiles: { file: ContainerFile; content: string }[] = [
        { file: REST_FILTER_FILE, content: restFilterScript(READ_ONLY_ROUTES, filterRoles(settings.identity)) },
        ...auditContainerFiles(),
        ...(tls ? [{ file: DICOM_TLS_TRUSTED_FILE, content: settings.dicomNetwork.trustedCertificates! }] : []),
    ];
    const secretFiles: ContainerSecret[] = tls ? [
        { name: fileVariable(DICOM_TLS_CERTIFICATE_FILE), valueFrom: fromKey(sources.dicomTlsSecretArn!, "certificate") },
        { name: fileVariable(DICOM_TLS_PRIVATE_KEY_FILE), valueFrom: fromKey(sources.dicomTlsSecretArn!, "privateKey") },
    ] : [];
    if (usesAuthService(settings.identity) && sources.authServiceSecretArn === undefined) {
        throw new Error("identity.mode keycloak: the container needs the auth service's secret (the plugin's web-service credentials).");
    }
    const users = startupUsers(sources.accounts);
    const passwords = sources.accounts.map((account, index) => ({ name: users[index].variable, valueFrom: fromKey(account.secretArn, "password") }));
    const authService = usesAuthService(settings.identity) ? [
        { name: environmentVariableName(["Authorization", "WebServiceUsername"]), valueFrom: fromKey(sources.authServiceSecretArn!, "webServiceUsername") },
        { name: environmentVariableName(["Authorization", "WebServicePassword"]), valueFrom: fromKey(sources.authServiceSecretArn!, "webServicePassword") },
    ] : [];
    const credentials = httpNodeCredentials(settings.dicomNetwork).flatMap(({ path, secretArn }) => [
        { name: environmentVariableName([...path, "Username"]), valueFrom: fromKey(secretArn, "username") },
        { name: environmentVariableName([...path, "Password"]), valueFrom: fromKey(secretArn, "password") },
    ]);
    return {
        environment: [
            { name: ORTHANC_JSON_VARIABLE, value: JSON.stringify(document) },
            ...viewerEnvironment(settings.viewers),
            ...plainFiles.map(({ file, content }) => ({ name: fileVariable(file), value: content })),
        ],
        secrets: [
            { name: environmentVariableName(["PostgreSQL", "Username"]), valueFrom: fromKey(sources.databaseSecretArn, "username") },
            { name: environmentVariableName(["PostgreSQL", "Password"]), valueFrom: fromKey(sources.databaseSecretArn, "password") },
            ...passwords,
            ...authService,
            ...credentials,
            ...secretFiles,
        ],
        files: [...plainFiles.map(({ file }) => file), ...(tls ? [DICOM_TLS_CERTIFICATE_FILE, DICOM_TLS_PRIVATE_KEY_FILE] : [])],
        users,
    };
}

/**
 * The Secrets Manager secrets a task's containers read (`valueFrom` is `<secret ARN>:<JSON key>::`, the ARN being
 * `arn:<partition>:secretsmanager:<region>:<account>:secret:<name>`): what the execution role may read and the
 * rotation rollout must watch, derived from the definitions so that no secret can be left out of either.
 */
export function containerSecretArns(containers: readonly { secrets?: readonly ContainerSecret[] }[]): string[] {
    const arns = containers.flatMap((container) => container.secrets ?? []).map((secret) => {
        const parts = secret.valueFrom.split(":");
        if (parts.length !== 10 || parts[2] !== "secretsmanager" || parts[5] !== "secret") {
            throw new Error(`${secret.name}: ${secret.valueFrom} is not <Secrets Manager secret ARN>:<JSON key>::.`);
        }
        return parts.slice(0, 7).join(":");
    });
    return [...new Set(arns)];
}

function isObject(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

function deepMerge(target: Record<string, unknown>, source: Record<string, unknown>): Record<string, unknown> {
    for (const [key, value] of Object.entries(source)) {
        const existing = target[key];
        target[key] = isObject(existing) && isObject(value) ? deepMerge(existing, value) : value;
    }
    return target;
}

/** Python's json.loads (the image's reader) also takes these as numbers; JSON.parse does not. */
const PYTHON_ONLY_NUMBERS: Record<string, number> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, "-Infinity": Number.NEGATIVE_INFINITY };

/** The image's reading of one variable's value: JSON first (numbers, booleans, objects), else the raw string. */
export function imageValue(raw: string): unknown {
    const trimmed = raw.trim();
    if (trimmed in PYTHON_ONLY_NUMBERS) {
        return PYTHON_ONLY_NUMBERS[trimmed];
    }
    try {
        return JSON.parse(raw);
    } catch {
        return raw;
    }
}

/** The keys a merged value sets: the leaves of a non-empty object, else the path itself. */
function settingPaths(value: unknown, path: string[]): string[][] {
    return isObject(value) && Object.keys(value).length > 0
        ? Object.entries(value).flatMap(([key, child]) => settingPaths(child, [...path, key]))
        : [path];
}

/** One variable's contribution to the configuration, or undefined for variables that are not settings. */
function variableSettings({ name, value }: EnvironmentVariable): Record<string, unknown> | undefined {
    if (name === ORTHANC_JSON_VARIABLE) {
        return JSON.parse(value) as Record<string, unknown>;
    }
    if (!name.startsWith(ENV_PREFIX)) {
        return undefined;
    }
    // The image reads `<NAME>_SECRET` as the name of a file under /run/secrets holding NAME's value (configurator.py).
    if (name.endsWith("_SECRET")) {
        throw new Error(`${name} ends in _SECRET: the image reads it as a secret file's name, never as a setting.`);
    }
    return configurationPath(name).reduceRight<unknown>((inner, key) => ({ [key]: inner }), imageValue(value)) as Record<string, unknown>;
}

/**
 * The configuration the image assembles from a container's resolved variables: `ORTHANC_JSON` and each `ORTHANC__`
 * variable, values read by `imageValue`; other variables are not settings (plugin switches: see imagePlugins.ts).
 * The image merges them in the order of its environment, each overwriting what came before (configurator.py
 * `mergeConfigFromEnvVar`), and ECS sets `environment` and `secrets` alike in an order it does not document: so two
 * variables that set the same key (or one key and a key inside it) are refused, naming both.
 */
export function renderImageConfiguration(variables: readonly EnvironmentVariable[]): OrthancConfiguration {
    const result: Record<string, unknown> = {};
    const setBy = new Map<string, string>();
    for (const variable of variables) {
        const settings = variableSettings(variable);
        if (settings === undefined) {
            continue;
        }
        for (const path of settingPaths(settings, [])) {
            const prefixes = path.map((_, level) => path.slice(0, level + 1).join("."));
            const key = prefixes[prefixes.length - 1];
            const clash = [...prefixes.map((prefix) => [prefix, setBy.get(prefix)] as const),
                ...[...setBy].filter(([other]) => other.startsWith(`${key}.`))].find(([, owner]) => owner !== undefined);
            if (clash) {
                throw new Error(`${variable.name} and ${clash[1]} both set ${clash[0] === key ? key : `${clash[0]} and ${key}`}: ` +
                    "the image applies its variables in an order ECS does not fix, so the result would be undefined.");
            }
            setBy.set(key, variable.name);
        }
        deepMerge(result, settings);
    }
    return result;
}
