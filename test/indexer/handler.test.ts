/**
 * The Lambda handler end to end: real objects in a local S3 server (s3rver), real conditional writes to a local
 * DynamoDB (DynamoDB Local), S3-shaped SQS events built as real S3 sends them.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DeleteObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { pydicomDataDir } from "./oracle";
import { createIndexTable, LOCAL_CREDENTIALS, LOCAL_REGION, LocalDynamo, LocalS3, startDynamo, startS3 } from "./localServers";

const BUCKET = "images";
const testFile = (name: string) => path.join(pydicomDataDir(), "test_files", name);
const TABLE = "dicom-index";

interface Change {
    eventName: string;
    key: string;
    sequencer: string;
    eTag?: string;
    size?: number;
    bucket?: string;
}

/** Real S3's record format: URL-encoded key with "+" for spaces, a hex sequencer. */
function s3Record(change: Change) {
    return {
        eventVersion: "2.1", eventSource: "aws:s3", awsRegion: LOCAL_REGION, eventTime: "2026-11-22T22:00:00.000Z",
        eventName: change.eventName,
        s3: {
            s3SchemaVersion: "1.0",
            bucket: { name: change.bucket ?? BUCKET, arn: `arn:aws:s3:::${change.bucket ?? BUCKET}` },
            object: { key: encodeURIComponent(change.key).replace(/%20/g, "+").replace(/%2F/g, "/"), size: change.size, eTag: change.eTag, sequencer: change.sequencer },
        },
    };
}

let messageCounter = 0;
function message(body: string): SQSRecord {
    messageCounter++;
    return {
        messageId: `message-${messageCounter}`, receiptHandle: `receipt-${messageCounter}`, body,
        attributes: { ApproximateReceiveCount: "1", SentTimestamp: "0", SenderId: "s3", ApproximateFirstReceiveTimestamp: "0" },
        messageAttributes: {}, md5OfBody: "", eventSource: "aws:sqs", eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:queue", awsRegion: LOCAL_REGION,
    };
}

const changeMessage = (...changes: Change[]) => message(JSON.stringify({ Records: changes.map(s3Record) }));
const failedIds = (response: SQSBatchResponse) => response.batchItemFailures.map((f) => f.itemIdentifier);

