import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { EnforcementLevel } from "@pulumi/policy";
import { PACK_ENFORCEMENT_LEVEL, PACK_NAME, allPolicies } from "../../policy-pack/policies";
import { defaultPackConfig } from "../../tools/policy/defaultPackConfig";
import { policyConfig, resolveEnforcementLevel } from "../../tools/policy/packConfig";

/** The HIPAA Security Rule section each policy is evidence for. */
const EXPECTED_SECTIONS: Record<string, string> = {
    "orthanc-s3-bucket-encrypted-with-cmk": "§164.312(a)(2)(iv)",
    "orthanc-rds-encrypted-with-cmk": "§164.312(a)(2)(iv)",
    "orthanc-efs-encrypted-with-cmk": "§164.312(a)(2)(iv)",
    "orthanc-dynamodb-encrypted-with-cmk": "§164.312(a)(2)(iv)",
    "orthanc-sqs-encrypted-with-cmk": "§164.312(a)(2)(iv)",
    "orthanc-sns-encrypted-with-cmk": "§164.312(a)(2)(iv)",
    "orthanc-log-group-encrypted-with-cmk": "§164.312(a)(2)(iv)",
    "orthanc-secret-encrypted-with-cmk": "§164.312(a)(2)(iv)",
    "orthanc-ecr-encrypted-with-cmk": "§164.312(a)(2)(iv)",
    "orthanc-backup-vault-encrypted-with-cmk": "§164.312(a)(2)(iv)",
    "orthanc-launch-template-ebs-encrypted-with-cmk": "§164.312(a)(2)(iv)",
    "orthanc-ebs-volume-encrypted-with-cmk": "§164.312(a)(2)(iv)",
    "orthanc-kms-key-rotation": "§164.312(a)(2)(iv)",
    "orthanc-lb-listener-tls": "§164.312(e)(1)",
    "orthanc-s3-bucket-denies-insecure-transport": "§164.312(e)(1)",
    "orthanc-rds-forces-ssl": "§164.312(e)(1)",
    "orthanc-efs-requires-tls": "§164.312(e)(1)",
    "orthanc-s3-public-access-blocked": "§164.312(a)(1)",
    "orthanc-rds-not-public": "§164.312(a)(1)",
    "orthanc-ecs-service-no-public-ip": "§164.312(a)(1)",
    "orthanc-no-internet-ingress": "§164.312(a)(1)",
    "orthanc-no-ssh-ingress": "§164.312(a)(1)",
    "orthanc-iam-no-wildcard-permissions": "§164.312(a)(1)",
    "orthanc-iam-no-broad-managed-policies": "§164.312(a)(1)",
    "orthanc-no-plaintext-secrets-in-environment": "§164.312(a)(1)",
    "orthanc-ecs-containers-not-privileged": "§164.312(a)(1)",
    "orthanc-imdsv2-required": "§164.312(a)(1)",
    "orthanc-vpc-flow-logs": "§164.312(b)",
    "orthanc-lb-access-logs": "§164.312(b)",
    "orthanc-log-retention": "§164.312(b)",
    "orthanc-s3-versioning-on-phi-buckets": "§164.312(c)(1)",
    "orthanc-ecr-scan-on-push": "§164.312(c)(1)",
    "orthanc-ecr-immutable-tags": "§164.312(c)(1)",
    "orthanc-rds-backup-retention": "§164.308(a)(7)",
    "orthanc-dynamodb-pitr": "§164.308(a)(7)",
    "orthanc-deletion-protection": "§164.308(a)(7)",
    "orthanc-phi-stores-protected": "§164.308(a)(7)",
    "orthanc-data-classification-tag": "§164.312(a)(1)",
};

const STRICTNESS: EnforcementLevel[] = ["disabled", "advisory", "remediate", "mandatory"];

