/**
 * Any header must become a writable DynamoDB item: checked against DynamoDB Local's real item size (400 KB) and
 * nesting (32 levels) limits with crafted objects far beyond both.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { DEFAULT_READ_OPTIONS, RangeSource, readHeader, scanHeader } from "../../components/pipeline/indexer/headerReader";
import { buildItem, DEFAULT_MAPPING, IndexItem } from "../../components/pipeline/indexer/item";
import { ITEM_BUDGET_BYTES, storedSize } from "../../components/pipeline/indexer/itemSize";
import { mapDataset } from "../../components/pipeline/indexer/jsonModel";
import { writeItem } from "../../components/pipeline/indexer/store";
import { encodePart10, TestElement } from "./dicomWriter";
import { pydicomDataDir } from "./oracle";
import { createIndexTable, LOCAL_CREDENTIALS, LOCAL_REGION, LocalDynamo, startDynamo } from "./localServers";

const TABLE = "limits";
const SEQUENCE = 0x00081115; // Referenced Series Sequence: any SQ will do
const event = { sequencer: "1".padStart(32, "0") };

function memorySource(object: Buffer): RangeSource {
    return { read: async (start, end) => ({ bytes: object.subarray(start, end), objectSize: object.length }) };
}

function nested(depth: number): TestElement[] {
    const leaf: TestElement[] = [{ tag: 0x00100010, vr: "PN", value: "Deep^Name=Ideo^Graphic=Pho^Netic" }];
    let elements = leaf;
    for (let level = 0; level < depth; level++) elements = [{ tag: SEQUENCE, vr: "SQ", items: [elements], undefinedLength: level % 2 === 0 }];
    return elements;
}

async function itemOf(elements: TestElement[], mapping = DEFAULT_MAPPING): Promise<IndexItem> {
    const object = encodePart10(elements);
    const read = await readHeader(memorySource(object), object.length, DEFAULT_READ_OPTIONS);
    return { ...buildItem(read, { bucket: "b", key: "k.dcm" }, event, mapping), pk: `object-${Math.random()}` };
}

/** Depth of maps and lists as DynamoDB counts it (the item's attributes are level 0). */
function nesting(value: unknown): number {
    if (value === null || typeof value !== "object") return 0;
    return 1 + Math.max(0, ...Object.values(value as object).map(nesting));
}

describe("dicom-indexer size bound", () => {
    it("bounds the stored size of every real header's mapping from above", async () => {
        const files = ["test_files", "charset_files"].flatMap((dir) => fs.readdirSync(path.join(pydicomDataDir(), dir))
            .filter((name) => name.endsWith(".dcm")).map((name) => path.join(pydicomDataDir(), dir, name)));
        let checked = 0;
        for (const file of files) {
            const object = fs.readFileSync(file);
            // The bound concerns the mapping: fragments that are not whole instances count too.
            const read = await scanHeader(memorySource(object), object.length).catch(() => undefined);
            if (read === undefined) continue;
            const { dicom, sizeBound } = mapDataset(read.scanned.dataset, read.stream, { ...DEFAULT_MAPPING, bulkDataUri: () => "s3://b/k?offset=1&length=2" });
            assert.ok(storedSize(dicom) <= sizeBound, `${file}: ${storedSize(dicom)} > ${sizeBound}`);
            checked++;
        }
        assert.ok(checked > 70, `${checked} files`);
    });

    it("holds for the worst cases per byte: short numbers, empty multi-values, person-name groups", async () => {
        const elements: TestElement[] = [
            { tag: 0x00280010, vr: "US", value: Buffer.alloc(4000) },
            { tag: 0x00080008, vr: "CS", value: "\\".repeat(2000) },
            { tag: 0x00081070, vr: "PN", value: "==\\".repeat(1000) },
            { tag: 0x00200032, vr: "DS", value: "1\\".repeat(1000) + "1" },
            { tag: 0x00181310, vr: "SS", value: Buffer.alloc(4000, 0xff) },
        ];
        const object = encodePart10(elements);
        const read = await scanHeader(memorySource(object), object.length);
        const { dicom, sizeBound } = mapDataset(read.scanned.dataset, read.stream, { ...DEFAULT_MAPPING, inlineValueMaxBytes: 1e9, bulkDataUri: () => "" });
        assert.ok(storedSize(dicom) <= sizeBound, `${storedSize(dicom)} > ${sizeBound}`);
    });
});

