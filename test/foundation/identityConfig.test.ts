import * as assert from "assert";
import { parseStackConfig, StackConfigError } from "../../config/parse";

function raw(identity: unknown, extra: Record<string, unknown> = {}): Record<string, string> {
    const map: Record<string, string> = { "aws:region": "us-east-1", "orthanc-aws:endpoint": JSON.stringify({ allowedCidrs: ["203.0.113.0/24"] }) };
    if (identity !== undefined) map["orthanc-aws:identity"] = JSON.stringify(identity);
    for (const [key, value] of Object.entries(extra)) map[`orthanc-aws:${key}`] = JSON.stringify(value);
    return map;
}

function problems(identity: unknown, extra: Record<string, unknown> = {}): string[] {
    try {
        parseStackConfig(raw(identity, extra), "test");
    } catch (error) {
        assert.ok(error instanceof StackConfigError, String(error));
        return error.problems;
    }
    return [];
}

describe("identity settings", () => {
    it("defaults to keycloak with nobody declared and the break-glass account off", () => {
        assert.deepStrictEqual(parseStackConfig(raw(undefined), "test").identity, { mode: "keycloak", users: [], breakGlass: false, keycloak: { cpu: 1024, memory: 2048 } });
    });

    it("reads basic mode's people with their roles", () => {
        const identity = { mode: "basic", users: [{ name: "dr.house", role: "doctor" }, { name: "it-admin", role: "admin" }, { name: "ct_tech", role: "uploader" }] };
        assert.deepStrictEqual(parseStackConfig(raw(identity), "test").identity, { ...identity, breakGlass: false, keycloak: { cpu: 1024, memory: 2048 } });
    });

    it("names the setting and the allowed values of every problem, all at once", () => {
        assert.deepStrictEqual(problems({ mode: "ldap" }), ['identity.mode: "ldap" is not allowed; use one of keycloak, basic']);
        assert.deepStrictEqual(problems({
            mode: "basic", breakGlass: "yes",
            users: [{ name: "Alice", role: "admin" }, { name: "bob", role: "radiologist" }, { name: "bob", role: "doctor" }, { role: "doctor" }, { name: "carol", role: "doctor", email: "c@x" }],
        }), [
            'identity.users[0].name: "Alice" is not allowed; use 2–32 lower-case letters, digits, \'.\', \'_\' or \'-\', starting with a letter',
            'identity.users[1].role: "radiologist" is not allowed; use one of admin, doctor, uploader',
            "identity.users[3].name: is required",
            "identity.users[4].email: unknown setting; known settings here are identity.users[4].name, identity.users[4].role",
            'identity.breakGlass: "yes" is not allowed; use true or false',
            'identity.users[2].name: "bob" appears more than once; every person needs a name of their own',
        ]);
        assert.deepStrictEqual(problems({ mode: "basic", users: [{ name: "bob", role: "doctor" }] }), [
            "identity.users: identity.mode: basic needs at least one person with role admin (roles: admin, doctor, uploader)",
        ]);
        assert.deepStrictEqual(problems({ mode: "basic" }), [
            "identity.users: identity.mode: basic needs at least one person with role admin (roles: admin, doctor, uploader)",
        ]);
    });

    it("keeps the break-glass login for the break-glass account", () => {
        assert.deepStrictEqual(problems({ mode: "basic", users: [{ name: "admin", role: "admin" }, { name: "root2", role: "admin" }] }), [
            'identity.users[0].name: "admin" is not allowed; "admin" is the break-glass account (identity.breakGlass); give the person a name of their own',
        ]);
    });

    it("refuses people in keycloak mode, where Keycloak holds them", () => {
        assert.deepStrictEqual(problems({ users: [{ name: "alice", role: "admin" }] }), [
            "identity.users: is only read with identity.mode: basic; with keycloak, people and their roles are managed in Keycloak (docs/identity.md)",
        ]);
    });

    it("runs keycloak mode without NAT when the sidecar's image is mirrored or cached in the stack's ECR, like Orthanc's", () => {
        assert.deepStrictEqual(problems(undefined, { network: { natGateways: "none" } }), []);
        assert.deepStrictEqual(problems(undefined, { network: { natGateways: "none" }, compute: { imageSource: "mirror" } }), []);
        assert.deepStrictEqual(problems(undefined, {
            network: { natGateways: "none" },
            compute: { imageSource: "pullThroughCache", pullThroughCacheCredentialArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:ecr-pullthroughcache/hub-AbCdEf" },
        }), []);
    });

    it("refuses keycloak mode without NAT with compute.imageSource registry: the sidecar's image then comes from Docker Hub", () => {
        // Orthanc's own image from the account's ECR, so that only the sidecar lacks a route.
        const compute = { imageSource: "registry", image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/imaging/orthanc:26.8.1" };
        assert.deepStrictEqual(problems(undefined, { network: { natGateways: "none" }, compute }), [
            'network.natGateways: "none" leaves tasks without a route to Docker Hub, where the auth-service sidecar (orthancteam/orthanc-auth-service:26.4.1) is pulled from with identity.mode keycloak and compute.imageSource "registry"; set compute.imageSource "mirror" or "pullThroughCache", use "single" / "perAz" or identity.mode basic',
        ]);
        assert.deepStrictEqual(problems({ mode: "basic", users: [{ name: "alice", role: "admin" }] }, { network: { natGateways: "none" }, compute }), []);
    });

    it("gives the sidecar its memory from the task: the smallest Fargate size still fits both on EFS", () => {
        assert.strictEqual(parseStackConfig(raw(undefined, { compute: { cpu: 512, memory: 1024 }, storage: { backend: "efs" } }), "test").compute.memory, 1024);
    });
});
