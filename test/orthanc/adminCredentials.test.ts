import * as assert from "assert";
import {
    ADMIN_PASSWORD_ARGS, ADMIN_PASSWORD_SPECIAL_CHARACTERS, adminPasswordProblem, adminSecretString, parsesAsJson,
} from "../../components/compute/adminCredentials";
import { orthancContainerConfiguration, renderImageConfiguration } from "../../components/compute/orthancContainer";
import { drawAdminPassword } from "../support/passwords";

describe("orthanc/adminCredentials", () => {
    it("requires every character class and only JSON-inert special characters", () => {
        assert.deepStrictEqual(
            [ADMIN_PASSWORD_ARGS.length, ADMIN_PASSWORD_ARGS.minUpper, ADMIN_PASSWORD_ARGS.minLower, ADMIN_PASSWORD_ARGS.minNumeric,
                ADMIN_PASSWORD_ARGS.overrideSpecial],
            [32, 2, 2, 2, "-_.~"]);
        for (const forbidden of ["$", "\"", "\\", "{", "[", " ", ":"]) {
            assert.ok(!ADMIN_PASSWORD_SPECIAL_CHARACTERS.includes(forbidden), forbidden);
        }
    });

    it("draws passwords that never parse as JSON and survive the image's merge as strings", () => {
        for (let i = 0; i < 2000; i++) {
            const password = drawAdminPassword();
            assert.strictEqual(adminPasswordProblem(password), undefined, password);
            const secret = JSON.parse(adminSecretString("admin", password)) as Record<string, string>;
            const rendered = renderImageConfiguration([{ name: "ORTHANC__REGISTERED_USERS", value: secret.registeredUsers }]);
            assert.deepStrictEqual(rendered, { RegisteredUsers: { admin: password } });
        }
    });

    it("recognises values the image would read as JSON, Python's NaN/Infinity included", () => {
        for (const value of ["123456", "1e5", "-0.5E+3", "true", "null", "NaN", "-Infinity", "\"quoted\"", "{}", " 42 "]) {
            assert.strictEqual(parsesAsJson(value), true, value);
        }
        for (const value of ["Ab1-xy9Z", "1e5E", "truE"]) {
            assert.strictEqual(parsesAsJson(value), false, value);
        }
    });

    it("rejects unfit passwords with the reason", () => {
        assert.strictEqual(adminPasswordProblem("1234567890"), "it parses as JSON, so the image would not read it as a string");
        assert.strictEqual(adminPasswordProblem("abc$def"), "it may only contain letters, digits and -_.~");
        assert.strictEqual(adminPasswordProblem("abcdefgh"), "it lacks an upper-case letter, a digit");
        assert.throws(() => adminSecretString("admin", "2e10"),
            { message: "The Orthanc admin password is unusable: it parses as JSON, so the image would not read it as a string." });
    });

    it("writes username, password and the RegisteredUsers object as a string in the secret", () => {
        assert.deepStrictEqual(JSON.parse(adminSecretString("admin", "Ab1-Cd2-ef")), {
            username: "admin", password: "Ab1-Cd2-ef", registeredUsers: "{\"admin\":\"Ab1-Cd2-ef\"}",
        });
    });

    it("shows why: a numeric password reaches Orthanc as a number through the image", () => {
        const container = orthancContainerConfiguration({ PostgreSQL: { Host: "db" } }, { databaseSecretArn: "arn:db", accounts: [] },
            { viewers: [], dicomNetwork: { modalities: [], peers: [], dicomWebServers: [] }, identity: { mode: "basic", users: [], breakGlass: false, keycloak: { cpu: 1024, memory: 2048 } } });
        const rendered = renderImageConfiguration([
            ...container.environment,
            { name: "ORTHANC__POSTGRESQL__PASSWORD", value: "123456" },
        ]);
        assert.deepStrictEqual(rendered, { PostgreSQL: { Host: "db", Password: 123456 } });
    });
});
