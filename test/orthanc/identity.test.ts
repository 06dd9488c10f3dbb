import * as assert from "assert";
import { execFileSync, spawnSync } from "child_process";
import { fileVariable, startupScript } from "../../components/compute/containerFiles";
import {
    accountLogins, authorizationSettings, explorerIdentitySettings, filterRoles, identityRootSettings, orthancAccounts, orthancContainerMemoryMb,
    startupUsers, usesAuthService,
} from "../../components/compute/orthancIdentity";
import { containerSecretArns } from "../../components/compute/orthancContainer";
import { authServiceSecretString } from "../../components/compute/authServiceSecret";
import { userSecretString } from "../../components/compute/userSecrets";
import { AUTH_SERVICE_PERMISSIONS_FILE, authServiceContainerDefinition } from "../../components/compute/authServiceSidecar";
import { renderImageConfiguration } from "../../components/compute/orthancContainer";
import { authServiceEnvironment, authServicePermissions, authServicePermissionsProblems } from "../../components/identity";
import { IdentityConfig } from "../../config/types";
import { buildOrthancConfiguration } from "../../components/compute/orthancConfiguration";
import { orthancContainerConfiguration } from "../../components/compute/orthancContainer";
import { authorizationPluginProblems, imageEnabledPlugins } from "../../components/compute/imagePlugins";
import { stackConfigFixture } from "./fixtures";

const KEYCLOAK: IdentityConfig = { mode: "keycloak", users: [], breakGlass: false, keycloak: { cpu: 1024, memory: 2048 } };
const BASIC: IdentityConfig = { mode: "basic", users: [{ name: "dr.grey", role: "doctor" }, { name: "it.boss", role: "admin" }], breakGlass: false, keycloak: { cpu: 1024, memory: 2048 } };

/** Runs the generated script with POSIX sh (dash here, as in the image's /bin/sh) and returns what it launched with. */
function launchedEnvironment(script: string, env: Record<string, string>): Record<string, string> {
    const output = execFileSync("/bin/sh", ["-c", script], { env: { PATH: process.env.PATH, ...env } }).toString();
    return Object.fromEntries(output.split("\0").filter((line) => line.includes("=")).map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]));
}

