/**
 * Debian 13's Orthanc and PostgreSQL 17 (the trixie root, see test/support/sandbox.ts), configured by the stack's own
 * generator (see test/support/localOrthanc.ts): DIMSE and DICOMweb for real, authentication enforced, two nodes
 * sharing one database and one storage directory.
 *
 * Version differences, on purpose: Debian 13 ships Orthanc 1.12.7 / DICOMweb 1.20 / PostgreSQL plugin 5.0 where the
 * image has 1.13 / 1.24 / 10.3; PostgreSQL is 17 as on RDS. The generated document is used unchanged; Debian's
 * Orthanc ignores the section of the Orthanc Explorer 2 plugin it does not have, and the plugin list is Debian's own
 * (the image loads its own set).
 */
import * as assert from "assert";
import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { ADMIN_USERNAME } from "../../components/compute/adminCredentials";
import { stackConfigFixture } from "../orthanc/fixtures";
import { basicAuth, echo, firstValue, getDicomJson, stow, store } from "../support/dicomweb";
import { DicomStudy, writeStudy } from "../support/dicom";
import { LocalOrthanc, localPluginFiles, startLocalOrthanc } from "../support/localOrthanc";
import { LocalPostgres, startLocalPostgres } from "../support/localPostgres";
import { drawAdminPassword } from "../support/passwords";

const STUDY_INSTANCE_UID = "0020000D";
const SOP_INSTANCE_UID = "00080018";
const RETRIEVE_URL = "00081190";
const REFERENCED_SOP_SEQUENCE = "00081199";

