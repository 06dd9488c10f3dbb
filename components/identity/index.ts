/** Identity: who signs in to Orthanc — the auth service's settings and permissions (the Orthanc side of issue 13). */
export {
    AUTH_SERVICE_COMMAND, AUTH_SERVICE_CONTAINER_NAME, AUTH_SERVICE_FILES_DIRECTORY, AUTH_SERVICE_IMAGE, AUTH_SERVICE_MEMORY_MIB, AUTH_SERVICE_PORT,
    AUTH_SERVICE_URL, AUTH_SERVICE_WEB_USER, AUTH_SERVICE_WORKDIR, authServiceEnvironment, KEYCLOAK_PUBLIC_CLIENT, KEYCLOAK_REALM,
} from "./authServiceSettings";
export type { AuthServiceEndpoints } from "./authServiceSettings";
export { AUTH_SERVICE_PERMISSIONS, authServicePermissions, authServicePermissionsProblems, ROLE_PERMISSIONS } from "./authServicePermissions";
export type { AuthServicePermission, AuthServicePermissionsFile } from "./authServicePermissions";