describe("dicom-indexer handler against local S3 and DynamoDB", function () {
    this.timeout(120_000);
    let s3: LocalS3 | undefined;
    let dynamo: LocalDynamo | undefined;
    let documents: DynamoDBDocumentClient;
    let handler: (event: SQSEvent) => Promise<SQSBatchResponse>;
    const savedEnv = { ...process.env };
    const logged: string[] = [];
    const originalStdout = process.stdout.write.bind(process.stdout);
    const originalStderr = process.stderr.write.bind(process.stderr);
    const capture = ((chunk: string | Uint8Array) => { logged.push(String(chunk)); return true; }) as typeof process.stdout.write;

    async function putFile(key: string, file: string | Buffer): Promise<{ eTag: string; size: number }> {
        const body = typeof file === "string" ? fs.readFileSync(file) : file;
        const put = await s3!.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
        // S3 events carry the ETag without the quotes of the HTTP header.
        return { eTag: put.ETag!.replace(/"/g, ""), size: body.length };
    }

    async function run(...records: SQSRecord[]): Promise<SQSBatchResponse> {
        // Capture the function's structured logs (Powertools writes to stdout and stderr) to check what they contain.
        process.stdout.write = capture;
        process.stderr.write = capture;
        try {
            return await handler({ Records: records });
        } finally {
            process.stdout.write = originalStdout;
            process.stderr.write = originalStderr;
        }
    }

    const getItem = async (key: string) => (await documents.send(new GetCommand({ TableName: TABLE, Key: { pk: key } }))).Item;

    before(async () => {
        // One at a time, so that after() stops whichever started even when the other fails.
        s3 = await startS3([BUCKET]);
        dynamo = await startDynamo();
        await createIndexTable(dynamo.endpoint, TABLE);
        Object.assign(process.env, {
            TABLE_NAME: TABLE, BUCKET_NAME: BUCKET, AWS_REGION: LOCAL_REGION,
            AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
            AWS_ENDPOINT_URL_S3: s3.endpoint, AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
            AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", POWERTOOLS_LOG_LEVEL: "INFO",
        });
        // Small first reads make the multi-request path run on the small test files too.
        process.env.FIRST_READ_MAX_BYTES = "4096";
        handler = (await import("../../components/pipeline/indexer/handler")).handler;
        documents = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: dynamo.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }));
    });

    after(async () => {
        process.stdout.write = originalStdout;
        process.stderr.write = originalStderr;
        documents?.destroy();
        await Promise.all([s3?.stop(), dynamo?.stop()]);
        for (const name of Object.keys(process.env)) if (!(name in savedEnv)) delete process.env[name];
        Object.assign(process.env, savedEnv);
    });

    it("indexes every record of a batch and reports exactly the ones it cannot process", async () => {
        const ct = await putFile("studies/ct small.dcm", testFile("CT_small.dcm"));
        const mr = await putFile("studies/MR+small.dcm", testFile("MR_small.dcm"));
        const truncated = await putFile("studies/truncated.dcm", testFile("MR_truncated.dcm"));
        const empty = await putFile("studies/empty.dcm", Buffer.alloc(0));
        const notDicom = await putFile("studies/text.dcm", Buffer.from("not a DICOM file".repeat(20)));
        const created = "ObjectCreated:Put";
        const ctEvent: Change = { eventName: created, key: "studies/ct small.dcm", sequencer: "0055AED6DCD90281E5", ...ct };
        const records = [
            changeMessage(ctEvent),
            message(JSON.stringify({ Service: "Amazon S3", Event: "s3:TestEvent", Bucket: BUCKET })),
            message("this is not JSON"),
            changeMessage({ eventName: created, key: "studies/truncated.dcm", sequencer: "0055AED6DCD90281E6", ...truncated }),
            changeMessage({ eventName: created, key: "studies/MR+small.dcm", sequencer: "0055AED6DCD90281E7", ...mr }),
            changeMessage(ctEvent),
            changeMessage({ eventName: created, key: "studies/empty.dcm", sequencer: "0055AED6DCD90281E8", ...empty }),
            changeMessage({ eventName: created, key: "studies/text.dcm", sequencer: "0055AED6DCD90281E9", ...notDicom }),
            changeMessage({ ...ctEvent, bucket: "another-bucket" }),
        ];
        const response = await run(...records);
        assert.deepEqual(failedIds(response), [records[2], records[3], records[6], records[7], records[8]].map((r) => r.messageId));

        const item = await getItem("studies/ct small.dcm");
        assert.ok(item);
        assert.equal(item.deleted, false);
        assert.equal(item.bucket, BUCKET);
        assert.equal(item.objectSize, ct.size);
        assert.equal(item.sequencer, "0055AED6DCD90281E5".padStart(32, "0"));
        assert.equal(item.PatientName, "CompressedSamples^CT1");
        assert.equal(item.PatientID, "1CT1");
        assert.equal(item.Modality, "CT");
        assert.equal(item.TransferSyntaxUID, "1.2.840.10008.1.2.1");
        assert.deepEqual(item.dicom["00100010"], { vr: "PN", Value: [{ Alphabetic: "CompressedSamples^CT1" }] });
        assert.deepEqual(item.dicom["00101002"].Value[1]["00100020"], { vr: "LO", Value: ["1234ABCD"] });
        assert.match(item.dicom["7FE00010"].BulkDataURI, /^s3:\/\/images\/studies\/ct%20small\.dcm\?offset=\d+&length=32768$/);
        const mrItem = await getItem("studies/MR+small.dcm");
        assert.equal(mrItem?.Modality, "MR");
        for (const key of ["studies/truncated.dcm", "studies/empty.dcm", "studies/text.dcm"]) assert.equal(await getItem(key), undefined);

        const byStudy = await documents.send(new QueryCommand({
            TableName: TABLE, IndexName: "byStudy", KeyConditionExpression: "StudyInstanceUID = :study",
            ExpressionAttributeValues: { ":study": item.StudyInstanceUID },
        }));
        assert.deepEqual(byStudy.Items?.map((i) => i.pk), ["studies/ct small.dcm"]);
    });

    it("lets the newest event win per key: removals leave a tombstone that a late older creation cannot overwrite", async () => {
        const key = "late/instance.dcm";
        const object = await putFile(key, testFile("MR_small_implicit.dcm"));
        await s3!.client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }));
        const removal = changeMessage({ eventName: "ObjectRemoved:Delete", key, sequencer: "0066000000000000B0" });
        const lateCreation = changeMessage({ eventName: "ObjectCreated:Put", key, sequencer: "0066000000000000A0", ...object });
        assert.deepEqual(failedIds(await run(removal)), []);
        assert.deepEqual(failedIds(await run(lateCreation, removal)), []);
        const item = await getItem(key);
        assert.deepEqual(item, { pk: key, bucket: BUCKET, deleted: true, sequencer: "0066000000000000B0".padStart(32, "0"), eventTime: "2026-11-22T22:00:00.000Z" });
    });

    it("indexes the current object when a removal leaves one (a deleted old version, a restored object)", async () => {
        const key = "restored.dcm";
        await putFile(key, testFile("CT_small.dcm"));
        const removal = changeMessage({ eventName: "ObjectRemoved:Delete", key, sequencer: "0088000000000000A0" });
        assert.deepEqual(failedIds(await run(removal)), []);
        const item = await getItem(key);
        assert.equal(item?.deleted, false);
        assert.equal(item?.Modality, "CT");
        assert.equal(item?.sequencer, "0088000000000000A0".padStart(32, "0"));
    });

    it("skips an event whose object was overwritten since, and indexes the overwrite's event", async () => {
        const key = "overwritten.dcm";
        const first = await putFile(key, testFile("CT_small.dcm"));
        const second = await putFile(key, testFile("MR_small_bigendian.dcm"));
        const older = changeMessage({ eventName: "ObjectCreated:Put", key, sequencer: "0077000000000000A0", ...first });
        const newer = changeMessage({ eventName: "ObjectCreated:Put", key, sequencer: "0077000000000000B0", ...second });
        assert.deepEqual(failedIds(await run(newer, older)), []);
        const item = await getItem(key);
        assert.equal(item?.TransferSyntaxUID, "1.2.840.10008.1.2.2");
        assert.equal(item?.sequencer, "0077000000000000B0".padStart(32, "0"));
    });

    it("logs keys, sizes and outcomes but never patient data", () => {
        const text = logged.join("");
        assert.match(text, /"outcome":"indexed"/);
        // CT_small's header is longer than the 4 KiB first read set above: a second ranged GET (which, growing by
        // at least 64 KiB, reads the rest of this small object).
        assert.match(text, /"key":"studies\/ct small.dcm","objectSize":39206,"bytesRead":39206,"requests":2/);
        assert.match(text, /"error":"DicomFormatError: truncated: Pixel Data needs 9692 bytes, the object has 9630"/);
        assert.match(text, /"key":"studies\/ct small.dcm"/);
        for (const phi of ["CompressedSamples", "1CT1", "CT1"]) assert.ok(!text.includes(phi), `the logs contain "${phi}"`);
    });
});