describe("policy pack metadata", () => {
    it("names the pack and blocks by default", () => {
        assert.strictEqual(PACK_NAME, "orthanc-hipaa");
        assert.strictEqual(PACK_ENFORCEMENT_LEVEL, "mandatory");
    });

    it("has exactly the expected policies, uniquely named", () => {
        assert.deepStrictEqual(allPolicies.map(p => p.name).sort(), Object.keys(EXPECTED_SECTIONS).sort());
    });

    for (const policy of allPolicies) {
        it(`${policy.name}: cites its HIPAA section, is mandatory, says how to fix`, () => {
            const section = EXPECTED_SECTIONS[policy.name];
            assert.ok(policy.description.startsWith(`${section} `), policy.description);
            assert.match(policy.description, /\.$/);
            assert.strictEqual(policy.framework?.reference, section);
            assert.strictEqual(policy.framework?.name, "HIPAA Security Rule");
            assert.strictEqual(policy.enforcementLevel, "mandatory");
            assert.ok(policy.severity);
            assert.ok((policy.remediationSteps ?? "").length > 10);
            for (const property of Object.values(policy.configSchema?.properties ?? {})) {
                assert.ok("default" in property, `${policy.name}: every setting has a default`);
            }
        });
    }

    it("ships PulumiPolicy.yaml (nodejs) and a versioned package.json with pinned policy dependencies", () => {
        const dir = path.resolve(__dirname, "..", "..", "policy-pack");
        assert.match(fs.readFileSync(path.join(dir, "PulumiPolicy.yaml"), "utf8"), /^runtime: nodejs$/m);
        const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
        assert.strictEqual(pkg.name, PACK_NAME);
        assert.match(pkg.version, /^\d+\.\d+\.\d+$/);
        // The same exact pins as the program's: the offline check runs the pack on the program's SDK when the pack's
        // own dependencies are not installed.
        const program = JSON.parse(fs.readFileSync(path.resolve(dir, "..", "package.json"), "utf8"));
        assert.deepStrictEqual(pkg.dependencies, {
            "@pulumi/policy": program.devDependencies["@pulumi/policy"], "@pulumi/pulumi": program.dependencies["@pulumi/pulumi"],
        });
        for (const version of Object.values(pkg.dependencies)) {
            assert.match(String(version), /^\d+\.\d+\.\d+$/);
        }
    });

    it("prod's pack config is at least as strict as dev's, policy by policy", () => {
        const dev = defaultPackConfig("dev");
        const prod = defaultPackConfig("prod");
        for (const policy of allPolicies) {
            const devLevel = resolveEnforcementLevel(policy, dev, PACK_ENFORCEMENT_LEVEL);
            const prodLevel = resolveEnforcementLevel(policy, prod, PACK_ENFORCEMENT_LEVEL);
            assert.ok(STRICTNESS.indexOf(prodLevel) >= STRICTNESS.indexOf(devLevel), `${policy.name}: ${prodLevel} < ${devLevel}`);
            const devConfig = policyConfig(policy, dev);
            const prodConfig = policyConfig(policy, prod);
            for (const key of Object.keys(devConfig).filter(k => k.startsWith("minimum"))) {
                assert.ok((prodConfig[key] as number) >= (devConfig[key] as number), `${policy.name}.${key}`);
            }
        }
        assert.strictEqual(resolveEnforcementLevel(allPolicies.find(p => p.name === "orthanc-deletion-protection")!, prod, "mandatory"), "mandatory");
        assert.strictEqual(resolveEnforcementLevel(allPolicies.find(p => p.name === "orthanc-deletion-protection")!, dev, "mandatory"), "advisory");
    });

    it("documents every policy in docs/policy.md", () => {
        const docs = fs.readFileSync(path.resolve(__dirname, "..", "..", "docs", "policy.md"), "utf8");
        assert.deepStrictEqual(allPolicies.map(p => p.name).filter(name => !docs.includes(`| \`${name}\` |`)), []);
    });

    it("borrows no pack config for a stack without its own: the user chooses one", () => {
        assert.throws(() => defaultPackConfig("staging"), {
            name: "UsageError",
            message: "No policy configuration for stack \"staging\" (policy-pack/config/staging.json); choose one with --config FILE, e.g. --config policy-pack/config/prod.json, or commit policy-pack/config/staging.json",
        });
    });
});
