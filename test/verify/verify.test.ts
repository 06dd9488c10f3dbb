/**
 * `npm run verify` against local servers: Debian's Orthanc and PostgreSQL on the stack's generated configuration,
 * behind stunnel as the load balancer's TLS listeners, with the stack outputs and the credentials supplied here.
 */
import * as assert from "assert";
import { execFile } from "child_process";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { promisify } from "util";
import { ADMIN_USERNAME } from "../../components/compute/adminCredentials";
import { CheckResult, exitStatus, renderResults, runVerification, VerifyDependencies } from "../../tools/verify/checks";
import { verifyTarget, VerifyTarget } from "../../tools/verify/stackOutputs";
import { parseVerifyArgs } from "../../tools/verify";
import { TestInstance } from "../../tools/verify/testInstance";
import { stackConfigFixture } from "../orthanc/fixtures";
import { LocalOrthanc, startLocalOrthanc } from "../support/localOrthanc";
import { LocalPostgres, startLocalPostgres } from "../support/localPostgres";
import { drawAdminPassword } from "../support/passwords";
import { localhostCertificate, startTlsTerminator, TlsTerminator } from "../support/tlsTerminator";

const outcomes = (results: CheckResult[]): Array<[string, string]> => results.map((result) => [result.name, result.outcome]);

