/**
 * orthanc-auth-service as the Orthanc task's sidecar: its pinned image, where it listens, and the variables it reads
 * (orthanc-team/orthanc-auth-service tag 26.4.1: sources/orthanc_auth_service/app.py, shares/keycloak.py,
 * shares/orthanc_token_service_factory.py; sources/README-dockerhub-orthanc-auth-service.md lists them).
 */
import { REALM_NAME } from "./keycloakRealm";

/**
 * 26.4.1 is the service's newest release (release-notes.md, May 2026) and the one the Orthanc team pairs with
 * orthancteam/orthanc 26.x in its minimal-setup/keycloak/docker-compose.yml. Tag only: no digest is documented
 * (the release workflow .github/workflows/build-orthanc-share.yml pushes tags); mirror it if you pin by digest.
 */
export const AUTH_SERVICE_IMAGE = "orthancteam/orthanc-auth-service:26.4.1";
export const AUTH_SERVICE_CONTAINER_NAME = "auth-service";
/** The image's `uvicorn ... --port 8000` (sources/Dockerfile.orthanc-auth-service). */
export const AUTH_SERVICE_PORT = 8000;
/** Tasks share their loopback (awsvpc), so Orthanc reaches the sidecar here and nothing outside the task can. */
export const AUTH_SERVICE_URL = `http://127.0.0.1:${AUTH_SERVICE_PORT}/`;
/** The application directory of the image (its WORKDIR) and the command it runs there, bound to loopback only. */
export const AUTH_SERVICE_WORKDIR = "/orthanc_auth_service";
export const AUTH_SERVICE_COMMAND = ["uvicorn", "app:app", "--host", "127.0.0.1", "--port", String(AUTH_SERVICE_PORT)];
/** Where the start-up script writes the permissions file: writable, since the roles UI saves changes to it. */
export const AUTH_SERVICE_FILES_DIRECTORY = "/tmp/orthanc-auth-service";
/**
 * Hard memory limit (MiB) of the sidecar, taken from the task's memory (Orthanc's caches are sized on the rest): one
 * uvicorn worker of a small FastAPI app on python:3.14 stays well below it; the limit keeps a leak from starving Orthanc.
 */
export const AUTH_SERVICE_MEMORY_MIB = 192;
/** The login the authorization plugin uses towards the service (its `USERS` map has only this one). */
export const AUTH_SERVICE_WEB_USER = "orthanc-plugin";

export interface AuthServiceEndpoints {
    /** Keycloak inside the VPC, e.g. `http://keycloak.<namespace>:8080/keycloak` (no trailing slash needed). */
    keycloakInternalUrl: string;
    /** The public HTTPS root of Orthanc, e.g. `https://pacs.example.org/`. */
    publicOrthancRoot: string;
    /** The Keycloak admin API is used (API keys, the roles editor) only with the `admin-cli` client secret. */
    withAdminApi: boolean;
}

function withSlash(url: string): string {
    return url.endsWith("/") ? url : `${url}/`;
}

/**
 * The sidecar's plain variables. `KEYCLOAK_URI` must be the realm URL (keycloak.py reads the realm's public key
 * from it; tokens are checked for audience `account`, not issuer, so the internal URL works for tokens issued at
 * the public one). API keys (`ENABLE_KEYCLOAK_API_KEYS`) need the admin API, hence the client secret.
 */
export function authServiceEnvironment(endpoints: AuthServiceEndpoints): { name: string; value: string }[] {
    const keycloak = withSlash(endpoints.keycloakInternalUrl);
    const orthanc = withSlash(endpoints.publicOrthancRoot);
    return [
        { name: "ENABLE_KEYCLOAK", value: "true" },
        { name: "KEYCLOAK_URI", value: `${keycloak}realms/${REALM_NAME}/` },
        ...(endpoints.withAdminApi ? [
            { name: "ENABLE_KEYCLOAK_API_KEYS", value: "true" },
            { name: "KEYCLOAK_ADMIN_URI", value: `${keycloak}admin/realms/${REALM_NAME}/` },
        ] : []),
        { name: "PERMISSIONS_FILE_PATH", value: `${AUTH_SERVICE_FILES_DIRECTORY}/permissions.json` },
        { name: "PUBLIC_ORTHANC_ROOT", value: orthanc },
        { name: "PUBLIC_LANDING_ROOT", value: `${orthanc}ui/app/token-landing.html` },
        { name: "PYTHONUNBUFFERED", value: "1" },
    ];
}
