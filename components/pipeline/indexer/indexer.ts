/** One SQS batch of S3 events → DynamoDB items; every record that fails is reported, never dropped. */
import type { SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { ObjectChange, parseMessageBody } from "./events";
import { DEFAULT_READ_OPTIONS, HeaderRead, RangeSource, readHeader, ReadOptions } from "./headerReader";
import { buildItem, buildTombstone, IndexItem } from "./item";
import { ObjectArchivedError, ObjectGoneError } from "./s3Source";
import { ChangeOutcome, FAILED_OUTCOME } from "./outcomes";
import { WriteOutcome } from "./store";

/** Log fields: keys, sizes, counts and outcomes only, never DICOM values (they hold patient data). */
export type LogFields = Record<string, string | number | boolean | undefined>;

export interface IndexerDependencies {
    /** The only bucket whose events are accepted. */
    bucket: string;
    openObject(bucket: string, key: string, eTag?: string): RangeSource;
    writeItem(item: IndexItem): Promise<WriteOutcome>;
    log: {
        info(message: string, fields: LogFields): void;
        error(message: string, fields: LogFields): void;
    };
    readOptions?: ReadOptions;
    /** Messages processed at once. */
    concurrency?: number;
}


/** What reading an object found: its header, nothing (removed or overwritten since), or an unreadable archived object. */
type ReadResult = { found: "header"; read: HeaderRead } | { found: "nothing" } | { found: "archived"; error: ObjectArchivedError };

/** The header of the object's version the event pins (by ETag), or of its current version. */
async function readObject(change: ObjectChange, deps: IndexerDependencies, eTag?: string): Promise<ReadResult> {
    try {
        const source = deps.openObject(change.bucket, change.key, eTag);
        const read = await readHeader(source, change.size, deps.readOptions ?? DEFAULT_READ_OPTIONS);
        deps.log.info("object read", { key: change.key, objectSize: read.objectSize, bytesRead: read.bytesRead, requests: read.requests });
        return { found: "header", read };
    } catch (error) {
        if (error instanceof ObjectGoneError) return { found: "nothing" };
        if (error instanceof ObjectArchivedError) return { found: "archived", error };
        throw error;
    }
}

async function applyChange(change: ObjectChange, deps: IndexerDependencies): Promise<ChangeOutcome> {
    if (change.bucket !== deps.bucket) throw new Error("the event is for another bucket");
    const location = { bucket: change.bucket, key: change.key };
    const event = { sequencer: change.sequencer, eventTime: change.eventTime, eTag: change.eTag };
    if (change.kind === "created") {
        const created = await readObject(change, deps, change.eTag);
        // An object written straight into an archive class cannot be indexed until restored: a failure, retried.
        if (created.found === "archived") throw created.error;
        // Deleted or overwritten since: the later event indexes what is there now.
        if (created.found === "nothing") return "superseded";
        return (await deps.writeItem(buildItem(created.read, location, event))) === "written" ? "indexed" : "stale";
    }
    // In the versioned image bucket a removal can leave a current version (an old version deleted, a delete
    // marker removed to restore the object): index what is there, and write a tombstone only when nothing is.
    const current = await readObject(change, deps);
    // Still there but archived (a noncurrent version removed by lifecycle after the current one moved to Glacier):
    // the item indexed before archiving still describes it; retrying could never read it.
    if (current.found === "archived") return "archived";
    if (current.found === "header") {
        const item = buildItem(current.read, location, { sequencer: change.sequencer, eventTime: change.eventTime });
        return (await deps.writeItem(item)) === "written" ? "indexed" : "stale";
    }
    return (await deps.writeItem(buildTombstone(location, event))) === "written" ? "removed" : "stale";
}

/** Processes one message; throws when any of its records could not be applied. */
export async function processMessage(record: SQSRecord, deps: IndexerDependencies): Promise<void> {
    const content = parseMessageBody(record.body);
    if (content.kind === "test") {
        deps.log.info("test event ignored", { messageId: record.messageId });
        return;
    }
    for (const change of content.changes) {
        const outcome = await applyChange(change, deps);
        deps.log.info("event applied", { messageId: record.messageId, key: change.key, event: change.eventName, sequencer: change.sequencer, outcome });
    }
}

function errorSummary(error: unknown): string {
    // Error names and the indexer's own messages carry offsets and tags, never values.
    return error instanceof Error ? `${error.name}: ${error.message}` : "unknown error";
}

/** Processes every record of the batch (a few at a time) and answers the failed ones for SQS to retry. */
export async function processBatch(event: SQSEvent, deps: IndexerDependencies): Promise<SQSBatchResponse> {
    const failures: string[] = [];
    const queue = [...event.Records];
    const worker = async () => {
        for (let record = queue.shift(); record !== undefined; record = queue.shift()) {
            try {
                await processMessage(record, deps);
            } catch (error) {
                failures.push(record.messageId);
                deps.log.error("message failed", { messageId: record.messageId, outcome: FAILED_OUTCOME,
                    receiveCount: record.attributes?.ApproximateReceiveCount, error: errorSummary(error) });
            }
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, deps.concurrency ?? 8) }, worker));
    const failed = new Set(failures);
    // Answer in the batch's order, for readable logs and tests.
    return { batchItemFailures: event.Records.filter((r) => failed.has(r.messageId)).map((r) => ({ itemIdentifier: r.messageId })) };
}
