/** The Lambda bundle: builds, loads with no node_modules around it, exports `handler`, and answers a batch. */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildIndexerBundle, indexerBuildOptions, INDEXER_HANDLER, INDEXER_RUNTIME, runtimeNodeMajor } from "../../components/pipeline/indexerBundle";

describe("dicom-indexer Lambda bundle", function () {
    this.timeout(60_000);
    let dir: string;

    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "indexer-bundle-"));
    });

    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("is tested on its Lambda runtime's Node.js major", () => {
        assert.equal(INDEXER_RUNTIME, "nodejs22.x");
        assert.equal(Number(process.versions.node.split(".")[0]), runtimeNodeMajor(INDEXER_RUNTIME),
            `the tests run on Node.js ${process.versions.node}; the indexer runs on ${INDEXER_RUNTIME} (.ci/run installs Node.js 22)`);
        assert.throws(() => runtimeNodeMajor("python3.13"), { message: "python3.13 is not a Lambda Node.js runtime (nodejs<major>.x)." });
    });

    it("targets Node.js 22 with one minified CommonJS file", () => {
        const options = indexerBuildOptions("/out");
        assert.deepEqual([options.outfile, options.target, options.format, options.minify, options.bundle, options.platform],
            ["/out/index.js", "node22", "cjs", true, true, "node"]);
        assert.equal(INDEXER_HANDLER, "index.handler");
    });

    it("loads on its own and handles a batch through the exported handler", () => {
        const bundle = buildIndexerBundle(dir);
        assert.equal(bundle.file, path.join(dir, "index.js"));
        assert.ok(bundle.bytes > 100_000 && bundle.bytes < 5_000_000, `${bundle.bytes} bytes`);
        const batch = {
            Records: [
                { messageId: "test", body: JSON.stringify({ Service: "Amazon S3", Event: "s3:TestEvent" }) },
                { messageId: "poison", body: "not JSON" },
            ],
        };
        const script = `const { handler } = require(${JSON.stringify(bundle.file)});
            if (typeof handler !== "function") process.exit(3);
            handler(${JSON.stringify(batch)}).then((r) => process.stderr.write("RESULT" + JSON.stringify(r)));`;
        // Run from an empty directory with no NODE_PATH: any require the bundle did not inline would fail.
        const env = { PATH: process.env.PATH, TABLE_NAME: "t", BUCKET_NAME: "b", AWS_REGION: "us-east-1", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };
        const result = spawnSync(process.execPath, ["-e", script], { cwd: dir, env, encoding: "utf8" });
        assert.equal(result.status, 0, result.stderr);
        assert.deepEqual(JSON.parse(result.stderr.slice(result.stderr.indexOf("RESULT") + 6)), { batchItemFailures: [{ itemIdentifier: "poison" }] });
    });

    it("fails every invocation with a clear message when its environment is incomplete", () => {
        const bundle = buildIndexerBundle(dir);
        assert.equal(buildIndexerBundle(dir), bundle, "built once per directory and process");
        const script = `require(${JSON.stringify(bundle.file)}).handler({ Records: [] }).catch((e) => { process.stderr.write(e.message); process.exit(4); });`;
        const result = spawnSync(process.execPath, ["-e", script], { cwd: dir, env: { PATH: process.env.PATH }, encoding: "utf8" });
        assert.equal(result.status, 4);
        assert.match(result.stderr, /Invalid indexer environment: TABLE_NAME must be set; BUCKET_NAME must be set/);
    });
});
