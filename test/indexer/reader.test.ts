/** Header reading: ranged requests, growth, deflate, and rejection of empty, truncated and malformed objects. */
import * as assert from "node:assert/strict";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as zlib from "node:zlib";
import { DEFAULT_READ_OPTIONS, firstReadEnd, nextFetchEnd, RangeSource, readHeader, ReadOptions } from "../../components/pipeline/indexer/headerReader";
import * as path from "node:path";
import { pydicomDataDir } from "./oracle";
import { encodePart10, part10Parts, TestElement } from "./dicomWriter";


/** An in-memory object that records every range asked for. */
function memorySource(object: Buffer): RangeSource & { ranges: [number, number][] } {
    const ranges: [number, number][] = [];
    return {
        ranges,
        async read(start, end) {
            ranges.push([start, end]);
            return { bytes: object.subarray(start, Math.min(end, object.length)), objectSize: object.length };
        },
    };
}

const SMALL_READS: ReadOptions = { ...DEFAULT_READ_OPTIONS, firstReadMinBytes: 512, firstReadMaxBytes: 512 };
const pixelData = (bytes: number): TestElement => ({ tag: 0x7fe00010, vr: "OW", value: Buffer.alloc(bytes, 7) });
const DEFLATED = "1.2.840.10008.1.2.1.99";

/** A case's name, the object, and the exact message it is rejected with. */
type RejectionCase = [name: string, object: Buffer, message: string];

async function assertRejected(cases: RejectionCase[], options: ReadOptions = DEFAULT_READ_OPTIONS): Promise<void> {
    for (const [name, object, message] of cases) {
        await assert.rejects(readHeader(memorySource(object), object.length, options), (error: Error) => {
            assert.deepEqual([name, error.name, error.message], [name, "DicomFormatError", message]);
            return true;
        });
    }
}

function encodeDeflated(elements: TestElement[]): Buffer {
    const { meta, dataset } = part10Parts(elements, DEFLATED);
    return Buffer.concat([meta, zlib.deflateRawSync(dataset)]);
}

