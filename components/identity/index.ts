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
