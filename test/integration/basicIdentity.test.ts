/**
 * identity.mode basic on a real Orthanc (Debian 13's 1.12.7, in the sandbox), started the way a task starts: one
 * password per person from that person's secret, `RegisteredUsers` assembled by the generated start-up script
 * (run for real with sh), and the roles the generated REST filter enforces per login. No shared password: the
 * break-glass admin is not loaded unless identity.breakGlass is on.
 */
import * as assert from "assert";
import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { StackConfig } from "../../config/types";
import { ADMIN_USERNAME } from "../../components/compute/adminCredentials";
import { stackConfigFixture } from "../orthanc/fixtures";
import { basicAuth, stow } from "../support/dicomweb";
import { DicomStudy, writeStudy } from "../support/dicom";
import { LocalOrthanc, startLocalOrthanc } from "../support/localOrthanc";
import { LocalPostgres, startLocalPostgres } from "../support/localPostgres";
import { drawAdminPassword } from "../support/passwords";

describe("basic mode: one account per person, roles by login (integration)", function () {
    this.timeout(180_000);
    const passwords = { "dr.grey": drawAdminPassword(), "ct.tech": drawAdminPassword(), "it.boss": drawAdminPassword() };
    const adminPassword = drawAdminPassword();
    const as = (name: keyof typeof passwords): string => basicAuth(name, passwords[name]);
    let workDir: string;
    let database: LocalPostgres | undefined;
    let orthanc: LocalOrthanc | undefined;
    let config: StackConfig;
    let uploaded: DicomStudy;
    let studyId: string;

    async function call(method: string, path: string, authorization: string, body?: string | Buffer, contentType?: string): Promise<number> {
        const headers: Record<string, string> = { authorization };
        if (contentType !== undefined) headers["content-type"] = contentType;
        const response = await fetch(`${orthanc!.baseUrl}${path}`, { method, headers, body });
        await response.arrayBuffer();
        return response.status;
    }

    before(async () => {
        workDir = mkdtempSync(join(tmpdir(), "orthanc-identity-"));
        config = {
            ...stackConfigFixture(),
            identity: {
                mode: "basic", breakGlass: false, keycloak: { cpu: 1024, memory: 2048 },
                users: [{ name: "dr.grey", role: "doctor" }, { name: "ct.tech", role: "uploader" }, { name: "it.boss", role: "admin" }],
            },
        };
        database = await startLocalPostgres(workDir, { username: "orthanc", password: `Db-${drawAdminPassword()}`, database: "orthanc" });
        orthanc = await startLocalOrthanc({
            config, database, adminPassword, workDir, name: "identity", storageDirectory: join(workDir, "storage"), databaseMaxConnections: 100,
            userPasswords: passwords,
        });
        uploaded = await writeStudy(workDir, "ID-ROLES", 2);
    });

    after(async () => {
        await orthanc?.stop();
        await database?.stop();
        rmSync(workDir, { recursive: true, force: true });
    });

    it("registers exactly each person with their own password, and not the break-glass admin", () => {
        assert.strictEqual(orthanc!.version, "1.12.7");
        assert.deepStrictEqual(orthanc!.configuration.RegisteredUsers, passwords);
    });

    it("refuses the break-glass admin, a wrong password and no credentials", async () => {
        assert.strictEqual(await call("GET", "/system", basicAuth(ADMIN_USERNAME, adminPassword)), 401);
        assert.strictEqual(await call("GET", "/system", basicAuth("dr.grey", passwords["it.boss"])), 401);
        const anonymous = await fetch(`${orthanc!.baseUrl}/system`);
        assert.strictEqual(anonymous.status, 401);
    });

    it("lets an uploader upload over STOW-RS and REST, and nothing else", async () => {
        const stored = await stow(orthanc!.baseUrl, as("ct.tech"), [uploaded.instances[0].file]);
        assert.strictEqual(stored.status, 200);
        const rest = await call("POST", "/instances", as("ct.tech"), readFileSync(uploaded.instances[1].file), "application/dicom");
        assert.strictEqual(rest, 200);
        assert.strictEqual(await call("GET", "/system", as("ct.tech")), 200);
        for (const [method, path] of [["GET", "/studies"], ["GET", "//studies"], ["GET", "/dicom-web/studies"], ["GET", "/patients"], ["POST", "/tools/find"]]) {
            assert.strictEqual(await call(method, path, as("ct.tech"), method === "POST" ? "{\"Level\":\"Study\",\"Query\":{}}" : undefined), 403, `uploader ${method} ${path}`);
        }
    });

    it("lets a doctor search, view and download, but not upload, change or delete", async () => {
        const response = await fetch(`${orthanc!.baseUrl}/studies`, { headers: { authorization: as("dr.grey") } });
        const studies = await response.json() as string[];
        assert.strictEqual(studies.length, 1);
        studyId = studies[0];
        assert.strictEqual(await call("GET", `/studies/${studyId}`, as("dr.grey")), 200);
        assert.strictEqual(await call("GET", "/dicom-web/studies?PatientID=ID-ROLES", as("dr.grey")), 200);
        assert.strictEqual(await call("POST", "/tools/find", as("dr.grey"), JSON.stringify({ Level: "Study", Query: { PatientID: "ID-ROLES" } })), 200);
        assert.strictEqual(await call("GET", `/studies/${studyId}/archive`, as("dr.grey")), 200);
        const refused: [string, string, string?][] = [
            ["POST", "/instances", "x"], ["POST", "/%69nstances", "x"], ["POST", "/dicom-web/studies", "x"], ["DELETE", `/studies/${studyId}`],
            ["POST", `/studies/${studyId}/modify`, "{}"], ["PUT", `/studies/${studyId}/labels/seen`], ["PUT", "/modalities/rogue", "{}"], ["POST", "/tools/reset"],
        ];
        for (const [method, path, body] of refused) {
            assert.strictEqual(await call(method, path, as("dr.grey"), body), 403, `doctor ${method} ${path}`);
        }
    });

    it("lets an admin delete, but still not change the declared DICOM network", async () => {
        assert.strictEqual(await call("PUT", "/modalities/rogue", as("it.boss"), JSON.stringify({ AET: "ROGUE", Host: "192.0.2.1", Port: 104 })), 403);
        assert.strictEqual(await call("DELETE", `/studies/${studyId}`, as("it.boss")), 200);
        const response = await fetch(`${orthanc!.baseUrl}/studies`, { headers: { authorization: as("it.boss") } });
        assert.deepStrictEqual(await response.json(), []);
    });
});
