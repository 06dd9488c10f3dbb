/**
 * The orthanc-auth-service container beside Orthanc in the same task: on the task's loopback only, started before
 * Orthanc (which waits for it to be healthy), its permissions file written at start from a variable (ECS gives a
 * container no files without a volume), its secrets only as ECS `secrets`.
 */
import {
    AUTH_SERVICE_COMMAND, AUTH_SERVICE_CONTAINER_NAME, AUTH_SERVICE_FILES_DIRECTORY, AUTH_SERVICE_MEMORY_MIB, AUTH_SERVICE_PORT, AUTH_SERVICE_WORKDIR,
    authServiceEnvironment, AuthServiceEndpoints, authServicePermissions,
} from "../identity";
import { ContainerFile, fileVariable, startupScript } from "./containerFiles";
import { ContainerSecret } from "./orthancContainer";

export const AUTH_SERVICE_PERMISSIONS_FILE: ContainerFile = { name: "AUTH_PERMISSIONS", fileName: "permissions.json" };

/** `nobody`: the service needs no privilege, only its application files (world-readable in the image) and /tmp. */
export const AUTH_SERVICE_USER = "65534:65534";

/** The JSON key of Keycloak's client secret in the secret KeycloakService generates (components/identity). */
export const KEYCLOAK_CLIENT_SECRET_KEY = "clientSecret";

export interface AuthServiceSources {
    /** The auth service's secret (authServiceSecret.ts): `secretKey`, `users`. */
    secretArn: string;
    /** Keycloak's `admin-cli` client secret (the service's KEYCLOAK_CLIENT_SECRET), for API keys and the roles editor. */
    keycloakClientSecretArn?: string;
}

export interface AuthServiceContainerInputs {
    image: string;
    endpoints: Omit<AuthServiceEndpoints, "withAdminApi">;
    sources: AuthServiceSources;
    logGroupName: string;
    region: string;
}

/** The sidecar's ECS secrets: the token key, the plugin's login (`USERS`), and the Keycloak client secret when given. */
export function authServiceSecrets(sources: AuthServiceSources): ContainerSecret[] {
    return [
        { name: "SECRET_KEY", valueFrom: `${sources.secretArn}:secretKey::` },
        { name: "USERS", valueFrom: `${sources.secretArn}:users::` },
        ...(sources.keycloakClientSecretArn !== undefined
            ? [{ name: "KEYCLOAK_CLIENT_SECRET", valueFrom: `${sources.keycloakClientSecretArn}:${KEYCLOAK_CLIENT_SECRET_KEY}::` }] : []),
    ];
}

/**
 * A check that needs no credentials: FastAPI serves its OpenAPI document unauthenticated, and only once the app
 * module has loaded (which exits when the permissions file, USERS or Keycloak's public key are missing).
 */
export const AUTH_SERVICE_HEALTH_CHECK = {
    command: ["CMD", "python", "-c", `import urllib.request; urllib.request.urlopen('http://127.0.0.1:${AUTH_SERVICE_PORT}/openapi.json', timeout=3)`],
    interval: 15,
    timeout: 5,
    retries: 3,
    startPeriod: 60,
};

export function authServiceContainerDefinition(inputs: AuthServiceContainerInputs): object {
    return {
        name: AUTH_SERVICE_CONTAINER_NAME,
        image: inputs.image,
        essential: true,
        // No port mapping: Orthanc reaches it on the task's loopback, nothing else needs to.
        portMappings: [],
        entryPoint: ["/bin/sh", "-c"],
        command: [startupScript([AUTH_SERVICE_PERMISSIONS_FILE], AUTH_SERVICE_FILES_DIRECTORY, AUTH_SERVICE_COMMAND)],
        // The image's WORKDIR, where `app:app` is found (sources/Dockerfile.orthanc-auth-service).
        workingDirectory: AUTH_SERVICE_WORKDIR,
        user: AUTH_SERVICE_USER,
        memory: AUTH_SERVICE_MEMORY_MIB,
        environment: [
            ...authServiceEnvironment({ ...inputs.endpoints, withAdminApi: inputs.sources.keycloakClientSecretArn !== undefined }),
            { name: fileVariable(AUTH_SERVICE_PERMISSIONS_FILE), value: JSON.stringify(authServicePermissions()) },
        ],
        secrets: authServiceSecrets(inputs.sources),
        healthCheck: AUTH_SERVICE_HEALTH_CHECK,
        privileged: false,
        readonlyRootFilesystem: false,
        linuxParameters: { initProcessEnabled: true },
        stopTimeout: 10,
        logConfiguration: {
            logDriver: "awslogs",
            options: {
                "awslogs-group": inputs.logGroupName,
                "awslogs-region": inputs.region,
                "awslogs-stream-prefix": AUTH_SERVICE_CONTAINER_NAME,
                mode: "non-blocking",
                "max-buffer-size": "4m",
            },
        },
    };
}
