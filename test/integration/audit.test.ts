/**
 * The audit trail on real Orthanc (Debian 13's 1.12.7 with orthanc-python 5.0, in the sandbox), started the way a
 * task starts: the generated document and container files (the audit's Python script and C-FIND filter beside the
 * REST filter), two users in `RegisteredUsers`. REST reads, an upload, a deletion, DICOMweb QIDO-RS and WADO-RS,
 * a C-STORE with storescu and a C-FIND with findscu; then every audit line is checked for user, address, action and
 * resource, and the trail must hold no patient name, patient ID or DICOM UID of the test study.
 */
import * as assert from "assert";
import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { StackConfig } from "../../config/types";
import { ADMIN_USERNAME } from "../../components/compute/adminCredentials";
import { AUDIT_SCHEMA } from "../../components/compute/orthancAudit";
import { stackConfigFixture } from "../orthanc/fixtures";
import { basicAuth } from "../support/dicomweb";
import { DicomStudy, newUid, writeStudy } from "../support/dicom";
import { dcmtk } from "../support/dimse";
import { LocalOrthanc, startLocalOrthanc } from "../support/localOrthanc";
import { LocalPostgres, startLocalPostgres } from "../support/localPostgres";
import { drawAdminPassword } from "../support/passwords";
import { waitFor } from "../support/processes";

const SCU = "AUDITSCU";
const PATIENT_NAME = "Quorblethwaite^Zyxandra";
const PATIENT_ID = "MRN-7731-AUDIT";

type AuditLine = Record<string, unknown>;

