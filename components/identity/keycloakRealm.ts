/**
 * The `orthanc` realm Keycloak imports at its first start, as a pure function of the stack's public host name.
 * What it decides: roles `admin`, `doctor`, `uploader`; TOTP for every user (a default required action and a browser
 * flow where the OTP form is REQUIRED, not conditional); a password policy; brute-force protection; login and admin
 * events kept six years; the public client `orthanc` (Orthanc Explorer 2 and the viewers, code flow with PKCE S256)
 * and the confidential `orthanc-auth-service` (its service account reads users and roles).
 *
 * Keycloak imports a realm only if it does not exist yet (`--import-realm`, strategy IGNORE_EXISTING,
 * https://www.keycloak.org/server/importExport): later edits of this function reach a running stack only through
 * the admin console (docs/identity.md). The client secret is a placeholder Keycloak replaces from the container's
 * environment at import (same page, "Using Environment Variables within the Realm Configuration Files").
 */

export const REALM_NAME = "orthanc";
export const ORTHANC_CLIENT_ID = "orthanc";
/**
 * The confidential client orthanc-auth-service signs in with (client credentials) for API keys and the roles editor:
 * it is hard-coded as `admin-cli` (orthanc-auth-service 26.4.1 sources/orthanc_auth_service/shares/keycloak_admin.py),
 * so the realm makes its built-in `admin-cli` confidential with a service account instead of adding a client.
 */
export const AUTH_SERVICE_CLIENT_ID = "admin-cli";
/** Variable of the Keycloak container holding the auth service's client secret (an ECS secret). */
export const AUTH_SERVICE_SECRET_VARIABLE = "ORTHANC_AWS_AUTH_SERVICE_CLIENT_SECRET";
export const REALM_ROLES = ["admin", "doctor", "uploader"] as const;
/** HIPAA's documentation retention, in days (45 CFR 164.316(b)(2)(i)): six years. */
export const EVENT_RETENTION_DAYS = 2192;

const SECONDS_PER_DAY = 86400;
/** What Keycloak's user-management console needs: the realm's users, groups and settings (realm-management client roles). */
const USER_ADMINISTRATION = ["manage-users", "view-users", "query-users", "query-groups", "view-realm"];
/** The auth service reads users (API keys, profiles) and the realm's roles. */
const AUTH_SERVICE_ROLES = ["view-users", "query-users", "view-realm"];

/** At least 12 characters of four kinds, not the user's name or e-mail, none of the last 12 (Keycloak policy syntax). */
export const PASSWORD_POLICY = "length(12) and maxLength(128) and upperCase(1) and lowerCase(1) and digits(1) and specialChars(1)"
    + " and notUsername(undefined) and notEmail(undefined) and passwordHistory(12)";

export interface RealmInputs {
    /** DNS name users reach Orthanc at (no scheme). */
    hostName: string;
}

function execution(authenticator: string, requirement: string, priority: number): object {
    return { authenticator, authenticatorFlow: false, requirement, priority, userSetupAllowed: false };
}

function subFlow(flowAlias: string, requirement: string, priority: number, authenticator?: string): object {
    return { ...(authenticator ? { authenticator } : {}), authenticatorFlow: true, requirement, priority, flowAlias, userSetupAllowed: false };
}

/** Username, password and an OTP code, every time (a session cookie skips the form once signed in). */
function authenticationFlows(): object[] {
    return [
        {
            alias: "orthanc browser", description: "Cookie, or username + password + OTP", providerId: "basic-flow", topLevel: true, builtIn: false,
            authenticationExecutions: [execution("auth-cookie", "ALTERNATIVE", 10), subFlow("orthanc browser forms", "ALTERNATIVE", 20)],
        },
        {
            alias: "orthanc browser forms", description: "Username and password, then OTP (set up at first sign-in)", providerId: "basic-flow", topLevel: false, builtIn: false,
            authenticationExecutions: [execution("auth-username-password-form", "REQUIRED", 10), execution("auth-otp-form", "REQUIRED", 20)],
        },
        {
            alias: "orthanc direct grant", description: "Password grants also need the OTP (no client enables them)", providerId: "basic-flow", topLevel: true, builtIn: false,
            authenticationExecutions: [
                execution("direct-grant-validate-username", "REQUIRED", 10), execution("direct-grant-validate-password", "REQUIRED", 20),
                execution("direct-grant-validate-otp", "REQUIRED", 30),
            ],
        },
        {
            alias: "orthanc registration", description: "Self-registration is off; the flow exists because Keycloak binds one", providerId: "basic-flow", topLevel: true, builtIn: false,
            authenticationExecutions: [subFlow("orthanc registration form", "REQUIRED", 10, "registration-page-form")],
        },
        {
            alias: "orthanc registration form", description: "Registration form", providerId: "form-flow", topLevel: false, builtIn: false,
            authenticationExecutions: [
                execution("registration-user-creation", "REQUIRED", 20), execution("registration-password-action", "REQUIRED", 50),
                execution("registration-recaptcha-action", "DISABLED", 60),
            ],
        },
    ];
}

