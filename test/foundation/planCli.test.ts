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
            assert.deepStrictEqual(Object.keys(plan).sort(), ["cost", "outputs", "resources", "stack", "warnings"]);
            assert.deepStrictEqual(plan.warnings, []);
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

    it("prints key settings, warnings, the VPC's contents, a tree grouped by component, counts and the pack config used", function () {
        this.timeout(120_000);
        const { status, stdout } = runPlan(["--stack", "dev"]);
        assert.strictEqual(status, 0);
        const [, total, custom, components] = /^Offline plan of stack "dev": (\d+) resources \((\d+) AWS and provider resources, (\d+) components\)/.exec(stdout) ?? [];
        assert.strictEqual(Number(total), Number(custom) + Number(components));
        // dev: 2 zones, one NAT: 1 VPC + 6 subnets + 1 NAT + 1 EIP + 1 IGW + 6 route tables + 6 associations + 4 routes,
        // now plain resources in the tree (the counts the key settings computed from network.*).
        for (const [type, count] of [["aws:ec2/subnet:Subnet", 6], ["aws:ec2/natGateway:NatGateway", 1], ["aws:ec2/eip:Eip", 1],
            ["aws:ec2/routeTable:RouteTable", 6], ["aws:ec2/routeTableAssociation:RouteTableAssociation", 6], ["aws:ec2/route:Route", 4]] as const) {
            assert.match(stdout, new RegExp(`\\n\\s*${count}  ${type.replace(/[/]/g, "\\/")}\\n`), type);
        }
        assert.ok(stdout.includes([
            "Key settings (check these before pulumi up):",
            "  region              us-east-1",
            "  availability zones  2 (the region's first 2)",
            "  NAT                 single: 1 NAT gateway (one AZ's NAT is a single point of failure)",
            "  task                fargate, 1024 CPU units (1 vCPU), 2048 MiB; 1 running, 1–2 with autoscaling",
            "  container hosts     none: Fargate runs the tasks on AWS-managed hosts",
            "  database            db.t4g.medium, single-AZ, PostgreSQL 17, 20–50 GiB",
            "  storage             EFS; to Infrequent Access AFTER_30_DAYS, back to Standard AFTER_1_ACCESS",
            "  certificate         self-signed (clients must trust it explicitly; set endpoint.domainName and hostedZoneId for a trusted one)",
            "  allowed networks    203.0.113.0/24",
            "  image               orthancteam/orthanc:26.8.1 (mirrored into the account's ECR)",
            "",
            "Warnings: none",
            "",
            "The VPC will hold (computed from network.*):",
            "  subnets           2 public (/21), 2 private (/19), 2 isolated (/21)",
            "  NAT gateways      1",
            "  Elastic IPs       1",
            "  internet gateway  1",
            "  route tables      6, with 6 associations and 4 default routes",
        ].join("\n")), stdout.slice(0, 2000));
        assert.match(stdout, /\n {2}"vpcId": "vpc-[0-9a-f]{17} ‹placeholder›",?\n/);
        assert.match(stdout, /\n {2}"backupVaultName": "orthanc-dev-backup-vault",\n/);
        assert.match(stdout, /\nPolicy configuration: policy-pack\/config\/dev\.json \(the stack's own\)\nPolicy check of stack "dev"/);
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

    it("answers usage errors with exit 2 and one line: no --stack, an unknown stack or option, a YAML syntax error", () => {
        const usage = "(usage: npm run plan -- --stack <name> [--config FILE] [--json])";
        assert.deepStrictEqual(runPlan([]), { status: 2, stdout: "", stderr: `--stack is required, e.g. npm run plan -- --stack dev ${usage}\n` });
        assert.deepStrictEqual(runPlan(["--stack", "dev", "--jsn"]), { status: 2, stdout: "", stderr: `unknown option --jsn ${usage}\n` });
        const missing = runPlan(["--stack", "nosuchstack"]);
        assert.strictEqual(missing.status, 2);
        assert.match(missing.stderr, /^No stack file Pulumi\.nosuchstack\.yaml; stacks here: .*dev.*prod\n$/);
        const file = path.join(PROJECT_DIR, "Pulumi.plan-cli-yaml.yaml");
        fs.writeFileSync(file, "config:\n  aws:region: us-east-1\n  orthanc-aws:compute:\n    cpu: 1024\n   memory: 2048\n");
        try {
            assert.deepStrictEqual(runPlan(["--stack", "plan-cli-yaml"]), { status: 2, stdout: "", stderr: "Pulumi.plan-cli-yaml.yaml:5:4: bad indentation of a mapping entry\n" });
        } finally {
            fs.unlinkSync(file);
        }
    });

    it("refuses to borrow another stack's pack config: a stack without its own needs --config", function () {
        this.timeout(240_000);
        const file = path.join(PROJECT_DIR, "Pulumi.plan-cli-staging.yaml");
        // A declared modality keeps the stack warning-free, so stderr holds only the usage error.
        fs.writeFileSync(file, "config:\n  aws:region: us-east-1\n  orthanc-aws:endpoint:\n    allowedCidrs: [\"203.0.113.0/24\"]\n"
            + "  orthanc-aws:dicomNetwork:\n    modalities: [{name: ct, aeTitle: CT1, host: 203.0.113.10, port: 104, allow: [store]}]\n");
        try {
            const without = runPlan(["--stack", "plan-cli-staging"]);
            assert.strictEqual(without.status, 2);
            assert.strictEqual(without.stderr, "No policy configuration for stack \"plan-cli-staging\" (policy-pack/config/plan-cli-staging.json); choose one with --config FILE, "
                + "e.g. --config policy-pack/config/prod.json, or commit policy-pack/config/plan-cli-staging.json\n");
            const chosen = runPlan(["--stack", "plan-cli-staging", "--config", "policy-pack/config/prod.json"]);
            assert.strictEqual(chosen.status, 0, chosen.stderr);
            assert.match(chosen.stdout, /\nPolicy configuration: policy-pack\/config\/prod\.json \(--config\)\n/);
        } finally {
            fs.unlinkSync(file);
        }
    });
});