describe("identity: who Orthanc lets in", () => {
    it("runs the auth service only in keycloak mode without break-glass", () => {
        assert.deepStrictEqual([usesAuthService(KEYCLOAK), usesAuthService(BASIC), usesAuthService({ ...KEYCLOAK, breakGlass: true, keycloak: { cpu: 1024, memory: 2048 } })], [true, false, false]);
    });

    it("registers the people of basic mode, and the break-glass admin only when asked", () => {
        assert.deepStrictEqual(accountLogins(BASIC), [{ name: "dr.grey", role: "doctor" }, { name: "it.boss", role: "admin" }]);
        assert.deepStrictEqual(accountLogins(KEYCLOAK), []);
        assert.deepStrictEqual(accountLogins({ ...KEYCLOAK, breakGlass: true, keycloak: { cpu: 1024, memory: 2048 } }), [{ name: "admin", role: "admin" }]);
        assert.deepStrictEqual(orthancAccounts({ ...BASIC, breakGlass: true, keycloak: { cpu: 1024, memory: 2048 } }, { "dr.grey": "arn:g", "it.boss": "arn:b" }, "arn:admin"), [
            { name: "dr.grey", role: "doctor", secretArn: "arn:g" }, { name: "it.boss", role: "admin", secretArn: "arn:b" }, { name: "admin", role: "admin", secretArn: "arn:admin" },
        ]);
        assert.throws(() => orthancAccounts(BASIC, { "dr.grey": "arn:g" }, "arn:admin"), { message: "identity.users: it.boss has no password secret." });
        assert.deepStrictEqual(startupUsers(orthancAccounts(BASIC, { "dr.grey": "arn:g", "it.boss": "arn:b" }, "arn:admin")),
            [{ name: "dr.grey", variable: "ORTHANC_AWS_PASSWORD_0" }, { name: "it.boss", variable: "ORTHANC_AWS_PASSWORD_1" }]);
        assert.deepStrictEqual(filterRoles(BASIC), { "dr.grey": "doctor", "it.boss": "admin" });
        assert.strictEqual(filterRoles(KEYCLOAK), undefined);
    });

    it("hands authentication to the authorization plugin in keycloak mode, with its audit logs, and keeps Orthanc's own otherwise", () => {
        assert.deepStrictEqual(identityRootSettings(KEYCLOAK, ["stone"]), {
            AuthenticationEnabled: false,
            Authorization: {
                WebServiceRootUrl: "http://127.0.0.1:8000/", StandardConfigurations: ["orthanc-explorer-2", "stone-webviewer"],
                TokenHttpHeaders: ["api-key"], CheckedLevel: "studies", EnableAuditLogs: true,
            },
        });
        assert.deepStrictEqual(authorizationSettings([]).StandardConfigurations, ["orthanc-explorer-2"]);
        assert.deepStrictEqual(identityRootSettings(BASIC, ["stone"]), { AuthenticationEnabled: true });
    });

    it("signs Orthanc Explorer 2 in with Keycloak at the public URL and shows the audit logs", () => {
        assert.deepStrictEqual(explorerIdentitySettings(KEYCLOAK, "https://pacs.example.org/keycloak"), {
            Keycloak: { Enable: true, Url: "https://pacs.example.org/keycloak/", Realm: "orthanc", ClientId: "orthanc" },
            UiOptions: { EnableAuditLogs: true },
        });
        assert.deepStrictEqual(explorerIdentitySettings(BASIC, undefined), { Keycloak: { Enable: false }, UiOptions: { EnableAuditLogs: false } });
        assert.throws(() => explorerIdentitySettings(KEYCLOAK, "http://pacs.example.org/keycloak"),
            { message: "identity.mode keycloak needs Keycloak's public https URL for Orthanc Explorer 2; got \"http://pacs.example.org/keycloak\"." });
    });

    it("takes the sidecar's memory from Orthanc's share of the task", () => {
        assert.deepStrictEqual([orthancContainerMemoryMb(2048, KEYCLOAK), orthancContainerMemoryMb(2048, BASIC)], [1856, 2048]);
    });

    it("derives the secrets a task reads from its containers' references", () => {
        const db = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-1-AbCdEf";
        const user = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:pacs/orthanc-user-a-Xy12Zw";
        assert.deepStrictEqual(containerSecretArns([
            { secrets: [{ name: "A", valueFrom: `${db}:username::` }, { name: "B", valueFrom: `${db}:password::` }] },
            { secrets: [{ name: "C", valueFrom: `${user}:password::` }] }, {},
        ]), [db, user]);
        assert.throws(() => containerSecretArns([{ secrets: [{ name: "P", valueFrom: "arn:aws:ssm:eu-west-1:123456789012:parameter/x" }] }]),
            { message: "P: arn:aws:ssm:eu-west-1:123456789012:parameter/x is not <Secrets Manager secret ARN>:<JSON key>::." });
    });
});

