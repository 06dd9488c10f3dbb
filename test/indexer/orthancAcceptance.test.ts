/**
 * Orthanc as the oracle of what the indexer must accept: every object of a varied corpus (orthancCorpus.ts) is
 * uploaded to a real Orthanc (test/support/localOrthanc.ts, on the stack's generated configuration) over REST,
 * and what Orthanc stores is read back and indexed. Whatever Orthanc stores, the indexer indexes, naming what
 * is wrong with it in the item's `warnings`; an object it rejected would sit in the dead-letter queue for as
 * long as the study is archived. What Orthanc refuses never reaches the bucket; the indexer may refuse it too,
 * and where it is more lenient the reason is listed below.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readHeader } from "../../components/pipeline/indexer/headerReader";
import { buildItem } from "../../components/pipeline/indexer/item";
import { ADMIN_USERNAME } from "../../components/compute/adminCredentials";
import { stackConfigFixture } from "../orthanc/fixtures";
import { basicAuth } from "../support/dicomweb";
import { LocalOrthanc, startLocalOrthanc } from "../support/localOrthanc";
import { LocalPostgres, startLocalPostgres } from "../support/localPostgres";
import { drawAdminPassword } from "../support/passwords";
import { memorySource } from "./memorySource";
import { CorpusFile, writeOrthancCorpus } from "./orthancCorpus";

interface Outcome {
    name: string;
    /** Orthanc's answer: the bytes it stored, or its refusal. */
    stored?: Buffer;
    identical?: boolean;
    refusal?: string;
    /** The indexer's answer on the stored bytes (or on the upload, for a refused file). */
    warnings?: string[];
    error?: string;
}

/**
 * Refused by Orthanc, indexed by the indexer: it reads the header only, up to Pixel Data, and reads the
 * meta group and the first element's header more leniently than DCMTK. None of these reach the bucket.
 */
const LENIENT: Array<[pattern: RegExp, why: string]> = [
    [/^trailing-/, "bytes after Pixel Data are never read"],
    [/^cut-inside-element-(39204)$/, "cut in the trailing padding after Pixel Data, never read"],
    [/^encapsulated-/, "the fragments of encapsulated Pixel Data are never read (completeness.ts)"],
    [/^deflated-cut$/, "a deflated object is inflated only up to its Pixel Data when it is large (completeness.ts)"],
    [/^ts-claims-(implicit-data-explicit|explicit-data-implicit)$/, "the first element's header decides explicit or implicit VR, as pydicom does"],
    [/^ts-claims-jpeg-data-native$/, "the reader does not decode Pixel Data"],
    [/^meta-group-length-too-long$/, "the meta group ends at the first element of another group, whatever its length says"],
    [/^pydicom\/SC_rgb_jpeg\.dcm$/, "explicit VR is detected from the first element (DCMTK trusts the meta group)"],
    [/^pydicom\/(DICOMDIR|dicomdirtests\/)/, "a DICOMDIR with its records is indexed (completeness.ts); Orthanc stores no DICOMDIR"],
];

/** Warnings named exactly, for the classes the issue names: Orthanc must store these, the indexer index them so. */
const EXPECTED_WARNINGS: Record<string, string[]> = {
    "meta-sop-instance-differs": ["the data set's SOP Instance UID (0008,0018) differs from the File Meta Information's Media Storage SOP Instance UID (0002,0003) (PS3.10 7.1)"],
    "meta-sop-class-differs": ["the data set's SOP Class UID (0008,0016) differs from the File Meta Information's Media Storage SOP Class UID (0002,0002) (PS3.10 7.1)"],
    "meta-no-sop-instance": ["the File Meta Information has no Media Storage SOP Instance UID (0002,0003) (PS3.10 7.1)"],
    "meta-no-transfer-syntax": ["the File Meta Information has no Transfer Syntax UID (0002,0010) (PS3.10 7.1): the encoding was detected from the first element, as DCMTK does"],
    "raw-explicit-be": ["no File Meta Information: a bare data set, not a DICOM Part 10 file (PS3.10 7.1); the encoding was detected from the first element, as DCMTK does"],
    "dataset-no-sop-class": ["the data set has no SOP Class UID (0008,0016)"],
    "dataset-no-pixel-data": ["an image without pixel data: the data set has Rows/Columns but no (7FE0,0010), (7FE0,0008), (7FE0,0009) (cut short, or written so)"],
    "lowercase-vr": ["invalid VR read as UN with a 2-byte length, as DCMTK does, at offset 926 in element (0010,0010)"],
    "pydicom/rtdose.dcm": ["the data set's SOP Instance UID (0008,0018) differs from the File Meta Information's Media Storage SOP Instance UID (0002,0003) (PS3.10 7.1)"],
    "pydicom/chrKoreanMulti.dcm": ["an image without pixel data: the data set has Rows/Columns but no (7FE0,0010), (7FE0,0008), (7FE0,0009) (cut short, or written so)"],
};

/** Orthanc answers each call of this corpus in well under a second (the whole corpus takes about 30 s). */
const REQUEST_DEADLINE_MS = 30_000;

