import * as assert from "assert";
import { copyFileSync, mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import {
    AUDIT_FIND_FILTER_FILE, AUDIT_SCHEMA, AUDIT_SCRIPT_FILE, AUDIT_SCRIPT_SOURCE, auditContainerFiles, auditFindFilterScript, auditLuaScripts,
    auditQueryName, auditQueryString, auditSettings, orthancLogRetentionDays,
} from "../../components/compute/orthancAudit";
import { buildOrthancConfiguration } from "../../components/compute/orthancConfiguration";
import { fileVariable } from "../../components/compute/containerFiles";
import { imageEnabledPlugins } from "../../components/compute/imagePlugins";
import { orthancContainerConfiguration, renderImageConfiguration } from "../../components/compute/orthancContainer";
import { stackConfigFixture } from "../orthanc/fixtures";
import { run } from "../support/processes";

const INFRA = {
    databaseHost: "db", databasePort: 5432, databaseName: "orthanc", databaseMaxConnections: 100, storageDirectory: "/var/lib/orthanc/db",
    httpPort: 8042, dicomPort: 4242, publicHostName: "pacs.example.org", filesDirectory: "/tmp/orthanc-aws",
};

describe("the audit's scripts and settings", () => {
    it("loads the Python plugin with the script and adds the C-FIND filter after the REST filter", () => {
        assert.deepStrictEqual(auditSettings("/tmp/orthanc-aws"), { PythonScript: "/tmp/orthanc-aws/audit.py", PythonVerbose: false });
        assert.deepStrictEqual(auditLuaScripts("/tmp/orthanc-aws"), ["/tmp/orthanc-aws/audit-find.lua"]);
        const document = buildOrthancConfiguration(stackConfigFixture(), INFRA);
        assert.deepStrictEqual(document.LuaScripts, ["/tmp/orthanc-aws/rest-filter.lua", "/tmp/orthanc-aws/audit-find.lua"]);
        assert.strictEqual(document.PythonScript, "/tmp/orthanc-aws/audit.py");
    });

    it("travels as container files, and the image enables its Python plugin by the PythonScript setting", () => {
        const document = buildOrthancConfiguration(stackConfigFixture(), INFRA);
        const fixture = stackConfigFixture();
        const container = orthancContainerConfiguration(document, { databaseSecretArn: "arn:db", accounts: [] },
            { viewers: fixture.viewers, dicomNetwork: fixture.dicomNetwork, identity: fixture.identity });
        assert.deepStrictEqual(container.files.map((file) => file.fileName), ["rest-filter.lua", "audit.py", "audit-find.lua"]);
        const variables = new Map(container.environment.map((variable) => [variable.name, variable.value]));
        assert.strictEqual(variables.get(fileVariable(AUDIT_SCRIPT_FILE)), auditContainerFiles()[0].content);
        assert.strictEqual(variables.get(fileVariable(AUDIT_FIND_FILTER_FILE)), auditFindFilterScript());
        const rendered = renderImageConfiguration(container.environment);
        assert.ok(imageEnabledPlugins(rendered, container.environment).includes("Python"));
    });

    it("keeps the Orthanc log group the longer of the two retentions, and names the saved query in the stack's folder", () => {
        assert.deepStrictEqual([orthancLogRetentionDays(30, 2192), orthancLogRetentionDays(3653, 2192)], [2192, 3653]);
        assert.strictEqual(auditQueryName("orthanc-prod"), "orthanc-prod/orthanc-audit-who-accessed-what");
        assert.strictEqual(auditQueryString(), [
            "fields @timestamp, user, clientAddress, callingAet, action, resource, query.0, outcome, authentication",
            `| filter audit = "${AUDIT_SCHEMA}"`,
            "| sort @timestamp desc",
            "| limit 10000",
        ].join("\n"));
    });

    it("writes the C-FIND line with key names only and returns the query unchanged", () => {
        const lua = auditFindFilterScript();
        assert.ok(lua.includes("function IncomingFindRequestFilter(query, origin)"));
        assert.ok(lua.includes(`audit = "${AUDIT_SCHEMA}"`));
        assert.ok(lua.trimEnd().endsWith("return query\nend"));
        // Only the REST filter defines the HTTP callback: both files share one Lua context.
        assert.ok(!lua.includes("IncomingHttpRequestFilter"));
    });

    // The machine's python3: Debian 13's root holds only the libpython3.13 that orthanc-python embeds, no interpreter.
    // The script keeps to the standard library of Python 3.6 and later (3.13 in Debian 13, 3.14 in the image).
    it("has its route, parameter, user and line logic pass its Python tests", async function () {
        this.timeout(120_000);
        const work = mkdtempSync(join(tmpdir(), "orthanc-audit-unit-"));
        try {
            copyFileSync(AUDIT_SCRIPT_SOURCE, join(work, "audit.py"));
            copyFileSync(join(__dirname, "orthancAuditScript_test.py"), join(work, "orthancAuditScript_test.py"));
            const { stderr } = await run("python3", ["-m", "unittest", "-v", "orthancAuditScript_test"], { cwd: work });
            const ran = /Ran (\d+) tests?/.exec(stderr);
            assert.ok(ran !== null && Number(ran[1]) >= 16 && /\nOK\b/.test(stderr), stderr);
        } finally {
            rmSync(work, { recursive: true, force: true });
        }
    });
});