describe("dicom-indexer items within DynamoDB's limits", function () {
    this.timeout(60_000);
    let dynamo: LocalDynamo | undefined;
    let documents: DynamoDBDocumentClient;

    before(async () => {
        dynamo = await startDynamo();
        await createIndexTable(dynamo.endpoint, TABLE);
        documents = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: dynamo.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }),
            { marshallOptions: { allowImpreciseNumbers: true } });
    });

    after(async () => {
        documents?.destroy();
        await dynamo?.stop();
    });

    it("keeps sequences down to the deepest level DynamoDB stores and references deeper ones", async () => {
        const deepest = await itemOf(nested(DEFAULT_MAPPING.maxSequenceDepth));
        assert.equal(await writeItem(documents, TABLE, deepest), "written");
        const stored = (await documents.send(new GetCommand({ TableName: TABLE, Key: { pk: deepest.pk } }))).Item!;
        assert.deepEqual(stored.dicom, deepest.dicom);

        const deeper = await itemOf(nested(DEFAULT_MAPPING.maxSequenceDepth + 5));
        assert.equal(await writeItem(documents, TABLE, deeper), "written");
        let element = (deeper.dicom as Record<string, any>)["00081115"];
        for (let level = 1; level < DEFAULT_MAPPING.maxSequenceDepth; level++) element = element.Value[0]["00081115"];
        assert.match(element.Value[0]["00081115"].BulkDataURI, /^s3:\/\/b\/k\.dcm\?offset=\d+&length=\d+$/);
        assert.equal(element.Value[0]["00081115"].vr, "SQ");
    });

    it("needs that limit: one level more is refused by DynamoDB", async () => {
        const mapping = { ...DEFAULT_MAPPING, maxSequenceDepth: 100 };
        const tooDeep = await itemOf(nested(DEFAULT_MAPPING.maxSequenceDepth + 1), mapping);
        assert.ok(nesting(tooDeep) > nesting(await itemOf(nested(DEFAULT_MAPPING.maxSequenceDepth))));
        await assert.rejects(writeItem(documents, TABLE, tooDeep), { name: "ValidationException" });
    });

    it("fits a header of several megabytes into one item by referencing its largest values", async () => {
        const manyItems: TestElement = {
            tag: 0x52009230, vr: "SQ", // Per-frame Functional Groups Sequence, as in a 3000-frame enhanced object
            items: Array.from({ length: 3000 }, (_, i) => [
                { tag: 0x00209111, vr: "SQ", items: [[{ tag: 0x00209157, vr: "UL", value: Buffer.alloc(8, i % 256) }]] },
                { tag: 0x00209113, vr: "SQ", items: [[{ tag: 0x00200032, vr: "DS", value: `${i}.5\\-${i}.25\\${i * 3}` }]] },
            ]),
        };
        const privateTexts: TestElement[] = Array.from({ length: 40 }, (_, i) => ({ tag: 0x00191000 + 0x10 + i, vr: "UT", value: "x".repeat(15_000) }));
        const elements: TestElement[] = [
            { tag: 0x00100010, vr: "PN", value: "Big^Header" },
            { tag: 0x00190010, vr: "LO", value: "ACME" },
            ...privateTexts,
            manyItems,
            { tag: 0x7fe00010, vr: "OW", value: Buffer.alloc(16) },
        ];
        const item = await itemOf(elements);
        assert.ok(storedSize(item) <= ITEM_BUDGET_BYTES, `${storedSize(item)} bytes`);
        assert.equal(item.PatientName, "Big^Header");
        const dicom = item.dicom as Record<string, { BulkDataURI?: string }>;
        assert.ok(dicom["52009230"].BulkDataURI, "the 3000-item sequence is referenced");
        assert.equal(await writeItem(documents, TABLE, item), "written");
    });

    it("stores a header of too many tiny elements to fit as one reference to the whole header", async () => {
        const tiny: TestElement[] = Array.from({ length: 30_000 }, (_, i) => ({ tag: 0x00190000 + 0x1000 + i, vr: "US", value: Buffer.alloc(2) }));
        const item = await itemOf([{ tag: 0x00100020, vr: "LO", value: "ID-1" }, { tag: 0x00190010, vr: "LO", value: "ACME" }, ...tiny]);
        assert.deepEqual(item.dicom, {});
        assert.equal(item.PatientID, "ID-1");
        assert.match(String(item.headerBulkDataURI), /^s3:\/\/b\/k\.dcm\?offset=0&length=\d+$/);
        assert.equal(await writeItem(documents, TABLE, item), "written");
    });
});
