/**
 * The Keycloak task's two containers as pure functions: the one-shot database init (psql) and Keycloak itself,
 * their environment (no credential in it) and ECS secrets, ports, health check and start-up command.
 */
import { databaseInitScript, KEYCLOAK_DB_POOL_MAX_SIZE, KEYCLOAK_PASSWORD_VARIABLE, KeycloakDatabaseNames } from "./keycloakDatabase";
import { AUTH_SERVICE_SECRET_VARIABLE } from "./keycloakRealm";

/**
 * orthanc-team/orthanc-auth-service release 26.4.0 (minimal-setup/keycloak/docker-compose.yml pins this tag):
 * Keycloak 26.2.5 (sources/keycloak/Dockerfile.orthanc-keycloak, `FROM quay.io/keycloak/keycloak:26.2.5`), built
 * with KC_DB=postgres and KC_HEALTH_ENABLED=true, plus the `orthanc` login theme. Built for linux/amd64 only (the
 * release workflow sets no platforms). No digest is published in the repository: pinned by tag.
 */
export const KEYCLOAK_IMAGE = "orthancteam/orthanc-keycloak:26.4.0";
/**
 * The official PostgreSQL image with psql 17 (the RDS major) on Debian 13, as the docker-library README lists it;
 * the same client version (17.12) as the trixie root the init SQL is tested with. Pinned by tag (no digest documented).
 */
export const POSTGRES_CLIENT_IMAGE = "postgres:17.12-trixie";

export const KEYCLOAK_CONTAINER_NAME = "keycloak";
export const DATABASE_INIT_CONTAINER_NAME = "keycloak-database";
/** Keycloak's HTTP port (http-port default) and management port (health), https://www.keycloak.org/server/all-config. */
export const KEYCLOAK_HTTP_PORT = 8080;
export const KEYCLOAK_MANAGEMENT_PORT = 9000;
/** Keycloak serves under /keycloak (http-relative-path); the management interface inherits it. */
export const KEYCLOAK_RELATIVE_PATH = "/keycloak";
export const KEYCLOAK_HEALTH_PATH = `${KEYCLOAK_RELATIVE_PATH}/health/ready`;
/** The import directory `--import-realm` reads (https://www.keycloak.org/server/importExport). */
export const KEYCLOAK_IMPORT_DIRECTORY = "/opt/keycloak/data/import";
/** The realm travels as a plain variable (it holds placeholders, not secrets) and is written to the import directory. */
export const REALM_VARIABLE = "ORTHANC_AWS_REALM_JSON";
/** The postgres image's `postgres` user (uid/gid 999): psql needs no root. */
const POSTGRES_USER = "999:999";

/** What the Secrets Manager secrets hold: JSON keys read by ECS (`<arn>:<key>::`). */
export interface KeycloakSecretArns {
    /** RDS-managed master secret: `username`, `password`. */
    masterSecretArn: string;
    /** Keycloak's database login: `username`, `password`. */
    databaseSecretArn: string;
    /** Keycloak's bootstrap administrator (master realm): `username`, `password`. */
    bootstrapAdminSecretArn: string;
    /** The auth service's client: `clientId`, `clientSecret`. */
    authServiceClientSecretArn: string;
}

export interface KeycloakContainerInputs {
    keycloakImage: string;
    postgresClientImage: string;
    database: KeycloakDatabaseNames & { host: string; port: number };
    /** https://<host>/keycloak, the URL browsers and tokens use. */
    publicUrl: string;
    realmJson: string;
    secrets: KeycloakSecretArns;
    logGroupName: string;
    region: string;
}

function secretKey(arn: string, key: string): string {
    return `${arn}:${key}::`;
}

function logConfiguration(inputs: KeycloakContainerInputs, prefix: string): object {
    return {
        logDriver: "awslogs",
        options: { "awslogs-group": inputs.logGroupName, "awslogs-region": inputs.region, "awslogs-stream-prefix": prefix, mode: "non-blocking", "max-buffer-size": "25m" },
    };
}

/** Removes the image's sample realm (demo users with known passwords), writes ours, starts Keycloak with it. */
export function keycloakStartupScript(): string {
    return [
        "set -eu",
        "umask 077",
        `mkdir -p ${KEYCLOAK_IMPORT_DIRECTORY}`,
        `rm -f ${KEYCLOAK_IMPORT_DIRECTORY}/*.json`,
        `printf '%s' "$${REALM_VARIABLE}" > ${KEYCLOAK_IMPORT_DIRECTORY}/orthanc-realm.json`,
        `unset ${REALM_VARIABLE}`,
        // Not --optimized: http-relative-path is a build option the image was built without, so Keycloak re-augments at start.
        "exec /opt/keycloak/bin/kc.sh start --import-realm",
    ].join("\n");
}

/**
 * Keycloak's settings, each an option of https://www.keycloak.org/server/all-config (26.2): the database, the public
 * URL with its path, proxy headers from the ALB, plain HTTP inside the VPC, health on the management port.
 */
