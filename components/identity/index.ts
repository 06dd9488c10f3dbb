/** Identity: Keycloak (its service, database, realm and secrets) for per-person sign-in with roles and MFA. */
export { KeycloakService } from "./keycloakService";
export type { KeycloakServiceArgs, KeycloakLoadBalancerInputs } from "./keycloakService";
export { KeycloakSecrets } from "./keycloakSecrets";
export type { KeycloakSecretsArgs } from "./keycloakSecrets";
export { keycloakInternalUrl, keycloakNamespaceName, keycloakPublicUrl } from "./keycloakNetwork";
export {
    KEYCLOAK_HEALTH_PATH, KEYCLOAK_HTTP_PORT, KEYCLOAK_MANAGEMENT_PORT, KEYCLOAK_RELATIVE_PATH,
} from "./keycloakContainers";
export { AUTH_SERVICE_CLIENT_ID, ORTHANC_CLIENT_ID, REALM_NAME, REALM_ROLES } from "./keycloakRealm";
export {
    AUTH_SERVICE_COMMAND, AUTH_SERVICE_CONTAINER_NAME, AUTH_SERVICE_FILES_DIRECTORY, AUTH_SERVICE_IMAGE, AUTH_SERVICE_MEMORY_MIB, AUTH_SERVICE_PORT,
    AUTH_SERVICE_URL, AUTH_SERVICE_WEB_USER, AUTH_SERVICE_WORKDIR, authServiceEnvironment,
} from "./authServiceSettings";
export type { AuthServiceEndpoints } from "./authServiceSettings";
export { AUTH_SERVICE_PERMISSIONS, authServicePermissions, authServicePermissionsProblems, ROLE_PERMISSIONS } from "./authServicePermissions";
export type { AuthServicePermission, AuthServicePermissionsFile } from "./authServicePermissions";
