import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { compliantResources } from "./baseline";
import { planOf, urnOf } from "./planBuilder";

const PROJECT_DIR = path.resolve(__dirname, "..", "..");

function policyCheck(...args: string[]) {
    return spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "tools/policy-check.ts", ...args],
        { cwd: PROJECT_DIR, encoding: "utf8", env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" } });
}

describe("npm run policy:check", function () {
    this.timeout(60_000); // each case starts ts-node and loads @pulumi/pulumi
    let dir: string;
    before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-check-")); });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("--plan --json prints one document and exits 1 on a mandatory violation", () => {
        const specs = compliantResources();
        const db = specs.find(s => s.name === "db")!;
        db.inputs = { ...db.inputs, publiclyAccessible: true };
        const file = path.join(dir, "broken.json");
        fs.writeFileSync(file, JSON.stringify(planOf(specs)));
        const run = policyCheck("--stack", "dev", "--plan", file, "--json");
        assert.strictEqual(run.status, 1, run.stderr);
        assert.deepStrictEqual(JSON.parse(run.stdout), {
            stack: "dev",
            policyConfiguration: "policy-pack/config/dev.json",
            violations: [{
                policy: "orthanc-rds-not-public", enforcementLevel: "mandatory",
                urn: urnOf("aws:rds/instance:Instance", "db"), message: "'db' is publicly accessible.",
            }],
        });
    });

    it("exits 0 and says so for a compliant plan, taking the stack from the plan, naming an explicit --config", () => {
        const file = path.join(dir, "ok.json");
        fs.writeFileSync(file, JSON.stringify(planOf(compliantResources())));
        const run = policyCheck("--plan", file, "--config", "policy-pack/config/prod.json");
        assert.strictEqual(run.status, 0, run.stderr);
        assert.match(run.stdout, /^Policy configuration: policy-pack\/config\/prod\.json \(--config\)\nPolicy check of stack "dev" \(\d+ resources\):\n {2}no violations\n$/);
    });

    it("refuses a plan of another stack than --stack", () => {
        const file = path.join(dir, "dev-plan.json");
        fs.writeFileSync(file, JSON.stringify(planOf(compliantResources())));
        const run = policyCheck("--stack", "prod", "--plan", file);
        assert.deepStrictEqual([run.status, run.stdout, run.stderr], [2, "", `${file} is a plan of stack "dev", not "prod"; drop --stack or write the plan of "prod"\n`]);
    });

    it("rejects a missing --stack and an invalid pack config with a clear message", () => {
        const noStack = policyCheck("--json");
        assert.deepStrictEqual([noStack.status, noStack.stderr], [2,
            "--stack or --plan is required, e.g. npm run policy:check -- --stack dev (usage: npm run policy:check -- --stack <name> | --plan FILE [--config FILE] [--json])\n"]);
        const unknown = policyCheck("--stack", "dev", "--verbose");
        assert.deepStrictEqual([unknown.status, unknown.stderr], [2,
            "unknown option --verbose (usage: npm run policy:check -- --stack <name> | --plan FILE [--config FILE] [--json])\n"]);
        const noSuchStack = policyCheck("--stack", "nosuchstack");
        assert.strictEqual(noSuchStack.status, 2);
        assert.match(noSuchStack.stderr, /^No stack file Pulumi\.nosuchstack\.yaml; stacks here: .*dev.*prod\n$/);
        const plan = path.join(dir, "plan.json");
        fs.writeFileSync(plan, JSON.stringify(planOf([])));
        const config = path.join(dir, "bad-config.json");
        fs.writeFileSync(config, JSON.stringify({ all: "strict" }));
        const badConfig = policyCheck("--stack", "dev", "--plan", plan, "--config", config);
        assert.strictEqual(badConfig.status, 2);
        assert.strictEqual(badConfig.stderr,
            'Invalid policy pack config: \'all\': enforcement level must be one of advisory, mandatory, remediate, disabled, got "strict".\n');
        const notAPlan = policyCheck("--stack", "dev", "--plan", config);
        assert.strictEqual(notAPlan.status, 2);
        assert.match(notAPlan.stderr, /bad-config\.json is not a plan document \(no "resources" array and "stack"\)/);
    });
});