describe("the audit trail on Orthanc 1.12.7 with the Python plugin (integration)", function () {
    this.timeout(180_000);
    const adminPassword = drawAdminPassword();
    const alicePassword = `Al-${drawAdminPassword()}`;
    const admin = basicAuth(ADMIN_USERNAME, adminPassword);
    const alice = basicAuth("alice", alicePassword);
    let workDir: string;
    let database: LocalPostgres | undefined;
    let orthanc: LocalOrthanc | undefined;
    let config: StackConfig;
    let study: DicomStudy;
    /** Orthanc's identifiers of the test study, from the upload's answer. */
    let ids: { instance: string; series: string; study: string; patient: string };
    let storedByDicom: string;

    function auditLines(): AuditLine[] {
        return readFileSync(orthanc!.logFile, "utf8").split("\n").filter((line) => line.includes(AUDIT_SCHEMA)).map((line) => {
            try {
                return JSON.parse(line) as AuditLine;
            } catch {
                throw new Error(`An audit line is not one JSON document: ${line}`);
            }
        });
    }

    async function request(method: string, path: string, authorization: string, body?: Buffer): Promise<Response> {
        return fetch(`${orthanc!.baseUrl}${path}`, { method, headers: { authorization, ...(body ? { "content-type": "application/dicom" } : {}) }, body });
    }

    /** The audit line that satisfies `match`, waiting for it (change callbacks run on Orthanc's own thread). */
    async function line(describe: string, match: (line: AuditLine) => boolean): Promise<AuditLine> {
        await waitFor(async () => auditLines().some(match), 10_000, () => `No audit line for ${describe} in:\n${auditLines().map((l) => JSON.stringify(l)).join("\n")}`);
        return auditLines().find(match)!;
    }

    before(async () => {
        workDir = mkdtempSync(join(tmpdir(), "orthanc-audit-"));
        config = stackConfigFixture();
        config.dicomNetwork = {
            modalities: [{ name: "audit-scu", aeTitle: SCU, host: "127.0.0.1", port: 11112, allow: ["echo", "find", "store"], tls: false, manufacturer: "Generic" }],
            peers: [],
            dicomWebServers: [],
        };
        database = await startLocalPostgres(workDir, { username: "orthanc", password: `Db-${drawAdminPassword()}`, database: "orthanc" });
        orthanc = await startLocalOrthanc({
            config, database, adminPassword, workDir, name: "audit", storageDirectory: join(workDir, "storage"), databaseMaxConnections: 100,
            userPasswords: { alice: alicePassword }, // alice: the fixture's basic-mode admin (test/orthanc/fixtures.ts)
        });
        study = await writeStudy(workDir, PATIENT_ID, 2, newUid(), PATIENT_NAME);

        const upload = await request("POST", "/instances", alice, readFileSync(study.instances[0].file));
        assert.strictEqual(upload.status, 200);
        const uploaded = await upload.json() as { ID: string; ParentSeries: string; ParentStudy: string; ParentPatient: string };
        ids = { instance: uploaded.ID, series: uploaded.ParentSeries, study: uploaded.ParentStudy, patient: uploaded.ParentPatient };

        // Twice: the second C-STORE of an instance Orthanc already holds stores nothing and leaves no line (README says so).
        for (let attempt = 0; attempt < 2; attempt++) {
            await dcmtk("storescu", ["-aet", SCU, "-aec", config.endpoint.aeTitle, "127.0.0.1", String(orthanc.dicomPort), study.instances[1].file]);
        }
        const found = await (await request("POST", "/tools/lookup", admin, Buffer.from(study.instances[1].sopInstanceUid))).json() as { ID: string }[];
        storedByDicom = found[0].ID;

        assert.strictEqual((await request("GET", `/studies/${ids.study}`, admin)).status, 200);
        assert.strictEqual((await request("GET", `/instances/${ids.instance}/file`, alice)).status, 200);
        const qido = await request("GET", `/dicom-web/studies?PatientName=${encodeURIComponent("Quorble*")}&PatientID=${PATIENT_ID}`, alice);
        assert.strictEqual(qido.status, 200);
        assert.strictEqual((await qido.json() as unknown[]).length, 1);
        assert.strictEqual((await request("GET", `/dicom-web/studies/${study.studyInstanceUid}/series/${study.seriesInstanceUid}/metadata`, alice)).status, 200);
        const wadoUri = await request("GET", `/wado?requestType=WADO&studyUID=${study.studyInstanceUid}&seriesUID=${study.seriesInstanceUid}` +
            `&objectUID=${study.instances[0].sopInstanceUid}&contentType=application/dicom`, alice);
        assert.strictEqual(wadoUri.status, 200, await wadoUri.text());
        await dcmtk("findscu", ["-S", "-k", "QueryRetrieveLevel=STUDY", "-k", "PatientName=Quorble*", "-k", "StudyInstanceUID",
            "-aet", SCU, "-aec", config.endpoint.aeTitle, "127.0.0.1", String(orthanc.dicomPort)]);
        // The REST filter still refuses changes to the declared network with the audit's filter in front of it.
        assert.strictEqual((await request("DELETE", "/modalities/audit-scu", admin)).status, 403);
        assert.strictEqual((await request("GET", "/studies", basicAuth("alice", "wrong-password"))).status, 401);
        assert.strictEqual((await request("DELETE", `/studies/${ids.study}`, admin)).status, 200);
    });

    after(async () => {
        await orthanc?.stop();
        await database?.stop();
        rmSync(workDir, { recursive: true, force: true });
    });

    it("records the upload over REST with its user and the stored instance", async () => {
        const post = await line("POST /instances", (l) => l.action === "POST /instances");
        assert.deepStrictEqual({ ...post, time: undefined }, {
            audit: AUDIT_SCHEMA, time: undefined, kind: "http", user: "alice", authentication: "basic", clientAddress: "127.0.0.1",
            peerAddress: "127.0.0.1", action: "POST /instances", resource: null, query: [], outcome: "authenticated",
        });
        const stored = await line("the uploaded instance", (l) => l.resource === `instances/${ids.instance}` && l.outcome === "stored");
        assert.deepStrictEqual({ ...stored, time: undefined }, {
            audit: AUDIT_SCHEMA, time: undefined, kind: "store", user: "alice", clientAddress: "127.0.0.1", action: "STORE RestApi",
            resource: `instances/${ids.instance}`, outcome: "stored",
        });
        assert.match(String(stored.time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    });

    it("records the C-STORE with the calling AE title and address", async () => {
        const stored = await line("the C-STORE", (l) => l.action === "C-STORE");
        assert.strictEqual(auditLines().filter((l) => l.action === "C-STORE").length, 1);
        assert.deepStrictEqual({ ...stored, time: undefined }, {
            audit: AUDIT_SCHEMA, time: undefined, kind: "dicom", user: null, clientAddress: "127.0.0.1", action: "C-STORE",
            resource: `instances/${storedByDicom}`, outcome: "stored", callingAet: SCU, calledAet: config.endpoint.aeTitle,
        });
    });

    it("records REST reads with the user and the Orthanc identifier", async () => {
        const study = await line("GET /studies/{id}", (l) => l.action === "GET /studies/{id}");
        assert.deepStrictEqual([study.user, study.clientAddress, study.resource], [ADMIN_USERNAME, "127.0.0.1", `studies/${ids.study}`]);
        const file = await line("GET /instances/{id}/file", (l) => l.action === "GET /instances/{id}/file");
        assert.deepStrictEqual([file.user, file.resource], ["alice", `instances/${ids.instance}`]);
    });

    it("records DICOMweb and WADO-URI with parameter names only and UIDs replaced by Orthanc identifiers", async () => {
        const qido = await line("QIDO-RS", (l) => l.action === "GET /dicom-web/studies");
        assert.deepStrictEqual([qido.user, qido.resource, qido.query], ["alice", null, ["PatientID", "PatientName"]]);
        const uri = await line("WADO-URI", (l) => l.action === "GET /wado");
        assert.deepStrictEqual([uri.user, uri.resource, uri.query], ["alice", `instances/${ids.instance}`, ["contentType", "objectUID", "requestType", "seriesUID", "studyUID"]]);
        const wado = await line("WADO-RS", (l) => String(l.action).endsWith("/metadata"));
        assert.deepStrictEqual([wado.action, wado.user, wado.resource],
            ["GET /dicom-web/studies/{StudyInstanceUID}/series/{SeriesInstanceUID}/metadata", "alice", `series/${ids.series}`]);
    });

    it("records the C-FIND from the Lua filter: who asked, the key names, never the values", async () => {
        const find = await line("the C-FIND", (l) => l.action === "C-FIND");
        assert.deepStrictEqual({ ...find, time: undefined }, {
            audit: AUDIT_SCHEMA, time: undefined, kind: "dicom", action: "C-FIND", clientAddress: "127.0.0.1", callingAet: SCU,
            calledAet: config.endpoint.aeTitle, level: "STUDY", query: ["0010,0010", "0020,000d"], outcome: "received",
        });
    });

    it("records the refused network change and the deletion with the deleted resources", async () => {
        const refused = await line("DELETE /modalities/audit-scu", (l) => l.action === "DELETE /modalities/audit-scu");
        assert.strictEqual(refused.user, ADMIN_USERNAME);
        const deletion = await line("DELETE /studies/{id}", (l) => l.action === "DELETE /studies/{id}");
        assert.deepStrictEqual([deletion.user, deletion.resource], [ADMIN_USERNAME, `studies/${ids.study}`]);
        await line("the DELETED change", (l) => l.action === "DELETED" && l.resource === `studies/${ids.study}`);
    });

    it("records nothing for a request Orthanc refused at authentication", async () => {
        await line("the DELETED change", (l) => l.action === "DELETED");
        assert.deepStrictEqual(auditLines().filter((l) => l.action === "GET /studies"), []);
    });

    it("holds no patient name, patient ID or UID of the study, and no password", async () => {
        await line("the DELETED change", (l) => l.action === "DELETED");
        const trail = auditLines().map((l) => JSON.stringify(l)).join("\n");
        const forbidden = ["Quorble", "Zyxandra", PATIENT_ID, study.studyInstanceUid, study.seriesInstanceUid,
            ...study.instances.map((instance) => instance.sopInstanceUid), adminPassword, alicePassword, "wrong-password"];
        assert.deepStrictEqual(forbidden.filter((text) => trail.includes(text)), []);
        assert.ok(auditLines().length >= 10, trail);
    });
});