export function keycloakEnvironment(inputs: KeycloakContainerInputs): Array<{ name: string; value: string }> {
    const { database } = inputs;
    const values: Record<string, string> = {
        KC_DB: "postgres",
        // TLS to RDS (rds.force_ssl); the RDS CA is not in the image, so the channel is encrypted, not verified.
        KC_DB_URL: `jdbc:postgresql://${database.host}:${database.port}/${database.database}?sslmode=require`,
        KC_DB_POOL_INITIAL_SIZE: "1",
        KC_DB_POOL_MIN_SIZE: "1",
        KC_DB_POOL_MAX_SIZE: String(KEYCLOAK_DB_POOL_MAX_SIZE),
        KC_HOSTNAME: inputs.publicUrl,
        // The auth service calls http://keycloak.<namespace>:8080/keycloak: back-channel URLs follow the request.
        KC_HOSTNAME_BACKCHANNEL_DYNAMIC: "true",
        KC_HTTP_RELATIVE_PATH: KEYCLOAK_RELATIVE_PATH,
        KC_HTTP_ENABLED: "true",
        KC_HTTP_PORT: String(KEYCLOAK_HTTP_PORT),
        KC_HTTP_MANAGEMENT_PORT: String(KEYCLOAK_MANAGEMENT_PORT),
        KC_PROXY_HEADERS: "xforwarded",
        KC_HEALTH_ENABLED: "true",
        KC_LOG_CONSOLE_OUTPUT: "json",
        [REALM_VARIABLE]: inputs.realmJson,
    };
    return Object.entries(values).map(([name, value]) => ({ name, value }));
}

export function keycloakSecrets(secrets: KeycloakSecretArns): Array<{ name: string; valueFrom: string }> {
    return [
        { name: "KC_DB_USERNAME", valueFrom: secretKey(secrets.databaseSecretArn, "username") },
        { name: "KC_DB_PASSWORD", valueFrom: secretKey(secrets.databaseSecretArn, "password") },
        { name: "KC_BOOTSTRAP_ADMIN_USERNAME", valueFrom: secretKey(secrets.bootstrapAdminSecretArn, "username") },
        { name: "KC_BOOTSTRAP_ADMIN_PASSWORD", valueFrom: secretKey(secrets.bootstrapAdminSecretArn, "password") },
        { name: AUTH_SERVICE_SECRET_VARIABLE, valueFrom: secretKey(secrets.authServiceClientSecretArn, "clientSecret") },
    ];
}

/** The image has no curl: bash's /dev/tcp asks the readiness endpoint of the management port. */
export function keycloakHealthCheck(): object {
    const probe = `exec 3<>/dev/tcp/127.0.0.1/${KEYCLOAK_MANAGEMENT_PORT} && printf 'GET ${KEYCLOAK_HEALTH_PATH} HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && grep -q '"UP"' <&3`;
    // startPeriod at ECS's maximum: the first start re-augments and creates the schema.
    return { command: ["CMD-SHELL", probe], interval: 30, timeout: 10, retries: 5, startPeriod: 300 };
}

export function keycloakContainerDefinitions(inputs: KeycloakContainerInputs): object[] {
    const init = {
        name: DATABASE_INIT_CONTAINER_NAME,
        image: inputs.postgresClientImage,
        essential: false,
        entryPoint: ["/bin/bash", "-c"],
        command: [databaseInitScript({ database: inputs.database.database, role: inputs.database.role, orthancDatabase: inputs.database.orthancDatabase })],
        user: POSTGRES_USER,
        environment: [
            { name: "PGHOST", value: inputs.database.host },
            { name: "PGPORT", value: String(inputs.database.port) },
            { name: "PGDATABASE", value: "postgres" },
            { name: "PGSSLMODE", value: "require" },
            { name: "PGCONNECT_TIMEOUT", value: "10" },
        ],
        secrets: [
            { name: "PGUSER", valueFrom: secretKey(inputs.secrets.masterSecretArn, "username") },
            { name: "PGPASSWORD", valueFrom: secretKey(inputs.secrets.masterSecretArn, "password") },
            { name: KEYCLOAK_PASSWORD_VARIABLE, valueFrom: secretKey(inputs.secrets.databaseSecretArn, "password") },
        ],
        readonlyRootFilesystem: true,
        privileged: false,
        logConfiguration: logConfiguration(inputs, DATABASE_INIT_CONTAINER_NAME),
    };
    const keycloak = {
        name: KEYCLOAK_CONTAINER_NAME,
        image: inputs.keycloakImage,
        essential: true,
        // Keycloak starts only once its database and role exist (the init container exited 0).
        dependsOn: [{ containerName: DATABASE_INIT_CONTAINER_NAME, condition: "SUCCESS" }],
        portMappings: [
            { name: "http", containerPort: KEYCLOAK_HTTP_PORT, protocol: "tcp" },
            { name: "management", containerPort: KEYCLOAK_MANAGEMENT_PORT, protocol: "tcp" },
        ],
        entryPoint: ["/bin/bash", "-c"],
        command: [keycloakStartupScript()],
        environment: keycloakEnvironment(inputs),
        secrets: keycloakSecrets(inputs.secrets),
        healthCheck: keycloakHealthCheck(),
        privileged: false,
        // Keycloak writes its build (lib/quarkus), the import file and data/tmp under /opt/keycloak.
        readonlyRootFilesystem: false,
        linuxParameters: { initProcessEnabled: true },
        stopTimeout: 30,
        logConfiguration: logConfiguration(inputs, KEYCLOAK_CONTAINER_NAME),
    };
    return [init, keycloak];
}
