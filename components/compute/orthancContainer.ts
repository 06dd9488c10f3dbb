/**
 * How the Orthanc configuration reaches the orthancteam/orthanc container: the document as the plain `ORTHANC_JSON`
 * variable, the secrets as ECS `secrets` (Secrets Manager JSON keys) named with the image's `ORTHANC__` rule.
 * `renderImageConfiguration` reproduces the image's merge so that tests run exactly what a task would.
 */
import { OrthancConfiguration } from "./orthancConfiguration";

export interface EnvironmentVariable { name: string; value: string }
/** An ECS container secret: `valueFrom` is `<secret ARN>:<JSON key>::` (latest version). */
export interface ContainerSecret { name: string; valueFrom: string }

export interface ContainerConfiguration {
    environment: EnvironmentVariable[];
    secrets: ContainerSecret[];
}

export interface OrthancSecretSources {
    /** Secrets Manager secret of the database user, JSON keys `username` and `password` (the RDS format). */
    databaseSecretArn: string;
    /** Secrets Manager secret of the Orthanc admin, JSON key `registeredUsers` (see `adminSecretString`). */
    adminSecretArn: string;
}

export const ORTHANC_JSON_VARIABLE = "ORTHANC_JSON";
const ENV_PREFIX = "ORTHANC__";

/** Sections whose variable name the image spells by hand rather than by its capital-letter rule. */
const SECTION_ALIASES: Record<string, string> = { PostgreSQL: "POSTGRESQL", MySQL: "MYSQL", OHIF: "OHIF" };

/** Keys that hold credentials: they must arrive as ECS secrets, never in the document. */
const SECRET_KEY = /password|secret|accesskey|registeredusers|token/i;

/** `["PostgreSQL", "Password"]` → `ORTHANC__POSTGRESQL__PASSWORD` (the image's rule: `_` before each inner capital). */
export function environmentVariableName(path: string[]): string {
    const segments = path.map((key) => SECTION_ALIASES[key] ?? key.replace(/(?<=.)([A-Z])/g, "_$1").toUpperCase());
    return ENV_PREFIX + segments.join("__");
}

/** The image's inverse: `ORTHANC__AWS_S3_STORAGE__BUCKET_NAME` → `["AwsS3Storage", "BucketName"]`. */
export function configurationPath(variableName: string): string[] {
    if (!variableName.startsWith(ENV_PREFIX)) {
        throw new Error(`${variableName} is not an Orthanc configuration variable (prefix ${ENV_PREFIX}).`);
    }
    const aliasOf = Object.fromEntries(Object.entries(SECTION_ALIASES).map(([key, alias]) => [alias, key]));
    return variableName.slice(ENV_PREFIX.length).split("__").map((token) =>
        aliasOf[token] ?? token.split("_").map((word) => word.charAt(0) + word.slice(1).toLowerCase()).join(""));
}

/** Throws naming every key of `document` that looks like a credential. */
export function assertNoCredentials(document: OrthancConfiguration): void {
    const found: string[] = [];
    const walk = (value: unknown, path: string[]): void => {
        if (value === null || typeof value !== "object" || Array.isArray(value)) {
            return;
        }
        for (const [key, child] of Object.entries(value)) {
            if (SECRET_KEY.test(key)) {
                found.push([...path, key].join("."));
            }
            walk(child, [...path, key]);
        }
    };
    walk(document, []);
    if (found.length > 0) {
        throw new Error(`The Orthanc configuration document must not hold credentials (${found.join(", ")}): pass them as ECS secrets.`);
    }
}

/** The container's `environment` and `secrets` for a configuration document. */
export function orthancContainerConfiguration(document: OrthancConfiguration, sources: OrthancSecretSources): ContainerConfiguration {
    assertNoCredentials(document);
    const fromKey = (arn: string, key: string): string => `${arn}:${key}::`;
    return {
        environment: [{ name: ORTHANC_JSON_VARIABLE, value: JSON.stringify(document) }],
        secrets: [
            { name: environmentVariableName(["PostgreSQL", "Username"]), valueFrom: fromKey(sources.databaseSecretArn, "username") },
            { name: environmentVariableName(["PostgreSQL", "Password"]), valueFrom: fromKey(sources.databaseSecretArn, "password") },
            { name: environmentVariableName(["RegisteredUsers"]), valueFrom: fromKey(sources.adminSecretArn, "registeredUsers") },
        ],
    };
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

/** The image's reading of one variable's value: JSON first (numbers, booleans, objects), else the raw string. */
export function imageValue(raw: string): unknown {
    try {
        return JSON.parse(raw);
    } catch {
        return raw;
    }
}

/**
 * The configuration the image assembles from a container's resolved variables (secrets included): `ORTHANC_JSON`
 * and each `ORTHANC__` variable deep-merged in order, values read by `imageValue`. Other variables are ignored.
 */
export function renderImageConfiguration(variables: EnvironmentVariable[]): OrthancConfiguration {
    const result: Record<string, unknown> = {};
    for (const { name, value } of variables) {
        if (name === ORTHANC_JSON_VARIABLE) {
            deepMerge(result, JSON.parse(value) as Record<string, unknown>);
        } else if (name.startsWith(ENV_PREFIX)) {
            const path = configurationPath(name);
            const nested = path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), imageValue(value));
            deepMerge(result, nested as Record<string, unknown>);
        }
    }
    return result;
}
