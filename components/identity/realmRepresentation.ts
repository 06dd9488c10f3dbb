/**
 * The field names Keycloak's import accepts, as data, for the parts of a realm the stack generates. From Keycloak's
 * own representation classes (keycloak/keycloak core/src/main/java/org/keycloak/representations/idm/
 * RealmRepresentation.java, ClientRepresentation.java, RoleRepresentation.java, AuthenticationFlowRepresentation.java,
 * AbstractAuthenticationExecutionRepresentation.java + AuthenticationExecutionExportRepresentation.java,
 * RequiredActionProviderRepresentation.java, UserRepresentation.java; the Admin REST API documents the same shapes:
 * https://www.keycloak.org/docs-api/26.2.5/rest-api/index.html#RealmRepresentation) and checked against a realm
 * Keycloak 26.2.5 exported itself (orthanc-team/orthanc-auth-service sources/keycloak/realm-export.json, tag 26.4.0).
 * Keycloak's JSON reader ignores no typo quietly in our favour: an unknown field is either refused or dropped, so
 * a misspelt setting would be a security setting silently not applied.
 */

export const REALM_FIELDS = [
    "id", "realm", "displayName", "displayNameHtml", "notBefore", "defaultSignatureAlgorithm", "revokeRefreshToken", "refreshTokenMaxReuse",
    "accessTokenLifespan", "accessTokenLifespanForImplicitFlow", "ssoSessionIdleTimeout", "ssoSessionMaxLifespan", "ssoSessionIdleTimeoutRememberMe",
    "ssoSessionMaxLifespanRememberMe", "offlineSessionIdleTimeout", "offlineSessionMaxLifespanEnabled", "offlineSessionMaxLifespan",
    "clientSessionIdleTimeout", "clientSessionMaxLifespan", "clientOfflineSessionIdleTimeout", "clientOfflineSessionMaxLifespan",
    "accessCodeLifespan", "accessCodeLifespanUserAction", "accessCodeLifespanLogin", "actionTokenGeneratedByAdminLifespan",
    "actionTokenGeneratedByUserLifespan", "oauth2DeviceCodeLifespan", "oauth2DevicePollingInterval", "enabled", "sslRequired",
    "registrationAllowed", "registrationEmailAsUsername", "rememberMe", "verifyEmail", "loginWithEmailAllowed", "duplicateEmailsAllowed",
    "resetPasswordAllowed", "editUsernameAllowed", "bruteForceProtected", "permanentLockout", "maxTemporaryLockouts", "bruteForceStrategy",
    "maxFailureWaitSeconds", "minimumQuickLoginWaitSeconds", "waitIncrementSeconds", "quickLoginCheckMilliSeconds", "maxDeltaTimeSeconds",
    "failureFactor", "roles", "groups", "defaultRole", "defaultGroups", "passwordPolicy", "otpPolicyType", "otpPolicyAlgorithm",
    "otpPolicyInitialCounter", "otpPolicyDigits", "otpPolicyLookAheadWindow", "otpPolicyPeriod", "otpPolicyCodeReusable",
    "otpSupportedApplications", "localizationTexts", "clientProfiles", "clientPolicies", "users", "federatedUsers", "scopeMappings",
    "clientScopeMappings", "clients", "clientScopes", "defaultDefaultClientScopes", "defaultOptionalClientScopes", "browserSecurityHeaders",
    "smtpServer", "loginTheme", "accountTheme", "adminTheme", "emailTheme", "eventsEnabled", "eventsExpiration", "eventsListeners",
    "enabledEventTypes", "adminEventsEnabled", "adminEventsDetailsEnabled", "identityProviders", "identityProviderMappers", "protocolMappers",
    "components", "internationalizationEnabled", "supportedLocales", "defaultLocale", "authenticationFlows", "authenticatorConfig",
    "requiredActions", "browserFlow", "registrationFlow", "directGrantFlow", "resetCredentialsFlow", "clientAuthenticationFlow",
    "dockerAuthenticationFlow", "firstBrokerLoginFlow", "attributes", "keycloakVersion", "userManagedAccessAllowed", "organizationsEnabled",
    "organizations", "adminPermissionsEnabled",
] as const;

export const CLIENT_FIELDS = [
    "id", "clientId", "name", "description", "rootUrl", "adminUrl", "baseUrl", "surrogateAuthRequired", "enabled", "alwaysDisplayInConsole",
    "clientAuthenticatorType", "secret", "registrationAccessToken", "redirectUris", "webOrigins", "notBefore", "bearerOnly", "consentRequired",
    "standardFlowEnabled", "implicitFlowEnabled", "directAccessGrantsEnabled", "serviceAccountsEnabled", "authorizationServicesEnabled",
    "publicClient", "frontchannelLogout", "protocol", "attributes", "authenticationFlowBindingOverrides", "fullScopeAllowed",
    "nodeReRegistrationTimeout", "registeredNodes", "protocolMappers", "defaultClientScopes", "optionalClientScopes", "authorizationSettings",
] as const;