describe("npm run verify against a local Orthanc behind a TLS terminator", function () {
    this.timeout(120_000);
    const config = stackConfigFixture();
    const adminPassword = drawAdminPassword();
    let workDir: string;
    let database: LocalPostgres | undefined;
    let orthanc: LocalOrthanc | undefined;
    let terminator: TlsTerminator | undefined;
    let outputs: Record<string, unknown>;

    before(async () => {
        workDir = mkdtempSync(join(tmpdir(), "orthanc-verify-"));
        database = await startLocalPostgres(workDir, { username: "orthanc", password: `Db-${drawAdminPassword()}`, database: "orthanc" });
        orthanc = await startLocalOrthanc({
            config, database, adminPassword, workDir, name: "node", storageDirectory: join(workDir, "storage"), databaseMaxConnections: 100,
        });
        terminator = await startTlsTerminator(workDir, [orthanc.httpPort, orthanc.dicomPort]);
        const httpsPort = terminator.ports.get(orthanc.httpPort);
        outputs = {
            httpsUrl: `https://localhost:${httpsPort}`,
            dicomWebRoot: `https://localhost:${httpsPort}/dicom-web`,
            dicomHost: "localhost",
            dicomPort: terminator.ports.get(orthanc.dicomPort),
            dicomAeTitle: config.endpoint.aeTitle,
            adminSecretName: "orthanc-test/orthanc-admin-x",
            region: "eu-central-1",
            certificatePem: terminator.certificatePem,
            metadataPipeline: { enabled: true, tableName: "orthanc-test-headers" },
        };
    });

    after(async () => {
        await terminator?.stop();
        await orthanc?.stop();
        await database?.stop();
        rmSync(workDir, { recursive: true, force: true });
    });

    /** The pipeline's table as the test sees it: indexed after `indexedAfterPolls` lookups (never when undefined). */
    function dependencies(overrides: Partial<VerifyDependencies> & { indexedAfterPolls?: number } = {}): VerifyDependencies & { lookups: TestInstance[] } {
        const lookups: TestInstance[] = [];
        return {
            credentials: async () => ({ username: ADMIN_USERNAME, password: adminPassword }),
            pipelineIndexed: async (tableName, instance) => {
                assert.strictEqual(tableName, "orthanc-test-headers");
                lookups.push(instance);
                return overrides.indexedAfterPolls !== undefined && lookups.length >= overrides.indexedAfterPolls;
            },
            now: () => new Date(),
            pipelineDeadlineMs: 2000,
            pipelinePollMs: 50,
            lookups,
            ...overrides,
        };
    }

    function target(changes: Record<string, unknown> = {}): VerifyTarget {
        return verifyTarget({ ...outputs, ...changes });
    }

    it("passes every check on a working deployment, prints one line per check and nothing secret, and leaves no test data", async () => {
        const deps = dependencies({ indexedAfterPolls: 3 });
        const results = await runVerification(target(), deps);
        const text = renderResults(results);
        console.log(text.split("\n").map((line) => `      ${line}`).join("\n"));
        assert.deepStrictEqual(results.filter((result) => result.outcome !== "pass"), []);
        assert.strictEqual(exitStatus(results), 0);
        assert.deepStrictEqual(results.map((result) => result.name.split(" ")[0]),
            ["tls", "tls", "tls", "dicom", "rest", "rest", "stow-rs", "qido-rs", "wado-rs", "pipeline", "test"]);
        assert.strictEqual(text.split("\n").length, results.length);
        assert.ok(!text.includes(adminPassword), "the password must never be printed");
        assert.strictEqual(deps.lookups.length, 3);
        assert.deepStrictEqual(deps.lookups.map((instance) => instance.patientId).filter((id) => !/^VERIFY-[0-9A-F]{8}$/.test(id)), []);
        const authorization = `Basic ${Buffer.from(`${ADMIN_USERNAME}:${adminPassword}`).toString("base64")}`;
        const left = await (await fetch(`${orthanc!.baseUrl}/instances`, { headers: { authorization } })).json();
        assert.deepStrictEqual(left, [], "the test instance is deleted");
    });

    it("fails the pipeline check when no item appears within the deadline, and still deletes the test instance", async () => {
        const results = await runVerification(target(), dependencies({ pipelineDeadlineMs: 300 }));
        const pipeline = results.find((result) => result.name === "pipeline indexes it");
        assert.deepStrictEqual([pipeline?.outcome, pipeline?.detail], ["fail", "no item in orthanc-test-headers within 0.3 s"]);
        assert.strictEqual(results.at(-1)?.outcome, "pass");
        assert.strictEqual(exitStatus(results), 1);
    });

    it("skips the pipeline check when the stack has no pipeline", async () => {
        const results = await runVerification(target({ metadataPipeline: { enabled: false } }), dependencies());
        assert.deepStrictEqual(results.find((result) => result.name === "pipeline indexes it")?.outcome, "skip");
        assert.strictEqual(exitStatus(results), 0);
    });

    it("fails TLS, C-ECHO and REST when the presented certificate is not the stack's", async () => {
        const stranger = await localhostCertificate(workDir, "stranger");
        const results = await runVerification(target({ certificatePem: stranger.pem }), dependencies());
        assert.deepStrictEqual(outcomes(results).filter(([, outcome]) => outcome === "pass"), []);
        assert.match(results[0].detail, /self-signed certificate|unable to verify/);
        assert.strictEqual(exitStatus(results), 1);
    });

    it("fails the TLS checks of a terminator that still accepts TLS 1.1", async () => {
        const legacy = await startTlsTerminator(workDir, [orthanc!.httpPort, orthanc!.dicomPort], { legacyTls: true });
        try {
            const results = await runVerification(target({
                httpsUrl: `https://localhost:${legacy.ports.get(orthanc!.httpPort)}`, dicomWebRoot: `https://localhost:${legacy.ports.get(orthanc!.httpPort)}/dicom-web`,
                dicomPort: legacy.ports.get(orthanc!.dicomPort), certificatePem: legacy.certificatePem,
            }), dependencies({ indexedAfterPolls: 1 }));
            assert.deepStrictEqual(results.slice(0, 2).map((result) => [result.outcome, result.detail]), [
                ["fail", "accepts TLSv1.1; only TLS 1.2 and 1.3 should be offered"], ["fail", "accepts TLSv1.1; only TLS 1.2 and 1.3 should be offered"],
            ]);
            assert.strictEqual(results.find((result) => result.name === "test instance deleted")?.outcome, "pass", "the other checks still run");
            assert.strictEqual(exitStatus(results), 1);
        } finally {
            await legacy.stop();
        }
    });

    it("fails C-ECHO to another AE title and REST with wrong credentials, storing nothing", async () => {
        const results = await runVerification(target({ dicomAeTitle: "NOT_PACS" }), dependencies({
            credentials: async () => ({ username: ADMIN_USERNAME, password: `${adminPassword}x` }),
        }));
        const byName = new Map(results.map((result) => [result.name.replace(/@.*$/, ""), result]));
        assert.strictEqual(byName.get("dicom c-echo NOT_PACS")?.outcome, "fail");
        assert.strictEqual(byName.get("rest refused without credentials")?.outcome, "pass");
        assert.deepStrictEqual([byName.get("rest accepted with credentials")?.outcome, byName.get("rest accepted with credentials")?.detail],
            ["fail", "GET /system with the administrator's credentials answered 401, expected 200"]);
        assert.deepStrictEqual(["stow-rs test instance", "qido-rs finds it", "test instance deleted"].map((name) => byName.get(name)?.outcome),
            ["skip", "skip", "skip"]);
    });

    it("the command exits 2 with one line on a usage error and 1 naming a missing output", async () => {
        const command = (args: string[]) => promisify(execFile)("npx", ["ts-node", "--transpile-only", "tools/verify.ts", ...args])
            .then(() => ({ code: 0, stderr: "" }), (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }));
        const usage = await command(["--stak", "dev"]);
        assert.deepStrictEqual([usage.code, usage.stderr.trim().split("\n").length], [2, 1]);
        assert.match(usage.stderr, /^unknown argument --stak; usage: npm run verify/);
        const outputsFile = join(workDir, "outputs.json");
        writeFileSync(outputsFile, JSON.stringify({ ...outputs, region: undefined }));
        const missing = await command(["--stack", "dev", "--outputs", outputsFile]);
        assert.deepStrictEqual([missing.code, missing.stderr.trim()],
            [1, "stack output region is missing or not a string; run `pulumi up` with this version of the program first"]);
    });
});

describe("npm run verify's arguments", () => {
    it("signs in with the secret named by --secret, by default the break-glass admin's", () => {
        assert.deepStrictEqual(parseVerifyArgs(["--stack", "prod", "--secret", "orthanc-prod/orthanc-user-it.boss-AbC"]),
            { stack: "prod", outputsFile: undefined, pipelineDeadlineSeconds: 120, secretName: "orthanc-prod/orthanc-user-it.boss-AbC" });
        assert.strictEqual(parseVerifyArgs(["--stack=dev"]).secretName, undefined);
        assert.throws(() => parseVerifyArgs(["--stack", "dev", "--secret"]), /--secret needs a value/);
    });
});