describe("dicom-indexer header reader", () => {
    it("sizes the first read as a share of the object, within bounds", () => {
        assert.equal(firstReadEnd(DEFAULT_READ_OPTIONS, undefined), 256 * 1024);
        assert.equal(firstReadEnd(DEFAULT_READ_OPTIONS, 10_000), 8 * 1024);
        assert.equal(firstReadEnd(DEFAULT_READ_OPTIONS, 400_000), 100_000);
        assert.equal(firstReadEnd(DEFAULT_READ_OPTIONS, 50_000_000), 256 * 1024);
        assert.equal(nextFetchEnd(1000, 1500, 1_000_000), 1500 + 65536);
        assert.equal(nextFetchEnd(200_000, 200_010, 1_000_000), 400_000);
        assert.equal(nextFetchEnd(200_000, 200_010, 300_000), 300_000);
    });

    it("reads a header in one request and stops at Pixel Data", async () => {
        const object = encodePart10([{ tag: 0x00100020, vr: "LO", value: "ID" }, pixelData(1_000_000)]);
        const source = memorySource(object);
        const read = await readHeader(source, object.length);
        assert.deepEqual(source.ranges, [[0, Math.ceil(object.length / 4)]]);
        assert.equal(read.requests, 1);
        assert.equal(read.scanned.pixelData?.length, 1_000_000);
    });

    it("fetches more only when the header runs past the first read", async () => {
        const object = encodePart10([{ tag: 0x00291010, vr: "OB", value: Buffer.alloc(5000, 1) }, pixelData(100_000)]);
        const source = memorySource(object);
        const read = await readHeader(source, object.length, SMALL_READS);
        assert.equal(read.requests, 2);
        const headerEnd = object.length - 100_000 - 12;
        assert.deepEqual(source.ranges[1], [512, headerEnd + 65536]);
        assert.equal(read.bytesRead, headerEnd + 65536);
    });

    it("reads a deflated data set, inflating only what it fetched", async () => {
        const deflated = encodeDeflated([{ tag: 0x00100020, vr: "LO", value: "ID" }, { tag: 0x00291010, vr: "OB", value: Buffer.alloc(300_000, 3) },
            { tag: 0x7fe00010, vr: "OW", value: crypto.randomBytes(2_000_000) }]);
        const read = await readHeader(memorySource(deflated), deflated.length, SMALL_READS);
        assert.equal(read.encoding.deflated, true);
        assert.equal(read.scanned.pixelData?.length, 2_000_000);
        assert.ok(read.bytesRead < deflated.length, `${read.bytesRead} of ${deflated.length}`);
    });

    it("rejects a deflated object cut anywhere in its deflate stream, read whole or grown to its end", async () => {
        const whole = fs.readFileSync(path.join(pydicomDataDir(), "test_files", "image_dfl.dcm"));
        const streamStart = 144 + whole.readUInt32LE(140);
        // The raw deflate stream ends 8 bytes before the file does (pydicom's file has a gzip trailer there).
        const inflated = zlib.inflateRawSync(whole.subarray(streamStart), { info: true }) as unknown as { engine: zlib.InflateRaw };
        const streamEnd = streamStart + inflated.engine.bytesWritten;
        assert.equal(streamEnd, whole.length - 8);
        const cuts = [streamStart + 2, 400, 1000, 2500, streamEnd - 1].map((cut): RejectionCase =>
            [`cut at ${cut}`, whole.subarray(0, cut), "truncated: the deflated data set's stream ends before its final block"]);
        // Read whole at once, and grown request by request to the end.
        await assertRejected(cuts, DEFAULT_READ_OPTIONS);
        await assertRejected(cuts, SMALL_READS);
        // Cutting the trailer loses no data set byte.
        for (const cut of [streamEnd, whole.length - 1]) {
            const read = await readHeader(memorySource(whole.subarray(0, cut)), cut);
            assert.equal(read.inflatedLength, 262_682);
        }
    });

    it("rejects a deflated object whose stream ends before its Pixel Data value does", async () => {
        const { meta, dataset } = part10Parts([{ tag: 0x00100020, vr: "LO", value: "ID" }, pixelData(1000)], DEFLATED);
        const cutDataset = dataset.subarray(0, dataset.length - 10);
        const object = Buffer.concat([meta, zlib.deflateRawSync(cutDataset)]);
        await assert.rejects(readHeader(memorySource(object), object.length),
            { name: "DicomFormatError", message: `truncated: Pixel Data needs ${cutDataset.length + 10} bytes, the inflated data set has ${cutDataset.length}` });
    });

    it("refuses a whole deflated object that inflates past the cap, whose end it cannot check", async () => {
        const object = encodeDeflated([{ tag: 0x00100020, vr: "LO", value: "ID" }, pixelData(5_000_000)]);
        await assert.rejects(readHeader(memorySource(object), object.length, { ...DEFAULT_READ_OPTIONS, maxInflatedBytes: 1_000_000 }),
            { name: "HeaderTooLargeError", message: "the deflated data set inflates to more than 1000000 bytes, too many to check that it is whole" });
    });

    it("refuses a deflate bomb beyond the inflate cap", async () => {
        const bomb = encodeDeflated([{ tag: 0x00291010, vr: "OB", value: Buffer.alloc(50_000_000) }]);
        await assert.rejects(readHeader(memorySource(bomb), bomb.length, { ...DEFAULT_READ_OPTIONS, maxInflatedBytes: 1_000_000 }),
            { name: "HeaderTooLargeError", message: "the inflated header exceeds 1000000 bytes" });
    });

    it("rejects empty, non-DICOM, truncated and trailing-garbage objects", async () => {
        const good = fs.readFileSync(path.join(pydicomDataDir(), "test_files", "CT_small.dcm"));
        const cases: RejectionCase[] = [
            ["empty", Buffer.alloc(0), "empty object"],
            ["text", Buffer.from("hello ".repeat(100)), "not a DICOM Part 10 file (no DICM prefix at offset 128)"],
            ["preamble only", good.subarray(0, 100), "truncated: the DICOM preamble needs 132 bytes, the data has 100"],
            ["cut in a sequence item", good.subarray(0, 1000), "truncated: the item header at offset 994 needs 1002 bytes, the data has 1000"],
            ["cut in the pixels", good.subarray(0, 20_000), "truncated: Pixel Data needs 39068 bytes, the object has 20000"],
            ["stray bytes", Buffer.concat([encodePart10([{ tag: 0x00100020, vr: "LO", value: "ID" }]), Buffer.from([1, 2, 3])]),
                "the data ends in 3 stray bytes at offset 322"],
            ["bad item", encodePart10([{ tag: 0x00081140, vr: "SQ", value: Buffer.from([1, 2, 3, 4, 0, 0, 0, 0]) }]),
                "expected an item at offset 288, found (0201,0403)"],
        ];
        await assertRejected(cases);
    });

    it("rejects objects cut at an element boundary, and data sets that are not the meta group's instance", async () => {
        const ct = fs.readFileSync(path.join(pydicomDataDir(), "test_files", "CT_small.dcm"));
        const whole = await readHeader(memorySource(ct), ct.length);
        const elementEnd = (tag: number) => {
            const element = whole.scanned.dataset.elements.find((e) => e.tag === tag)!;
            return element.valueOffset + element.extent;
        };
        const firstPatientElement = whole.scanned.dataset.elements.findIndex((e) => e.tag >>> 16 === 0x0010);
        const beforePatient = elementEnd(whole.scanned.dataset.elements[firstPatientElement - 1].tag);
        const identity = (tag: number, value: string): TestElement => ({ tag, vr: "UI", value });
        const cases: RejectionCase[] = [
            ["after the meta group", ct.subarray(0, whole.meta.datasetStart), "truncated or not an instance: the data set has no SOP Class UID (0008,0016)"],
            ["after the SOP Class UID", ct.subarray(0, elementEnd(0x00080016)), "truncated or not an instance: the data set has no SOP Instance UID (0008,0018)"],
            ["before the patient", ct.subarray(0, beforePatient), "truncated or not a patient's instance: the data set has no Study Instance UID (0020,000D)"],
            ["after the Study Instance UID", ct.subarray(0, elementEnd(0x0020000d)), "truncated or not a patient's instance: the data set has no Series Instance UID (0020,000E)"],
            ["after Rows", ct.subarray(0, elementEnd(0x00280010)), "truncated: the data set has Rows/Columns but no pixel data element ((7FE0,0010), (7FE0,0008), (7FE0,0009))"],
            ["before Pixel Data", ct.subarray(0, whole.scanned.headerEnd - 12), "truncated: the data set has Rows/Columns but no pixel data element ((7FE0,0010), (7FE0,0008), (7FE0,0009))"],
            ["another instance", encodePart10([identity(0x00080018, "1.2.3.9")]),
                "the data set's SOP Instance UID (0008,0018) differs from the File Meta Information's Media Storage SOP Instance UID (0002,0003)"],
            ["another class", encodePart10([identity(0x00080016, "1.2.840.10008.5.1.4.1.1.2")]),
                "the data set's SOP Class UID (0008,0016) differs from the File Meta Information's Media Storage SOP Class UID (0002,0002)"],
            ["an empty SOP Instance UID", encodePart10([{ tag: 0x00080018, vr: "UI", value: "" }]),
                "truncated or not an instance: the data set has no SOP Instance UID (0008,0018)"],
        ];
        await assertRejected(cases);
    });

    it("accepts an image without Pixel Data only when it is MR Spectroscopy, and a DICOMDIR only with its records", async () => {
        const spectroscopy = encodePart10([{ tag: 0x00280010, vr: "US", value: Buffer.from([1, 0]) }, { tag: 0x56000020, vr: "OF", value: Buffer.alloc(16) }]);
        assert.equal((await readHeader(memorySource(spectroscopy), spectroscopy.length)).scanned.pixelData, undefined);
        const dicomdir = fs.readFileSync(path.join(pydicomDataDir(), "test_files", "dicomdirtests", "DICOMDIR"));
        const read = await readHeader(memorySource(dicomdir), dicomdir.length);
        const records = read.scanned.dataset.elements.find((e) => e.tag === 0x00041220)!;
        const cut = dicomdir.subarray(0, records.valueOffset - 12);
        await assert.rejects(readHeader(memorySource(cut), cut.length),
            { name: "DicomFormatError", message: "truncated: the DICOMDIR has no Directory Record Sequence (0004,1220)" });
    });

    it("rejects a header longer than the configured maximum", async () => {
        const object = encodePart10([{ tag: 0x00291010, vr: "OB", value: Buffer.alloc(3_000_000) }, pixelData(10)]);
        await assert.rejects(readHeader(memorySource(object), object.length, { ...DEFAULT_READ_OPTIONS, maxHeaderBytes: 1_000_000 }),
            { message: "the header needs more than 1000000 bytes" });
    });
});