describe("the start-up script's RegisteredUsers (run with sh)", () => {
    const users = [{ name: "dr.grey", variable: "ORTHANC_AWS_PASSWORD_0" }, { name: "it.boss", variable: "ORTHANC_AWS_PASSWORD_1" }];

    it("assembles RegisteredUsers from each person's password and removes the password variables", () => {
        const launched = launchedEnvironment(startupScript([], "/tmp/orthanc-aws-test", ["/usr/bin/env", "-0"], users),
            { ORTHANC_AWS_PASSWORD_0: "Ab1-x.Y~2_z", ORTHANC_AWS_PASSWORD_1: "Zz9-Qq8", KEEP: "1" });
        assert.strictEqual(launched.ORTHANC__REGISTERED_USERS, "{\"dr.grey\":\"Ab1-x.Y~2_z\",\"it.boss\":\"Zz9-Qq8\"}");
        assert.deepStrictEqual([launched.ORTHANC_AWS_PASSWORD_0, launched.ORTHANC_AWS_PASSWORD_1, launched.KEEP], [undefined, undefined, "1"]);
        assert.deepStrictEqual(renderImageConfiguration([{ name: "ORTHANC__REGISTERED_USERS", value: launched.ORTHANC__REGISTERED_USERS }]),
            { RegisteredUsers: { "dr.grey": "Ab1-x.Y~2_z", "it.boss": "Zz9-Qq8" } });
    });

    it("stops before launching on a password that would not survive JSON, or a missing one", () => {
        for (const password of ["a\"b", "a b", "", "x$y", "back\\slash"]) {
            const run = spawnSync("/bin/sh", ["-c", startupScript([], "/tmp/orthanc-aws-test", ["/bin/echo", "launched"], users)],
                { env: { PATH: process.env.PATH, ORTHANC_AWS_PASSWORD_0: password, ORTHANC_AWS_PASSWORD_1: "Ok1" } });
            assert.strictEqual(run.status, 1, JSON.stringify(password));
            assert.strictEqual(run.stdout.toString(), "");
            assert.strictEqual(run.stderr.toString(), "The password of dr.grey (ORTHANC_AWS_PASSWORD_0) is empty or has characters outside A-Za-z0-9._~-\n");
        }
        const missing = spawnSync("/bin/sh", ["-c", startupScript([], "/tmp/orthanc-aws-test", ["/bin/echo", "launched"], users)],
            { env: { PATH: process.env.PATH, ORTHANC_AWS_PASSWORD_0: "Ok1" } });
        assert.notStrictEqual(missing.status, 0);
        assert.strictEqual(missing.stdout.toString(), "");
    });

    it("refuses login names and variables it could not write safely, and duplicates", () => {
        assert.throws(() => startupScript([], "/d", ["x"], [{ name: "Bad\"Name", variable: "ORTHANC_AWS_PASSWORD_0" }]),
            { message: "Orthanc user name \"Bad\\\"Name\" must match ^[a-z][a-z0-9._-]{1,31}$." });
        assert.throws(() => startupScript([], "/d", ["x"], [{ name: "ok", variable: "ORTHANC__REGISTERED_USERS" }]),
            { message: "Password variable \"ORTHANC__REGISTERED_USERS\" must match ^ORTHANC_AWS_PASSWORD_[0-9]+$." });
        assert.throws(() => startupScript([], "/d", ["x"], [users[0], { ...users[1], name: "dr.grey" }]), { message: "Orthanc user names must be unique: dr.grey, dr.grey." });
    });
});

describe("the secrets' documents", () => {
    it("keeps each person's username, password and role, refusing a password the image would misread", () => {
        assert.deepStrictEqual(JSON.parse(userSecretString({ name: "dr.grey", role: "doctor" }, "Ab1-Cd2")), { username: "dr.grey", password: "Ab1-Cd2", role: "doctor" });
        assert.throws(() => userSecretString({ name: "dr.grey", role: "doctor" }, "123456"),
            { message: "The Orthanc password of dr.grey is unusable: it parses as JSON, so the image would not read it as a string." });
    });

    it("gives the auth service its key, the plugin's login and its USERS map holding that login", () => {
        const key = "K".repeat(40) + "1".repeat(24);
        assert.deepStrictEqual(JSON.parse(authServiceSecretString(key, "Pw1-Xy")), {
            secretKey: key, webServiceUsername: "orthanc-plugin", webServicePassword: "Pw1-Xy", users: "{\"orthanc-plugin\":\"Pw1-Xy\"}",
        });
        assert.throws(() => authServiceSecretString("short", "Pw1-Xy"), { message: "The auth service's secret key must be at least 32 letters and digits." });
    });
});

