/**
 * Where Keycloak is found inside the VPC: a Cloud Map private DNS namespace per stack and the `keycloak` service in
 * it, so the auth service reaches http://keycloak.<namespace>:8080/keycloak (ECS registers each task's address).
 */
import { KEYCLOAK_CONTAINER_NAME, KEYCLOAK_HTTP_PORT, KEYCLOAK_RELATIVE_PATH } from "./keycloakContainers";

/** `.internal` is reserved for private use (ICANN, 2024): it never resolves on the internet. */
export function keycloakNamespaceName(resourcePrefix: string): string {
    const name = `${resourcePrefix.toLowerCase()}.internal`;
    if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.internal$/.test(name)) {
        throw new Error(`The Cloud Map namespace ${JSON.stringify(name)} is not a DNS name: use letters, digits and hyphens in namespace and stack name.`);
    }
    return name;
}

export const KEYCLOAK_SERVICE_NAME = KEYCLOAK_CONTAINER_NAME;

/** The URL the auth service (a sidecar of the Orthanc task) calls Keycloak at, inside the VPC. */
export function keycloakInternalUrl(namespaceName: string): string {
    return `http://${KEYCLOAK_SERVICE_NAME}.${namespaceName}:${KEYCLOAK_HTTP_PORT}${KEYCLOAK_RELATIVE_PATH}`;
}

/** The URL browsers and tokens use: the stack's public host, path /keycloak (the ALB routes it to Keycloak). */
export function keycloakPublicUrl(hostName: string): string {
    return `https://${hostName}${KEYCLOAK_RELATIVE_PATH}`;
}