describe("Orthanc on the generated configuration (integration)", function () {
    this.timeout(120_000);
    const config = stackConfigFixture();
    let workDir: string;
    const adminPassword = drawAdminPassword();
    const authorization = basicAuth(ADMIN_USERNAME, adminPassword);
    let database: LocalPostgres | undefined;
    const nodes: LocalOrthanc[] = [];
    let dimseStudy: DicomStudy;
    let stowStudy: DicomStudy;

    before(async () => {
        workDir = mkdtempSync(join(tmpdir(), "orthanc-it-"));
        database = await startLocalPostgres(workDir, { username: "orthanc", password: `Db-${drawAdminPassword()}`, database: "orthanc" });
        const nodeOptions = {
            config, database, adminPassword, workDir, storageDirectory: join(workDir, "storage"), databaseMaxConnections: 100,
        };
        // One after the other: the first node creates the schema.
        nodes.push(await startLocalOrthanc({ ...nodeOptions, name: "node-a" }));
        nodes.push(await startLocalOrthanc({ ...nodeOptions, name: "node-b" }));
        dimseStudy = await writeStudy(workDir, "IT-DIMSE", 3);
        stowStudy = await writeStudy(workDir, "IT-STOW", 2);
    });

    after(async () => {
        await Promise.all(nodes.map((node) => node.stop()));
        await database?.stop();
        rmSync(workDir, { recursive: true, force: true });
    });

    it("runs Debian 13's Orthanc 1.12 on PostgreSQL 17, the major version RDS runs", async () => {
        assert.deepStrictEqual(nodes.map((node) => node.version.split(".").slice(0, 2).join(".")), ["1.12", "1.12"]);
        assert.strictEqual(database!.version, 17);
        assert.match(await database!.query("SHOW server_version"), /^17\./);
    });

    it("loads the plugins the image would enable (Debian's files; the image's web UI aside)", async () => {
        const response = await fetch(`${nodes[0].baseUrl}/plugins`, { headers: { authorization } });
        // `explorer.js` is the core's entry for the explorer's plugin scripts, not a plugin; `python` runs the audit script.
        const loaded = (await response.json() as string[]).filter((id) => id !== "explorer.js").sort();
        assert.deepStrictEqual(loaded, ["dicom-web", "gdcm", "postgresql-index", "postgresql-storage", "python"]);
        assert.throws(() => localPluginFiles({}, [{ name: "AWS_S3_STORAGE_PLUGIN_ENABLED", value: "true" }]), {
            message: "The image would load AwsS3Storage, which Debian 13 does not package: the local Orthanc cannot run this configuration.",
        });
    });

    it("runs the generated settings: PostgreSQL index without lock, SSL, each account from its own secret", () => {
        const [nodeA] = nodes;
        const postgres = nodeA.configuration.PostgreSQL as Record<string, unknown>;
        assert.deepStrictEqual([postgres.EnableSsl, postgres.Lock, postgres.Username], [true, false, "orthanc"]);
        // The fixture's basic-mode person and the break-glass admin (which these tests sign in with).
        const registered = nodeA.configuration.RegisteredUsers as Record<string, string>;
        assert.deepStrictEqual(Object.keys(registered).sort(), ["admin", "alice"]);
        assert.strictEqual(registered.admin, adminPassword);
        assert.notStrictEqual(registered.alice, adminPassword);
        assert.ok(!readFileSync(join(workDir, "node-a.log"), "utf8").includes(adminPassword), "the password must not be logged");
    });

    it("talks to PostgreSQL over TLS only", async () => {
        const encrypted = await database!.query(
            "SELECT count(*) FROM pg_stat_ssl JOIN pg_stat_activity USING (pid) WHERE usename = 'orthanc' AND ssl");
        const plain = await database!.query(
            "SELECT count(*) FROM pg_stat_ssl JOIN pg_stat_activity USING (pid) WHERE usename = 'orthanc' AND NOT ssl");
        assert.ok(Number(encrypted) >= 2, `TLS connections of Orthanc: ${encrypted}`);
        assert.strictEqual(plain, "0");
    });

    it("answers 401 without or with wrong credentials, on REST and DICOMweb", async () => {
        for (const path of ["/system", "/dicom-web/studies", "/instances"]) {
            assert.strictEqual((await fetch(`${nodes[0].baseUrl}${path}`)).status, 401, path);
            const wrong = basicAuth(ADMIN_USERNAME, `${adminPassword}x`);
            assert.strictEqual((await fetch(`${nodes[0].baseUrl}${path}`, { headers: { authorization: wrong } })).status, 401, path);
        }
    });

    it("accepts C-ECHO for its AE title and refuses another called AE title", async () => {
        await echo(nodes[0].dicomPort, config.endpoint.aeTitle);
        await assert.rejects(echo(nodes[0].dicomPort, "NOT_PACS"));
    });

    it("stores by C-STORE on one node and serves the study from the other (QIDO-RS, WADO-RS)", async () => {
        await store(nodes[0].dicomPort, config.endpoint.aeTitle, dimseStudy.instances.map((instance) => instance.file));
        const studies = await getDicomJson(`${nodes[1].baseUrl}/dicom-web/studies?PatientID=IT-DIMSE`, authorization);
        assert.deepStrictEqual(studies.map((study) => firstValue(study, STUDY_INSTANCE_UID)), [dimseStudy.studyInstanceUid]);
        const metadata = await getDicomJson(`${nodes[1].baseUrl}/dicom-web/studies/${dimseStudy.studyInstanceUid}/metadata`, authorization);
        assert.deepStrictEqual(
            metadata.map((instance) => firstValue(instance, SOP_INSTANCE_UID)).sort(),
            dimseStudy.instances.map((instance) => instance.sopInstanceUid).sort());
    });

    it("stores by STOW-RS on the second node, answers with https URLs, and the first node retrieves the files", async () => {
        const result = await stow(nodes[1].baseUrl, authorization, stowStudy.instances.map((instance) => instance.file));
        assert.strictEqual(result.status, 200, JSON.stringify(result.body));
        const retrieveUrl = String(firstValue(result.body, RETRIEVE_URL));
        // DicomWeb.Ssl: behind the TLS load balancer, links must say https even though Orthanc itself speaks HTTP.
        assert.ok(retrieveUrl.startsWith("https://"), retrieveUrl);
        assert.strictEqual((result.body[REFERENCED_SOP_SEQUENCE]?.Value ?? []).length, 2);

        const studies = await getDicomJson(`${nodes[0].baseUrl}/dicom-web/studies?PatientID=IT-STOW`, authorization);
        assert.deepStrictEqual(studies.map((study) => firstValue(study, STUDY_INSTANCE_UID)), [stowStudy.studyInstanceUid]);
        const [instance] = stowStudy.instances;
        const url = `${nodes[0].baseUrl}/dicom-web/studies/${stowStudy.studyInstanceUid}/series/${stowStudy.seriesInstanceUid}/instances/${instance.sopInstanceUid}`;
        const response = await fetch(url, { headers: { authorization, accept: "multipart/related; type=\"application/dicom\"" } });
        assert.strictEqual(response.status, 200);
        const body = Buffer.from(await response.arrayBuffer());
        const original = readFileSync(instance.file);
        assert.ok(body.includes(original.subarray(128, 132)), "the part holds a DICOM file (DICM preamble)");
        assert.ok(body.includes(Buffer.from(instance.sopInstanceUid)), "the part is the requested instance");
    });
});