describe("orthanc-auth-service's settings", () => {
    it("maps the realm roles to the service's permission names: doctor search/view/download, uploader upload, admin all", () => {
        const file = authServicePermissions();
        assert.deepStrictEqual(file.roles.doctor, { "authorized-labels": ["*"], permissions: ["view", "download"] });
        assert.deepStrictEqual(file.roles.uploader, { "authorized-labels": ["*"], permissions: ["upload"] });
        assert.deepStrictEqual(file.roles.admin.permissions, [
            "all", "view", "download", "delete", "send", "modify", "anonymize", "upload", "q-r-remote-modalities", "settings",
            "api-view", "edit-labels", "admin-permissions", "audit-logs", "worklists", "share",
        ]);
        assert.deepStrictEqual(Object.keys(file.roles), ["admin", "doctor", "uploader"]);
        assert.deepStrictEqual(file["available-labels"], []);
        assert.deepStrictEqual(authServicePermissionsProblems(file), []);
    });

    it("validates against RolesConfigurationModel, more strictly than pydantic", () => {
        assert.deepStrictEqual(authServicePermissionsProblems([]), ["the file must be a JSON object"]);
        assert.deepStrictEqual(authServicePermissionsProblems({
            roles: { doctor: { permissions: ["view", "search"], labels: ["*"] }, nurse: "view", x: { "authorized-labels": "*" } },
            "available-labels": [1], extra: true,
        }), [
            "unknown key \"extra\" (known: roles, available-labels)",
            "available-labels must be a list of strings",
            "roles.doctor: unknown key \"labels\" (known: authorized-labels, permissions)",
            "roles.doctor.permissions: \"search\" not among all, view, download, delete, send, modify, anonymize, upload, q-r-remote-modalities, settings, api-view, edit-labels, admin-permissions, audit-logs, worklists, share",
            "roles.nurse must be an object",
            "roles.x.authorized-labels must be a list of strings",
        ]);
        assert.deepStrictEqual(authServicePermissionsProblems({}), ["roles must be an object of role name → {authorized-labels, permissions}"]);
    });

    it("points the service at Keycloak's realm and admin API inside the VPC, and at the public Orthanc for links", () => {
        assert.deepStrictEqual(authServiceEnvironment({ keycloakInternalUrl: "http://kc:8080/keycloak", publicOrthancRoot: "https://pacs.example.org", withAdminApi: false }), [
            { name: "ENABLE_KEYCLOAK", value: "true" },
            { name: "KEYCLOAK_URI", value: "http://kc:8080/keycloak/realms/orthanc/" },
            { name: "PERMISSIONS_FILE_PATH", value: "/tmp/orthanc-auth-service/permissions.json" },
            { name: "PUBLIC_ORTHANC_ROOT", value: "https://pacs.example.org/" },
            { name: "PUBLIC_LANDING_ROOT", value: "https://pacs.example.org/ui/app/token-landing.html" },
            { name: "PYTHONUNBUFFERED", value: "1" },
        ]);
    });

    it("writes the permissions file at start from its variable, byte for byte, then runs the service (run with sh)", () => {
        const definition = authServiceContainerDefinition({
            image: "img", endpoints: { keycloakInternalUrl: "http://kc", publicOrthancRoot: "https://h/" },
            sources: { secretArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:s-AbCdEf" }, logGroupName: "g", region: "eu-west-1",
        }) as { command: string[]; environment: { name: string; value: string }[] };
        const variable = definition.environment.find((entry) => entry.name === fileVariable(AUTH_SERVICE_PERMISSIONS_FILE))!;
        assert.deepStrictEqual(JSON.parse(variable.value), authServicePermissions());
        const directory = execFileSync("mktemp", ["-d"]).toString().trim();
        const script = definition.command[0].replaceAll("'/tmp/orthanc-auth-service", `'${directory}`)
            .replace(/exec 'uvicorn'.*$/, `exec cat '${directory}/permissions.json'`);
        assert.strictEqual(execFileSync("/bin/sh", ["-c", script], { env: { PATH: process.env.PATH, [variable.name]: variable.value } }).toString(), variable.value);
        execFileSync("rm", ["-rf", directory]);
    });
});

describe("the image and the authorization plugin on the generated keycloak-mode container (imagePlugins.ts)", () => {
    const DB = "arn:aws:secretsmanager:eu-central-1:111122223333:secret:rds!db-1-AbCdEf";
    const AUTH = "arn:aws:secretsmanager:eu-central-1:111122223333:secret:pacs-test/orthanc-auth-service-AbCdEf";
    function keycloakContainer(): { configuration: Record<string, unknown>; variables: { name: string; value: string }[] } {
        const config = { ...stackConfigFixture(), identity: KEYCLOAK };
        const document = buildOrthancConfiguration(config, {
            databaseHost: "db", databasePort: 5432, databaseName: "orthanc", databaseMaxConnections: 200, storageDirectory: "/var/lib/orthanc/db",
            httpPort: 8042, dicomPort: 4242, publicHostName: "pacs.example.org", filesDirectory: "/tmp/orthanc-aws", keycloakPublicUrl: "https://pacs.example.org/keycloak",
        });
        const container = orthancContainerConfiguration(document, { databaseSecretArn: DB, accounts: [], authServiceSecretArn: AUTH },
            { viewers: config.viewers, dicomNetwork: config.dicomNetwork, identity: KEYCLOAK });
        const values: Record<string, string> = { [`${DB}:username::`]: "orthanc", [`${DB}:password::`]: "Pw1-x", [`${AUTH}:webServiceUsername::`]: "orthanc-plugin", [`${AUTH}:webServicePassword::`]: "Pw2-y" };
        const variables = [...container.environment, ...container.secrets.map((secret) => ({ name: secret.name, value: values[secret.valueFrom] }))];
        return { configuration: renderImageConfiguration(variables), variables };
    }

    it("loads the authorization plugin beside the PostgreSQL index, with nothing it would refuse", () => {
        const { configuration, variables } = keycloakContainer();
        const plugins = imageEnabledPlugins(configuration, variables);
        assert.ok(plugins.includes("Authorization") && plugins.includes("PostgreSQL"), plugins.join(", "));
        assert.deepStrictEqual(authorizationPluginProblems(configuration, plugins), []);
        const authorization = configuration.Authorization as Record<string, unknown>;
        assert.deepStrictEqual([authorization.WebServiceUsername, authorization.WebServicePassword], ["orthanc-plugin", "Pw2-y"]);
        assert.strictEqual(configuration.RegisteredUsers, undefined);
    });

    it("does not load it in basic mode", () => {
        const config = stackConfigFixture();
        const document = buildOrthancConfiguration(config, {
            databaseHost: "db", databasePort: 5432, databaseName: "orthanc", databaseMaxConnections: 200, storageDirectory: "/var/lib/orthanc/db",
            httpPort: 8042, dicomPort: 4242, publicHostName: "pacs.example.org", filesDirectory: "/tmp/orthanc-aws",
        });
        assert.ok(!imageEnabledPlugins(document, []).includes("Authorization"));
    });

    it("names what the plugin would refuse or what would leave audit logs nowhere", () => {
        const { configuration } = keycloakContainer();
        const broken = {
            ...configuration, AuthenticationEnabled: true,
            Authorization: { ...(configuration.Authorization as object), TokenHttpHeaders: "api-key", StandardConfigurations: ["orthanc-explorer-2", "meddream"], WebServiceRootUrl: "auth:8000" },
        };
        assert.deepStrictEqual(authorizationPluginProblems(broken, ["Authorization"]), [
            "Authorization.TokenHttpHeaders must be a list of strings",
            "Authorization.StandardConfigurations: meddream not among osimis-web-viewer, stone-webviewer, orthanc-explorer-2, ohif, volview, stl",
            "AuthenticationEnabled must be false when the authorization plugin checks users (WebServiceRootUrl/WebServiceUserProfileUrl)",
            "Authorization.WebServiceRootUrl must be an http(s) URL",
            "Authorization.EnableAuditLogs needs the PostgreSQL index plugin, which stores the audit logs",
        ]);
    });
});
