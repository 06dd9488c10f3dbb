/** processBatch with in-memory dependencies: every failure is reported, whatever fails. */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { SQSRecord } from "aws-lambda";
import { IndexerDependencies, LogFields, processBatch } from "../../components/pipeline/indexer/indexer";
import { IndexItem } from "../../components/pipeline/indexer/item";
import { ObjectArchivedError, ObjectGoneError } from "../../components/pipeline/indexer/s3Source";
import { pydicomDataDir } from "./oracle";

function record(id: string, key: string, eventName = "ObjectCreated:Put"): SQSRecord {
    const body = JSON.stringify({ Records: [{ eventSource: "aws:s3", eventName, s3: { bucket: { name: "images" }, object: { key, size: 39206, sequencer: "0A" } } }] });
    return { messageId: id, body } as SQSRecord;
}

function dependencies(overrides: Partial<IndexerDependencies>, logs: LogFields[]): IndexerDependencies {
    const object = fs.readFileSync(path.join(pydicomDataDir(), "test_files", "CT_small.dcm"));
    return {
        bucket: "images",
        openObject: () => ({ read: async (start, end) => ({ bytes: object.subarray(start, end), objectSize: object.length }) }),
        writeItem: async () => "written",
        log: { info: (_, fields) => logs.push(fields), error: (_, fields) => logs.push(fields) },
        concurrency: 3,
        ...overrides,
    };
}

describe("dicom-indexer batch processing", () => {
    it("processes every record and reports exactly those whose write failed", async () => {
        const written: IndexItem[] = [];
        const logs: LogFields[] = [];
        const deps = dependencies({
            writeItem: async (item) => {
                if (item.pk.startsWith("throttled")) throw Object.assign(new Error("Rate exceeded"), { name: "ProvisionedThroughputExceededException" });
                written.push(item);
                return item.pk === "old.dcm" ? "stale" : "written";
            },
        }, logs);
        const records = ["a.dcm", "throttled-1.dcm", "b.dcm", "old.dcm", "throttled-2.dcm", "c.dcm", "d.dcm"].map((key, i) => record(`m${i}`, key));
        const response = await processBatch({ Records: records }, deps);
        assert.deepEqual(response.batchItemFailures, [{ itemIdentifier: "m1" }, { itemIdentifier: "m4" }]);
        assert.deepEqual(written.map((item) => item.pk).sort(), ["a.dcm", "b.dcm", "c.dcm", "d.dcm", "old.dcm"]);
        assert.deepEqual(logs.filter((l) => l.event !== undefined).map((l) => `${l.key}:${l.outcome}`).sort(),
            ["a.dcm:indexed", "b.dcm:indexed", "c.dcm:indexed", "d.dcm:indexed", "old.dcm:stale"]);
        assert.deepEqual(logs.filter((l) => l.error === "ProvisionedThroughputExceededException: Rate exceeded").map((l) => [l.messageId, l.outcome]),
            [["m1", "failed"], ["m4", "failed"]], "the outcome the stack's log metric filter counts");
        assert.ok(!JSON.stringify(logs).includes("CompressedSamples"), "no patient data in the logs");
    });

    it("counts an object gone since its event as superseded, and a read error as a failure", async () => {
        const logs: LogFields[] = [];
        const deps = dependencies({
            openObject: (_, key) => ({
                read: async () => {
                    if (key === "gone.dcm") throw new ObjectGoneError("the object changed since the event");
                    throw Object.assign(new Error("socket hang up"), { name: "TimeoutError" });
                },
            }),
        }, logs);
        const response = await processBatch({ Records: [record("g", "gone.dcm"), record("t", "timeout.dcm")] }, deps);
        assert.deepEqual(response.batchItemFailures, [{ itemIdentifier: "t" }]);
        assert.ok(logs.some((l) => l.key === "gone.dcm" && l.outcome === "superseded"));
    });

    it("keeps the item of an object a removal left archived, and fails the creation of an archived object", async () => {
        const logs: LogFields[] = [];
        const written: IndexItem[] = [];
        const deps = dependencies({
            openObject: () => ({ read: async () => { throw new ObjectArchivedError("the object is in DEEP_ARCHIVE and not restored"); } }),
            writeItem: async (item) => { written.push(item); return "written"; },
        }, logs);
        const response = await processBatch({ Records: [record("r", "archived.dcm", "ObjectRemoved:Delete"), record("c", "archived.dcm")] }, deps);
        assert.deepEqual(response.batchItemFailures, [{ itemIdentifier: "c" }]);
        assert.deepEqual(written, [], "neither a tombstone nor an item");
        assert.deepEqual(logs.filter((l) => l.event !== undefined), [
            { messageId: "r", key: "archived.dcm", event: "ObjectRemoved:Delete", sequencer: "0A".padStart(32, "0"), outcome: "archived" },
        ]);
        assert.ok(logs.some((l) => l.messageId === "c" && l.error === "ObjectArchivedError: the object is in DEEP_ARCHIVE and not restored"));
    });
});