export const ROLE_FIELDS = ["id", "name", "description", "composite", "composites", "clientRole", "containerId", "attributes"] as const;
export const ROLE_COMPOSITES_FIELDS = ["realm", "client"] as const;
export const ROLES_FIELDS = ["realm", "client"] as const;

export const FLOW_FIELDS = ["id", "alias", "description", "providerId", "topLevel", "builtIn", "authenticationExecutions"] as const;
export const EXECUTION_FIELDS = ["authenticatorConfig", "authenticator", "authenticatorFlow", "requirement", "priority", "flowAlias", "userSetupAllowed"] as const;
/** AuthenticationExecutionModel.Requirement. */
export const EXECUTION_REQUIREMENTS = ["REQUIRED", "CONDITIONAL", "ALTERNATIVE", "DISABLED"] as const;

export const REQUIRED_ACTION_FIELDS = ["alias", "name", "providerId", "enabled", "defaultAction", "priority", "config"] as const;

export const USER_FIELDS = [
    "id", "username", "firstName", "lastName", "email", "emailVerified", "enabled", "totp", "serviceAccountClientId", "credentials",
    "requiredActions", "realmRoles", "clientRoles", "groups", "attributes", "notBefore", "createdTimestamp", "disableableCredentialTypes",
] as const;

export const PROTOCOL_MAPPER_FIELDS = ["id", "name", "protocol", "protocolMapper", "consentRequired", "config"] as const;

type Shape = { fields: readonly string[]; children?: Record<string, { list?: Shape; map?: Shape; object?: Shape }> };

const EXECUTION: Shape = { fields: EXECUTION_FIELDS };
const SHAPE: Shape = {
    fields: REALM_FIELDS,
    children: {
        clients: { list: { fields: CLIENT_FIELDS, children: { protocolMappers: { list: { fields: PROTOCOL_MAPPER_FIELDS } } } } },
        roles: { object: { fields: ROLES_FIELDS, children: { realm: { list: { fields: ROLE_FIELDS, children: { composites: { object: { fields: ROLE_COMPOSITES_FIELDS } } } } } } } },
        authenticationFlows: { list: { fields: FLOW_FIELDS, children: { authenticationExecutions: { list: EXECUTION } } } },
        requiredActions: { list: { fields: REQUIRED_ACTION_FIELDS } },
        users: { list: { fields: USER_FIELDS } },
    },
};

function check(value: unknown, shape: Shape, path: string, problems: string[]): void {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        problems.push(`${path} is not an object`);
        return;
    }
    for (const [key, child] of Object.entries(value)) {
        if (!shape.fields.includes(key)) problems.push(`${path}.${key} is not a field Keycloak knows`);
        const nested = shape.children?.[key];
        if (nested?.list) {
            if (!Array.isArray(child)) problems.push(`${path}.${key} is not a list`);
            else child.forEach((item, index) => check(item, nested.list!, `${path}.${key}[${index}]`, problems));
        } else if (nested?.object) check(child, nested.object, `${path}.${key}`, problems);
    }
}

/**
 * Every problem of a generated realm against Keycloak's shapes and the references inside it: unknown fields,
 * flows named but not defined, execution requirements Keycloak does not have, roles given that do not exist.
 */
export function realmProblems(realm: Record<string, unknown>): string[] {
    const problems: string[] = [];
    check(realm, SHAPE, "realm", problems);
    const flows = (realm.authenticationFlows as Array<{ alias: string; authenticationExecutions: Array<Record<string, unknown>> }> | undefined) ?? [];
    const aliases = new Set(flows.map((flow) => flow.alias));
    for (const binding of ["browserFlow", "registrationFlow", "directGrantFlow", "resetCredentialsFlow", "clientAuthenticationFlow"]) {
        const alias = realm[binding];
        if (typeof alias === "string" && !aliases.has(alias)) problems.push(`realm.${binding} names flow "${alias}", which the realm does not define`);
    }
    for (const flow of flows) {
        for (const execution of flow.authenticationExecutions ?? []) {
            if (!(EXECUTION_REQUIREMENTS as readonly unknown[]).includes(execution.requirement)) {
                problems.push(`flow "${flow.alias}": requirement ${JSON.stringify(execution.requirement)} is not one of ${EXECUTION_REQUIREMENTS.join(", ")}`);
            }
            if (execution.authenticatorFlow === true && !aliases.has(String(execution.flowAlias))) {
                problems.push(`flow "${flow.alias}": sub-flow "${String(execution.flowAlias)}" is not defined`);
            }
        }
    }
    const roles = new Set(((realm.roles as { realm?: Array<{ name: string }> } | undefined)?.realm ?? []).map((role) => role.name));
    for (const user of (realm.users as Array<{ username: string; realmRoles?: string[] }> | undefined) ?? []) {
        for (const role of user.realmRoles ?? []) if (!roles.has(role)) problems.push(`user "${user.username}": realm role "${role}" is not defined`);
    }
    return problems;
}
