/** The `identity` settings: mode and the Keycloak task's size, every problem named with its setting and what is allowed. */
import * as assert from "assert";
import { parseStackConfig, readStackConfig, StackConfigError } from "../../config/parse";

function raw(identity?: unknown): Record<string, string> {
    return {
        "aws:region": "us-east-1",
        "orthanc-aws:endpoint": JSON.stringify({ allowedCidrs: ["203.0.113.0/24"] }),
        ...(identity === undefined ? {} : { "orthanc-aws:identity": JSON.stringify(identity) }),
    };
}

function problems(identity: unknown): string[] {
    try {
        parseStackConfig(raw(identity), "test");
        return [];
    } catch (error) {
        assert.ok(error instanceof StackConfigError);
        return error.problems;
    }
}

/** Basic mode needs an administrator of its own. */
const ADMIN_ONLY = [{ name: "it.admin", role: "admin" }];

describe("identity settings", () => {
    it("defaults new stacks to Keycloak on 1 vCPU and 2 GiB", () => {
        assert.deepStrictEqual(parseStackConfig(raw(), "test").identity, { mode: "keycloak", users: [], breakGlass: false, keycloak: { cpu: 1024, memory: 2048 } });
    });

    it("reads basic mode and another Fargate size", () => {
        assert.deepStrictEqual(parseStackConfig(raw({ mode: "basic", users: ADMIN_ONLY, keycloak: { cpu: 2048, memory: 4096 } }), "test").identity,
            { mode: "basic", users: ADMIN_ONLY, breakGlass: false, keycloak: { cpu: 2048, memory: 4096 } });
    });

    it("reports every problem at once, naming the setting and the allowed values", () => {
        assert.deepStrictEqual(problems({ mode: "ldap", keycloak: { cpu: 1024, memory: 1024, replicas: 2 }, realm: "x" }), [
            "identity.realm: unknown setting; known settings here are identity.mode, identity.users, identity.breakGlass, identity.keycloak",
            "identity.mode: \"ldap\" is not allowed; use one of keycloak, basic",
            "identity.keycloak.replicas: unknown setting; known settings here are identity.keycloak.cpu, identity.keycloak.memory",
            "identity.keycloak.memory: 1024 is not allowed; use a whole number from 2048 to 122880",
        ]);
        assert.deepStrictEqual(problems({ keycloak: { cpu: 1000 } }), ["identity.keycloak.cpu: 1000 is not allowed; Fargate accepts 256, 512, 1024, 2048, 4096, 8192, 16384"]);
        assert.deepStrictEqual(problems({ keycloak: { cpu: 512, memory: 8192 } }), ["identity.keycloak.memory: 8192 is not allowed; with identity.keycloak.cpu 512 Fargate accepts 2048, 3072, 4096"]);
    });

    it("warns that the Keycloak size does nothing in basic mode", () => {
        assert.deepStrictEqual(readStackConfig(raw({ mode: "basic", users: ADMIN_ONLY, keycloak: { cpu: 2048, memory: 4096 } }), "test").warnings
            .filter((warning) => warning.setting.startsWith("identity")),
        [{ setting: "identity.keycloak", message: "has no effect: identity.mode is basic, so no Keycloak runs" }]);
        assert.deepStrictEqual(readStackConfig(raw({ keycloak: { cpu: 2048, memory: 4096 } }), "test").warnings.filter((warning) => warning.setting.startsWith("identity")), []);
    });
});