async function indexed(name: string, bytes: Buffer): Promise<Pick<Outcome, "warnings" | "error">> {
    try {
        const read = await readHeader(memorySource(bytes), bytes.length);
        const item = buildItem(read, { bucket: "images", key: `${name}.dcm` }, { sequencer: "1" });
        return { warnings: (item.warnings as string[] | undefined) ?? [] };
    } catch (error) {
        return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
}

describe("dicom-indexer indexes every object Orthanc stores (Orthanc as the oracle)", function () {
    this.timeout(600_000);
    const adminPassword = drawAdminPassword();
    const authorization = basicAuth(ADMIN_USERNAME, adminPassword);
    let workDir: string;
    let database: LocalPostgres | undefined;
    let orthanc: LocalOrthanc | undefined;
    let version: string;
    const outcomes: Outcome[] = [];

    /**
     * A REST call, sent again once, on a new connection, if the connection drops before an answer (seen once:
     * undici's "other side closed" on a kept-alive connection) or no answer comes within its deadline (CI once
     * timed the whole hook out at 600 s). Every call here may be repeated: a repeated upload answers
     * AlreadyStored. An answer that never comes thus fails the upload of that file within a minute, naming it,
     * instead of holding the whole hook, and the runner through the open connection, until it times out.
     */
    async function call(route: string, init: RequestInit = {}): Promise<Response> {
        const send = () => fetch(`${orthanc!.baseUrl}${route}`, { ...init, headers: { authorization }, signal: AbortSignal.timeout(REQUEST_DEADLINE_MS) });
        return send().catch((error: unknown) => {
            const timedOut = error instanceof DOMException && error.name === "TimeoutError";
            if (!(error instanceof TypeError) && !timedOut) throw error;
            return send();
        });
    }

    /** Uploads one file over REST, reads back what was stored and deletes it (variants share their UIDs). */
    async function upload(file: CorpusFile): Promise<Outcome> {
        const bytes = fs.readFileSync(file.file);
        const response = await call("/instances", { method: "POST", body: bytes });
        const answer = await response.text();
        if (response.status !== 200) return { name: file.name, refusal: `${response.status} ${answer.replace(/\s+/g, " ").slice(0, 200)}` };
        // An earlier variant left in Orthanc would answer AlreadyStored with its own file: `identical` tells.
        const { ID: id } = JSON.parse(answer) as { ID: string };
        const stored = Buffer.from(await (await call(`/instances/${id}/file`)).arrayBuffer());
        assert.equal((await call(`/instances/${id}`, { method: "DELETE" })).status, 200);
        return { name: file.name, stored, identical: stored.equals(bytes) };
    }

    before(async () => {
        workDir = fs.mkdtempSync(path.join(os.tmpdir(), "orthanc-oracle-"));
        const corpus = await writeOrthancCorpus(fs.mkdtempSync(path.join(workDir, "corpus-")));
        database = await startLocalPostgres(workDir, { username: "orthanc", password: `Db-${drawAdminPassword()}`, database: "orthanc" });
        orthanc = await startLocalOrthanc({ config: stackConfigFixture(), database, adminPassword, workDir, name: "oracle",
            storageDirectory: path.join(workDir, "storage"), databaseMaxConnections: 100 });
        version = orthanc.version;
        for (const file of corpus) {
            const outcome = await upload(file).catch((error: Error) => {
                throw new Error(`${file.name}: ${error.name}: ${error.message} (${String(error.cause)}); Orthanc's log ends:\n${fs.readFileSync(orthanc!.logFile, "utf8").slice(-2000)}`);
            });
            Object.assign(outcome, await indexed(file.name, outcome.stored ?? fs.readFileSync(file.file)));
            outcomes.push(outcome);
        }
    });

    after(async () => {
        await orthanc?.stop();
        await database?.stop();
        fs.rmSync(workDir, { recursive: true, force: true });
    });

    it("stores what it accepts byte for byte, so the bucket holds the uploaded bytes", () => {
        const stored = outcomes.filter((o) => o.stored !== undefined);
        assert.ok(stored.length > 300, `Orthanc ${version} stored only ${stored.length} of ${outcomes.length} files`);
        assert.deepEqual(stored.filter((o) => !o.identical).map((o) => o.name), []);
    });

    it("indexes every object Orthanc stores", () => {
        const failed = outcomes.filter((o) => o.stored !== undefined && o.error !== undefined).map((o) => `${o.name}: ${o.error}`);
        assert.deepEqual(failed, [], `Orthanc ${version} stores these, the indexer rejects them`);
    });

    it("names what is wrong in the item's warnings", () => {
        const byName = new Map(outcomes.map((o) => [o.name, o]));
        for (const [name, warnings] of Object.entries(EXPECTED_WARNINGS)) {
            const outcome = byName.get(name);
            assert.ok(outcome?.stored, `Orthanc ${version} refused ${name}: ${outcome?.refusal}`);
            assert.deepEqual(outcome.warnings, warnings, name);
        }
        const clean = ["pydicom/CT_small.dcm", "dcmtk/rich_explicit_le", "dcmtk/rich_deflated", "rich-undefined-lengths-implicit", "large-encapsulated-document"];
        for (const name of clean) assert.deepEqual(byName.get(name)?.warnings, [], name);
    });

    it("keeps rejecting objects whose bytes end inside an element, which Orthanc refuses too", () => {
        const cut = outcomes.filter((o) => /^cut-inside-element-/.test(o.name) && !LENIENT.some(([pattern]) => pattern.test(o.name)));
        assert.ok(cut.length >= 4);
        for (const outcome of cut) {
            assert.ok(outcome.refusal, `${outcome.name} was stored`);
            assert.match(outcome.error ?? "", /^DicomFormatError: (truncated|the data ends in \d+ stray bytes)/, outcome.name);
        }
    });

    it("indexes files Orthanc refuses only where its leniency is listed", () => {
        const lenient = outcomes.filter((o) => o.refusal !== undefined && o.error === undefined).map((o) => o.name);
        assert.deepEqual(lenient.filter((name) => !LENIENT.some(([pattern]) => pattern.test(name))), [], `Orthanc ${version} refuses these`);
    });
});
