/**
 * How people sign in to Orthanc, as pure functions of `identity` (config/identitySettings.ts):
 * - `keycloak`: Orthanc's own accounts off (`AuthenticationEnabled: false`, as the authorization plugin requires
 *   when it checks users, orthanc-authorization 0.11.4 Plugin.cpp), the authorization plugin asking the auth-service
 *   sidecar about every request (OE2 and viewers send Keycloak tokens, REST/DICOMweb clients tokens or `api-key`),
 *   its audit logs on and shown in Orthanc Explorer 2, and OE2 signing in with Keycloak;
 * - `basic`: one Orthanc account per person, each password from its own secret, roles enforced by the REST filter;
 * - `breakGlass`: the shared `admin` is loaded too (basic) or alone (keycloak: Orthanc falls back to its own accounts
 *   while Keycloak is unusable). Off in daily use.
 */
import { IdentityConfig, IdentityRole, Viewer } from "../../config/types";
import { AUTH_SERVICE_MEMORY_MIB, AUTH_SERVICE_URL, ORTHANC_CLIENT_ID, REALM_NAME } from "../identity";
import { ADMIN_USERNAME } from "./adminCredentials";
import { StartupUser } from "./containerFiles";
import { OrthancConfiguration } from "./orthancConfiguration";

/** The auth-service sidecar runs, and the authorization plugin with it. */
export function usesAuthService(identity: IdentityConfig): boolean {
    return identity.mode === "keycloak" && !identity.breakGlass;
}

/** The task memory left to the Orthanc container once the sidecar has its share (Orthanc's caches are sized on it). */
export function orthancContainerMemoryMb(taskMemoryMb: number, identity: IdentityConfig): number {
    return taskMemoryMb - (usesAuthService(identity) ? AUTH_SERVICE_MEMORY_MIB : 0);
}

/** An Orthanc account of the tasks (basic mode or break-glass): its login, role, and the secret holding its password. */
export interface OrthancAccount {
    name: string;
    role: IdentityRole;
    /** Secrets Manager secret with JSON key `password`. */
    secretArn: string;
}

/** Who Orthanc registers: the people of basic mode, plus the break-glass admin only when `breakGlass`. */
export function accountLogins(identity: IdentityConfig): { name: string; role: IdentityRole }[] {
    const people = identity.mode === "basic" ? identity.users.map(({ name, role }) => ({ name, role })) : [];
    return identity.breakGlass ? [...people, { name: ADMIN_USERNAME, role: "admin" }] : people;
}

/** Those logins with the secret of each password (the admin secret for the break-glass account). */
export function orthancAccounts(identity: IdentityConfig, userSecretArns: Record<string, string>, adminSecretArn: string): OrthancAccount[] {
    return accountLogins(identity).map(({ name, role }) => {
        const secretArn = name === ADMIN_USERNAME && identity.breakGlass ? adminSecretArn : userSecretArns[name];
        if (secretArn === undefined) throw new Error(`identity.users: ${name} has no password secret.`);
        return { name, role, secretArn };
    });
}

/** The start-up script's users: each account's password arrives as `ORTHANC_AWS_PASSWORD_<n>` (ECS secret). */
export function startupUsers(accounts: OrthancAccount[]): StartupUser[] {
    return accounts.map((account, index) => ({ name: account.name, variable: `ORTHANC_AWS_PASSWORD_${index}` }));
}

/** Login → role for the REST filter, or undefined when Orthanc's own accounts are off (keycloak mode). */
export function filterRoles(identity: IdentityConfig): Record<string, IdentityRole> | undefined {
    if (usesAuthService(identity)) return undefined;
    return Object.fromEntries(accountLogins(identity).map(({ name, role }) => [name, role]));
}

/** The authorization plugin's predefined routes for the UI and each viewer the stack loads (Plugin.cpp `StandardConfigurations`). */
const VIEWER_STANDARD_CONFIGURATIONS: Record<Viewer, string> = { stone: "stone-webviewer", ohif: "ohif" };

/**
 * The `Authorization` section (no credentials: `WebServiceUsername`/`WebServicePassword` arrive as ECS secrets).
 * `WebServiceRootUrl` sets the profile, token-validation, token-creation, decoding and roles routes at once;
 * `api-key` is the header REST clients send their Keycloak API key in; `EnableAuditLogs` records who viewed,
 * uploaded, modified or deleted what (stored by the PostgreSQL index plugin, browsed at `/auth/audit-logs`).
 */
export function authorizationSettings(viewers: Viewer[]): Record<string, unknown> {
    return {
        WebServiceRootUrl: AUTH_SERVICE_URL,
        StandardConfigurations: ["orthanc-explorer-2", ...viewers.map((viewer) => VIEWER_STANDARD_CONFIGURATIONS[viewer])],
        TokenHttpHeaders: ["api-key"],
        CheckedLevel: "studies",
        EnableAuditLogs: true,
    };
}

/** What identity adds to the document's root: Orthanc's own authentication, and the plugin section in keycloak mode. */
export function identityRootSettings(identity: IdentityConfig, viewers: Viewer[]): OrthancConfiguration {
    return usesAuthService(identity)
        ? { AuthenticationEnabled: false, Authorization: authorizationSettings(viewers) }
        : { AuthenticationEnabled: true };
}

/**
 * What identity adds to Orthanc Explorer 2 (orthanc-explorer-2 1.14.1 Plugin/DefaultConfiguration.json): Keycloak
 * sign-in at the public URL, and the audit-log page (`UiOptions.EnableAuditLogs`, shown when the plugin records them).
 */
export function explorerIdentitySettings(identity: IdentityConfig, keycloakPublicUrl: string | undefined): Record<string, unknown> {
    if (!usesAuthService(identity)) return { Keycloak: { Enable: false }, UiOptions: { EnableAuditLogs: false } };
    if (keycloakPublicUrl === undefined || !/^https:\/\//.test(keycloakPublicUrl)) {
        throw new Error(`identity.mode keycloak needs Keycloak's public https URL for Orthanc Explorer 2; got ${JSON.stringify(keycloakPublicUrl)}.`);
    }
    return {
        Keycloak: {
            Enable: true,
            Url: keycloakPublicUrl.endsWith("/") ? keycloakPublicUrl : `${keycloakPublicUrl}/`,
            Realm: REALM_NAME,
            ClientId: ORTHANC_CLIENT_ID,
        },
        UiOptions: { EnableAuditLogs: true },
    };
}
