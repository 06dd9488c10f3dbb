import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_DIR } from "../../tools/offline/evaluate";
import { Plan } from "../../tools/offline/planTypes";

function runPlan(args: string[]): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync(process.execPath, [require.resolve("ts-node/dist/bin.js"), "--transpile-only", "tools/plan.ts", ...args],
        { cwd: PROJECT_DIR, encoding: "utf8", timeout: 120_000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run plan", () => {
    it("--json prints exactly one plan document for each committed stack", function () {
        this.timeout(240_000);
        for (const stack of ["dev", "prod"]) {
            const { status, stdout, stderr } = runPlan(["--stack", stack, "--json"]);
            assert.strictEqual(status, 0, stderr);
            const plan = JSON.parse(stdout) as Plan;
            assert.deepStrictEqual(Object.keys(plan).sort(), ["outputs", "resources", "stack"]);
            assert.strictEqual(plan.stack, stack);
            const urns = new Set(plan.resources.map((resource) => resource.urn));
            for (const resource of plan.resources) {
                assert.deepStrictEqual(Object.keys(resource).filter((key) => ["urn", "type", "name", "parent", "inputs"].includes(key)).sort(), ["inputs", "name", "parent", "type", "urn"]);
                assert.ok(resource.parent === null || urns.has(resource.parent), `${resource.urn} has an unknown parent`);
            }
            assert.strictEqual(plan.resources.filter((resource) => resource.parent === null).length, 1, "only the stack has no parent");
            assert.ok(plan.resources.some((resource) => resource.type === "pulumi:providers:aws"));
            assert.ok(plan.resources.some((resource) => resource.type === "orthanc-aws:network:Network"));
        }
    });

    it("prints a tree grouped by component, with counts", function () {
        this.timeout(120_000);
        const { status, stdout } = runPlan(["--stack", "dev"]);
        assert.strictEqual(status, 0);
        assert.match(stdout, /^Offline plan of stack "dev": \d+ resources \(\d+ AWS and provider resources, \d+ components\)/);
        assert.match(stdout, /\n {2}orthanc-aws:network:Network {2}orthanc-dev-network {2}\[\d+ resources\]\n/);
        assert.match(stdout, /\nResources by type:\n/);
        // data, logs, pipeline and the alarm topic's key
        assert.match(stdout, /\n\s*4 {2}aws:kms\/key:Key\n/);
    });

    it("stops on a bad config with every problem and no resources", function () {
        this.timeout(120_000);
        const file = path.join(PROJECT_DIR, "Pulumi.plan-cli-test.yaml");
        fs.writeFileSync(file, [
            "config:",
            "  aws:region: us-east-1",
            "  orthanc-aws:compute:",
            "    cpu: 300",
            "  orthanc-aws:endpoint:",
            "    allowedCidrs: [\"0.0.0.0/0\"]",
        ].join("\n"));
        try {
            const { status, stdout, stderr } = runPlan(["--stack", "plan-cli-test", "--json"]);
            assert.strictEqual(status, 2);
            assert.strictEqual(stdout, "");
            assert.match(stderr, /^Invalid stack configuration \(2 problems\):\n {2}- compute\.cpu: 300 is not allowed; Fargate accepts/);
            assert.match(stderr, /endpoint\.allowedCidrs: "0\.0\.0\.0\/0" is not allowed; it opens Orthanc to the whole internet/);
            assert.doesNotMatch(stderr, /at parseStackConfig/, "a config error needs no stack trace");
        } finally {
            fs.unlinkSync(file);
        }
    });

    it("names the stacks there are when the stack file is missing", () => {
        const { status, stderr } = runPlan(["--stack", "nosuchstack"]);
        assert.strictEqual(status, 1);
        assert.match(stderr, /No stack file Pulumi\.nosuchstack\.yaml; stacks here: .*dev.*prod/);
    });

    it("rejects unknown options", () => {
        const { status, stderr } = runPlan(["--stack", "dev", "--jsn"]);
        assert.strictEqual(status, 1);
        assert.match(stderr, /unknown option --jsn/);
    });
});
