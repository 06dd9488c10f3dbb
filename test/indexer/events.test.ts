/** S3 event parsing, sequencer order, the conditional write, the environment, and dicom:inspect's contract. */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { configFromEnvironment } from "../../components/pipeline/indexer/config";
import { decodeKey, normalizeSequencer, parseMessageBody } from "../../components/pipeline/indexer/events";
import { tableAttributes } from "../../components/pipeline/metadataPipelineSettings";
import { bulkDataUri, LIFTED_ATTRIBUTES } from "../../components/pipeline/indexer/item";
import { entityTag, sizeFromContentRange } from "../../components/pipeline/indexer/s3Source";
import { conditionalPut } from "../../components/pipeline/indexer/store";
import { pydicomDataDir } from "./oracle";

const record = (overrides: Record<string, unknown> = {}) => ({
    eventVersion: "2.1", eventSource: "aws:s3", eventName: "ObjectCreated:Put", eventTime: "2026-01-01T00:00:00.000Z",
    s3: { bucket: { name: "images" }, object: { key: "a/My+File%C3%A9%2B1.dcm", size: 10, eTag: "abc", sequencer: "0055aed6dcd90281e5" } },
    ...overrides,
});

describe("dicom-indexer events and writes", () => {
    it("decodes keys as S3 encodes them: %XX escapes and + for a space", () => {
        assert.equal(decodeKey("a/My+File%C3%A9%2B1.dcm"), "a/My Fileé+1.dcm");
        assert.throws(() => decodeKey("bad%E0%A4%A"), { name: "MalformedMessageError", message: "the event's object key is not URL-encoded" });
    });

    it("orders sequencers of different lengths as numbers", () => {
        const ordered = ["FF", "0100", "0055AED6DCD90281E5", "55aed6dcd90281e6", "1000000000000000000"].map(normalizeSequencer);
        assert.deepEqual([...ordered].sort(), ordered);
        assert.equal(normalizeSequencer("0055aed6dcd90281e5"), "00000000000000" + "0055AED6DCD90281E5");
        assert.throws(() => normalizeSequencer("xyz"), { message: "the event's sequencer is not a hex string of at most 32 digits" });
    });

    it("parses created and removed records, ignores test events, refuses anything else", () => {
        assert.deepEqual(parseMessageBody(JSON.stringify({ Records: [record(), record({ eventName: "ObjectRemoved:Delete" })] })), {
            kind: "changes",
            changes: [
                { kind: "created", eventName: "ObjectCreated:Put", bucket: "images", key: "a/My Fileé+1.dcm", sequencer: normalizeSequencer("55AED6DCD90281E5"), eTag: "abc", size: 10, eventTime: "2026-01-01T00:00:00.000Z" },
                { kind: "removed", eventName: "ObjectRemoved:Delete", bucket: "images", key: "a/My Fileé+1.dcm", sequencer: normalizeSequencer("55AED6DCD90281E5"), eTag: "abc", size: 10, eventTime: "2026-01-01T00:00:00.000Z" },
            ],
        });
        assert.deepEqual(parseMessageBody(JSON.stringify({ Service: "Amazon S3", Event: "s3:TestEvent", Bucket: "images" })), { kind: "test" });
        const refused: [string, string][] = [
            ["{", "the message body is not JSON"],
            ["null", "the message body is not an object"],
            [JSON.stringify({ Records: [] }), "the message has no S3 event records"],
            [JSON.stringify({ Records: [record({ eventSource: "aws:sns" })] }), "a record is not from aws:s3"],
            [JSON.stringify({ Records: [record({ eventName: "ObjectRestore:Post" })] }), "unsupported event ObjectRestore:Post"],
            [JSON.stringify({ Records: [record({ s3: { bucket: { name: "images" }, object: { key: "k" } } })] }), "the event has no sequencer"],
        ];
        for (const [body, message] of refused) assert.throws(() => parseMessageBody(body), { name: "MalformedMessageError", message });
    });

    it("writes only when the stored item is absent or not newer", () => {
        const item = { pk: "k", deleted: false, sequencer: "0A" };
        assert.deepEqual(conditionalPut("table", item), {
            TableName: "table", Item: item,
            ConditionExpression: "attribute_not_exists(pk) OR sequencer <= :sequencer",
            ExpressionAttributeValues: { ":sequencer": "0A" },
        });
        assert.throws(() => conditionalPut("table", { pk: "k", deleted: false }), { message: "an item without a sequencer cannot be written" });
    });

    it("lifts every key attribute of the infrastructure's table and indexes, with the type the table declares", () => {
        const lifted = new Map(LIFTED_ATTRIBUTES.map(([keyword, , type]) => [keyword, type]));
        for (const { name, type } of tableAttributes()) {
            if (name !== "pk") assert.equal(lifted.get(name), type, `${name} is lifted as ${lifted.get(name)}, the table declares ${type}`);
        }
    });

    it("takes the object's size from a ranged GET's Content-Range", () => {
        assert.equal(sizeFromContentRange("bytes 0-8191/39206"), 39206);
        assert.equal(sizeFromContentRange(undefined), undefined);
    });

    it("quotes the event's bare ETag for If-Match", () => {
        assert.deepEqual(["abc", '"abc"', undefined].map(entityTag), ['"abc"', '"abc"', undefined]);
    });

    it("makes BulkDataURIs one ranged GET away", () => {
        assert.equal(bulkDataUri({ bucket: "images", key: "a b/c#d.dcm" }, false, { offset: 10, length: 20 }), "s3://images/a%20b/c%23d.dcm?offset=10&length=20");
        assert.equal(bulkDataUri({ key: "x.dcm" }, true, { offset: 10, length: -1 }), "x.dcm?inflatedOffset=10");
    });

    it("reads its settings from the environment and names every bad one", () => {
        const config = configFromEnvironment({ TABLE_NAME: "t", BUCKET_NAME: "b", FIRST_READ_MAX_BYTES: "65536" });
        assert.equal(config.tableName, "t");
        assert.equal(config.readOptions.firstReadMaxBytes, 65536);
        assert.equal(config.concurrency, 8);
        assert.throws(() => configFromEnvironment({ BUCKET_NAME: "b", MAX_HEADER_BYTES: "-1", CONCURRENCY: "x" }), {
            message: 'Invalid indexer environment: TABLE_NAME must be set; MAX_HEADER_BYTES must be a positive integer, got "-1"; CONCURRENCY must be a positive integer, got "x"',
        });
    });
});

describe("npm run dicom:inspect", function () {
    this.timeout(60_000);

    it("prints one JSON line per file and exits 1 when any failed", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "inspect-"));
        try {
            const bad = path.join(dir, "bad.dcm");
            fs.writeFileSync(bad, "not DICOM");
            const good = path.join(pydicomDataDir(), "test_files", "CT_small.dcm");
            const result = spawnSync("npm", ["run", "--silent", "dicom:inspect", "--", good, bad], { cwd: path.join(__dirname, "../.."), encoding: "utf8" });
            assert.equal(result.status, 1);
            const lines = result.stdout.trim().split("\n").map((line) => JSON.parse(line));
            assert.deepEqual(Object.keys(lines[0]), ["file", "item", "bytesRead", "requests"]);
            assert.equal(lines[0].file, good);
            assert.equal(lines[0].item.pk, "CT_small.dcm");
            assert.equal(lines[0].item.dicom["00100020"].Value[0], "1CT1");
            assert.equal(lines[0].requests, 1);
            assert.ok(lines[0].bytesRead < lines[0].item.objectSize);
            assert.deepEqual(lines[1], { file: bad, error: "truncated: the DICOM preamble needs 132 bytes, the data has 9" });
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