/** Keycloak 26's required actions (as its own export lists them), with OTP setup and a new password required of every new user. */
function requiredActions(): object[] {
    const actions: Array<[string, string, boolean, boolean, number]> = [
        ["CONFIGURE_TOTP", "Configure OTP", true, true, 10],
        ["TERMS_AND_CONDITIONS", "Terms and Conditions", false, false, 20],
        ["UPDATE_PASSWORD", "Update Password", true, true, 30],
        ["UPDATE_PROFILE", "Update Profile", true, false, 40],
        ["VERIFY_EMAIL", "Verify Email", true, false, 50],
        ["delete_account", "Delete Account", false, false, 60],
        ["webauthn-register", "Webauthn Register", true, false, 70],
        ["webauthn-register-passwordless", "Webauthn Register Passwordless", true, false, 80],
        ["delete_credential", "Delete Credential", true, false, 100],
        ["update_user_locale", "Update User Locale", true, false, 1000],
    ];
    return actions.map(([alias, name, enabled, defaultAction, priority]) => ({ alias, name, providerId: alias, enabled, defaultAction, priority, config: {} }));
}

function clients(origin: string): object[] {
    return [
        {
            clientId: ORTHANC_CLIENT_ID, name: "Orthanc Explorer 2 and viewers", protocol: "openid-connect", enabled: true,
            publicClient: true, standardFlowEnabled: true, implicitFlowEnabled: false, directAccessGrantsEnabled: false, serviceAccountsEnabled: false,
            rootUrl: origin, baseUrl: "/ui/app/", redirectUris: [`${origin}/ui/app/*`], webOrigins: [origin], frontchannelLogout: true, fullScopeAllowed: true,
            attributes: { "pkce.code.challenge.method": "S256", "post.logout.redirect.uris": `${origin}/ui/app/*` },
        },
        {
            clientId: AUTH_SERVICE_CLIENT_ID, name: "orthanc-auth-service (API keys, roles editor)", protocol: "openid-connect", enabled: true,
            publicClient: false, clientAuthenticatorType: "client-secret", secret: `\${${AUTH_SERVICE_SECRET_VARIABLE}}`,
            standardFlowEnabled: false, implicitFlowEnabled: false, directAccessGrantsEnabled: false, serviceAccountsEnabled: true,
            redirectUris: [], webOrigins: [], attributes: {},
        },
    ];
}

export function keycloakRealm(inputs: RealmInputs): Record<string, unknown> {
    if (!/^[a-z0-9.-]+$/.test(inputs.hostName)) throw new Error(`The realm's host name ${JSON.stringify(inputs.hostName)} is not a lower-case DNS name.`);
    const origin = `https://${inputs.hostName}`;
    const eventSeconds = EVENT_RETENTION_DAYS * SECONDS_PER_DAY;
    return {
        realm: REALM_NAME, displayName: "Orthanc", enabled: true,
        // Plain HTTP only from private addresses (the auth service inside the VPC); the ALB forwards HTTPS as such.
        sslRequired: "external",
        loginTheme: "orthanc",
        registrationAllowed: false, resetPasswordAllowed: false, rememberMe: false, verifyEmail: false, editUsernameAllowed: false,
        loginWithEmailAllowed: false, duplicateEmailsAllowed: false,
        // Sessions end after 30 minutes idle (HIPAA automatic logoff, 164.312(a)(2)(iii)) and 10 hours at most.
        accessTokenLifespan: 300, ssoSessionIdleTimeout: 1800, ssoSessionMaxLifespan: 36000,
        passwordPolicy: PASSWORD_POLICY,
        otpPolicyType: "totp", otpPolicyAlgorithm: "HmacSHA1", otpPolicyDigits: 6, otpPolicyPeriod: 30, otpPolicyLookAheadWindow: 1,
        otpPolicyCodeReusable: false,
        // 5 failures lock for 1 minute, doubling up to 15 minutes; failures are forgotten after 12 hours.
        bruteForceProtected: true, permanentLockout: false, maxTemporaryLockouts: 0, bruteForceStrategy: "MULTIPLE", failureFactor: 5,
        waitIncrementSeconds: 60, maxFailureWaitSeconds: 900, maxDeltaTimeSeconds: 43200, minimumQuickLoginWaitSeconds: 60,
        quickLoginCheckMilliSeconds: 1000,
        // Login events (the types Keycloak saves by default) and admin events with their details, kept six years in
        // Keycloak's database; jboss-logging also writes them to the container log.
        eventsEnabled: true, eventsExpiration: eventSeconds, eventsListeners: ["jboss-logging"],
        adminEventsEnabled: true, adminEventsDetailsEnabled: true,
        // Admin events' expiration is a realm attribute, not a representation field (admin console: Realm settings → Events).
        attributes: { adminEventsExpiration: String(eventSeconds) },
        roles: {
            realm: [
                { name: "admin", description: "Everything in Orthanc; manages the realm's users", composite: true, composites: { client: { "realm-management": USER_ADMINISTRATION } } },
                { name: "doctor", description: "Search, view and download studies", composite: false },
                { name: "uploader", description: "Upload studies", composite: false },
            ],
        },
        clients: clients(origin),
        users: [{
            username: `service-account-${AUTH_SERVICE_CLIENT_ID}`, enabled: true, serviceAccountClientId: AUTH_SERVICE_CLIENT_ID,
            clientRoles: { "realm-management": AUTH_SERVICE_ROLES },
        }],
        requiredActions: requiredActions(),
        authenticationFlows: authenticationFlows(),
        authenticatorConfig: [],
        browserFlow: "orthanc browser", directGrantFlow: "orthanc direct grant", registrationFlow: "orthanc registration",
    };
}
