/** The generated `orthanc` realm, exactly, and checked against Keycloak's RealmRepresentation shapes. */
import * as assert from "assert";
import { keycloakRealm, PASSWORD_POLICY } from "../../components/identity/keycloakRealm";
import { REALM_FIELDS, realmProblems } from "../../components/identity/realmRepresentation";

const realm = keycloakRealm({ hostName: "pacs.example.org" });
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const field = (name: string): any => realm[name];

describe("Keycloak realm", () => {
    it("has only fields and references Keycloak's import knows", () => {
        assert.deepStrictEqual(realmProblems(realm), []);
        assert.ok(Object.keys(realm).every((key) => (REALM_FIELDS as readonly string[]).includes(key)));
    });

    it("names the realm orthanc and defines the roles admin, doctor and uploader; admin manages the realm's users", () => {
        assert.strictEqual(realm.realm, "orthanc");
        assert.deepStrictEqual(field("roles"), {
            realm: [
                { name: "admin", description: "Everything in Orthanc; manages the realm's users", composite: true,
                    composites: { client: { "realm-management": ["manage-users", "view-users", "query-users", "query-groups", "view-realm"] } } },
                { name: "doctor", description: "Search, view and download studies", composite: false },
                { name: "uploader", description: "Upload studies", composite: false },
            ],
        });
    });

    it("requires TOTP of every user: a default required action and an OTP form that is REQUIRED in the browser and direct-grant flows", () => {
        const totp = field("requiredActions").find((action: { alias: string }) => action.alias === "CONFIGURE_TOTP");
        assert.deepStrictEqual(totp, { alias: "CONFIGURE_TOTP", name: "Configure OTP", providerId: "CONFIGURE_TOTP", enabled: true, defaultAction: true, priority: 10, config: {} });
        assert.deepStrictEqual(field("requiredActions").filter((action: { defaultAction: boolean }) => action.defaultAction).map((action: { alias: string }) => action.alias),
            ["CONFIGURE_TOTP", "UPDATE_PASSWORD"]);
        assert.strictEqual(realm.browserFlow, "orthanc browser");
        const flows = new Map(field("authenticationFlows").map((flow: { alias: string }) => [flow.alias, flow]));
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const steps = (alias: string) => (flows.get(alias) as any).authenticationExecutions.map((e: any) => [e.authenticator ?? `flow ${e.flowAlias}`, e.requirement]);
        assert.deepStrictEqual(steps("orthanc browser"), [["auth-cookie", "ALTERNATIVE"], ["flow orthanc browser forms", "ALTERNATIVE"]]);
        assert.deepStrictEqual(steps("orthanc browser forms"), [["auth-username-password-form", "REQUIRED"], ["auth-otp-form", "REQUIRED"]]);
        assert.deepStrictEqual(steps("orthanc direct grant"),
            [["direct-grant-validate-username", "REQUIRED"], ["direct-grant-validate-password", "REQUIRED"], ["direct-grant-validate-otp", "REQUIRED"]]);
        assert.deepStrictEqual({ type: realm.otpPolicyType, algorithm: realm.otpPolicyAlgorithm, digits: realm.otpPolicyDigits, period: realm.otpPolicyPeriod, reusable: realm.otpPolicyCodeReusable },
            { type: "totp", algorithm: "HmacSHA1", digits: 6, period: 30, reusable: false });
    });

    it("sets the password policy, brute-force protection, no self-service registration or reset, short sessions", () => {
        assert.strictEqual(PASSWORD_POLICY, "length(12) and maxLength(128) and upperCase(1) and lowerCase(1) and digits(1) and specialChars(1) and notUsername(undefined) and notEmail(undefined) and passwordHistory(12)");
        assert.strictEqual(realm.passwordPolicy, PASSWORD_POLICY);
        const keys = ["bruteForceProtected", "permanentLockout", "maxTemporaryLockouts", "bruteForceStrategy", "failureFactor", "waitIncrementSeconds",
            "maxFailureWaitSeconds", "maxDeltaTimeSeconds", "minimumQuickLoginWaitSeconds", "quickLoginCheckMilliSeconds", "registrationAllowed",
            "resetPasswordAllowed", "sslRequired", "ssoSessionIdleTimeout", "ssoSessionMaxLifespan", "accessTokenLifespan"];
        assert.deepStrictEqual(Object.fromEntries(keys.map((key) => [key, realm[key]])), {
            bruteForceProtected: true, permanentLockout: false, maxTemporaryLockouts: 0, bruteForceStrategy: "MULTIPLE", failureFactor: 5,
            waitIncrementSeconds: 60, maxFailureWaitSeconds: 900, maxDeltaTimeSeconds: 43200, minimumQuickLoginWaitSeconds: 60,
            quickLoginCheckMilliSeconds: 1000, registrationAllowed: false, resetPasswordAllowed: false, sslRequired: "external",
            ssoSessionIdleTimeout: 1800, ssoSessionMaxLifespan: 36000, accessTokenLifespan: 300,
        });
    });

    it("keeps login and admin events six years (2192 days)", () => {
        assert.deepStrictEqual([realm.eventsEnabled, realm.eventsExpiration, realm.eventsListeners, realm.adminEventsEnabled, realm.adminEventsDetailsEnabled, realm.attributes],
            [true, 189388800, ["jboss-logging"], true, true, { adminEventsExpiration: "189388800" }]);
    });

    it("has a public PKCE client on the stack's host and a confidential auth-service client whose service account reads users and roles", () => {
        assert.deepStrictEqual(field("clients"), [
            {
                clientId: "orthanc", name: "Orthanc Explorer 2 and viewers", protocol: "openid-connect", enabled: true,
                publicClient: true, standardFlowEnabled: true, implicitFlowEnabled: false, directAccessGrantsEnabled: false, serviceAccountsEnabled: false,
                rootUrl: "https://pacs.example.org", baseUrl: "/ui/app/", redirectUris: ["https://pacs.example.org/ui/app/*"],
                webOrigins: ["https://pacs.example.org"], frontchannelLogout: true, fullScopeAllowed: true,
                attributes: { "pkce.code.challenge.method": "S256", "post.logout.redirect.uris": "https://pacs.example.org/ui/app/*" },
            },
            {
                clientId: "admin-cli", name: "orthanc-auth-service (API keys, roles editor)", protocol: "openid-connect", enabled: true,
                publicClient: false, clientAuthenticatorType: "client-secret", secret: "${ORTHANC_AWS_AUTH_SERVICE_CLIENT_SECRET}",
                standardFlowEnabled: false, implicitFlowEnabled: false, directAccessGrantsEnabled: false, serviceAccountsEnabled: true,
                redirectUris: [], webOrigins: [], attributes: {},
            },
        ]);
        assert.deepStrictEqual(field("users"), [{
            username: "service-account-admin-cli", enabled: true, serviceAccountClientId: "admin-cli",
            clientRoles: { "realm-management": ["view-users", "query-users", "view-realm"] },
        }]);
    });

    it("holds no secret value, only the placeholder Keycloak fills from its environment", () => {
        assert.deepStrictEqual(JSON.stringify(realm).match(/\$\{[^}]*\}/g), ["${ORTHANC_AWS_AUTH_SERVICE_CLIENT_SECRET}"]);
    });

    it("reports every deviation from Keycloak's shapes", () => {
        const broken = JSON.parse(JSON.stringify(realm));
        broken.bruteForceProtection = true;
        broken.clients[0].pkce = "S256";
        broken.browserFlow = "browser with otp";
        broken.authenticationFlows[1].authenticationExecutions[1].requirement = "OPTIONAL";
        broken.users[0].realmRoles = ["viewer"];
        assert.deepStrictEqual(realmProblems(broken), [
            "realm.clients[0].pkce is not a field Keycloak knows",
            "realm.bruteForceProtection is not a field Keycloak knows",
            "realm.browserFlow names flow \"browser with otp\", which the realm does not define",
            "flow \"orthanc browser forms\": requirement \"OPTIONAL\" is not one of REQUIRED, CONDITIONAL, ALTERNATIVE, DISABLED",
            "user \"service-account-admin-cli\": realm role \"viewer\" is not defined",
        ]);
    });

    it("refuses a host name that is not a DNS name", () => {
        assert.throws(() => keycloakRealm({ hostName: "https://pacs" }), /^Error: The realm's host name "https:\/\/pacs" is not a lower-case DNS name\.$/);
    });
});
