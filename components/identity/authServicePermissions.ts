/**
 * orthanc-auth-service's permissions file: which Orthanc permissions each Keycloak realm role grants. The shape is
 * the service's `RolesConfigurationModel` (orthanc-team/orthanc-auth-service, tag 26.4.1,
 * sources/orthanc_auth_service/shares/models.py: `roles: Dict[str, RolePermissions]`, `available-labels`;
 * `RolePermissions` = `authorized-labels` + `permissions`, each one of the `UserPermissions` enum). The service
 * reads it at start (shares/roles_configuration.py) and exits when it does not validate, so it is checked here first.
 */
import { IdentityRole } from "../../config/types";

/** The `UserPermissions` enum of models.py, in its order: the only names the service accepts. */
export const AUTH_SERVICE_PERMISSIONS = [
    "all", "view", "download", "delete", "send", "modify", "anonymize", "upload", "q-r-remote-modalities", "settings",
    "api-view", "edit-labels", "admin-permissions", "audit-logs", "worklists", "share",
] as const;
export type AuthServicePermission = typeof AUTH_SERVICE_PERMISSIONS[number];

/**
 * The roles, as the authorization plugin's default `Permissions` table reads them (orthanc-authorization 0.11.4
 * Plugin/DefaultConfiguration.json): `view` covers browsing and searching (`/tools/find`, QIDO-RS, single
 * resources), `download` the archive and instant download links, `upload` `POST /instances` and STOW-RS. `all`
 * alone does not open the roles and audit-log routes (`admin-permissions`, `audit-logs`), so an admin has every name.
 */
export const ROLE_PERMISSIONS: Record<IdentityRole, readonly AuthServicePermission[]> = {
    admin: AUTH_SERVICE_PERMISSIONS,
    doctor: ["view", "download"],
    uploader: ["upload"],
};

export interface AuthServiceRole {
    "authorized-labels": string[];
    permissions: AuthServicePermission[];
}

export interface AuthServicePermissionsFile {
    roles: Record<string, AuthServiceRole>;
    /** Empty: anyone allowed to edit labels may create new ones (models.py). */
    "available-labels": string[];
}

/** The permissions file for the stack's three realm roles; every role sees every study (`*`: no label restriction). */
export function authServicePermissions(): AuthServicePermissionsFile {
    const roles = Object.fromEntries(Object.entries(ROLE_PERMISSIONS).map(([role, permissions]) =>
        [role, { "authorized-labels": ["*"], permissions: [...permissions] }]));
    const file = { roles, "available-labels": [] };
    const problems = authServicePermissionsProblems(file);
    if (problems.length > 0) throw new Error(`The auth service's permissions file is invalid: ${problems.join("; ")}.`);
    return file;
}

function isStringList(value: unknown): value is string[] {
    return Array.isArray(value) && value.every((item) => typeof item === "string");
}

function isObject(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Every way `file` departs from `RolesConfigurationModel`: stricter than pydantic (which ignores unknown keys), so
 * that a misspelt key fails here rather than silently granting nothing.
 */
export function authServicePermissionsProblems(file: unknown): string[] {
    if (!isObject(file)) return ["the file must be a JSON object"];
    const problems: string[] = [];
    for (const key of Object.keys(file)) {
        if (key !== "roles" && key !== "available-labels") problems.push(`unknown key ${JSON.stringify(key)} (known: roles, available-labels)`);
    }
    if (file["available-labels"] !== undefined && !isStringList(file["available-labels"])) problems.push("available-labels must be a list of strings");
    if (!isObject(file.roles)) return [...problems, "roles must be an object of role name → {authorized-labels, permissions}"];
    for (const [role, value] of Object.entries(file.roles)) {
        if (!isObject(value)) {
            problems.push(`roles.${role} must be an object`);
            continue;
        }
        for (const key of Object.keys(value)) {
            if (key !== "authorized-labels" && key !== "permissions") problems.push(`roles.${role}: unknown key ${JSON.stringify(key)} (known: authorized-labels, permissions)`);
        }
        if (value["authorized-labels"] !== undefined && !isStringList(value["authorized-labels"])) problems.push(`roles.${role}.authorized-labels must be a list of strings`);
        const permissions = value.permissions ?? [];
        if (!isStringList(permissions)) {
            problems.push(`roles.${role}.permissions must be a list of strings`);
            continue;
        }
        const unknown = permissions.filter((name) => !(AUTH_SERVICE_PERMISSIONS as readonly string[]).includes(name));
        if (unknown.length > 0) problems.push(`roles.${role}.permissions: ${unknown.map((name) => JSON.stringify(name)).join(", ")} not among ${AUTH_SERVICE_PERMISSIONS.join(", ")}`);
    }
    return problems;
}
