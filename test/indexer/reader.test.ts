/** Header reading: ranged requests, growth, deflate, and rejection of empty, truncated and malformed objects. */
import * as assert from "node:assert/strict";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as zlib from "node:zlib";
import { DEFAULT_READ_OPTIONS, firstReadEnd, nextFetchEnd, readHeader, ReadOptions } from "../../components/pipeline/indexer/headerReader";
import { buildItem } from "../../components/pipeline/indexer/item";
import { ScannedElement } from "../../components/pipeline/indexer/scanner";
import * as path from "node:path";
import { pydicomDataDir } from "./oracle";
import { encodePart10, part10Parts, TestElement } from "./dicomWriter";
import { memorySource } from "./memorySource";


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
        const invalidVr = encodePart10([{ tag: 0x00100020, vr: "LO", value: "ID" }]);
        invalidVr.write("\u0001\u0002", invalidVr.indexOf(Buffer.from("LO", "latin1"), 132), "latin1");
        const cases: RejectionCase[] = [
            ["empty", Buffer.alloc(0), "empty object"],
            ["text", Buffer.from("hello ".repeat(100)),
                "not a DICOM file: no DICM prefix at offset 128, and no data set at offset 0 (truncated: the value of (6568,6C6C) at offset 8 needs 1701322871 bytes, the data has 600)"],
            // CT_small.dcm's preamble starts with a TIFF header: no data set either.
            ["preamble only", good.subarray(0, 100),
                "not a DICOM file: no DICM prefix at offset 128, and no data set at offset 0 (truncated: the value of (4949,002A) at offset 8 needs 530524 bytes, the data has 100)"],
            ["cut in a sequence item", good.subarray(0, 1000), "truncated: the item header at offset 994 needs 1002 bytes, the data has 1000"],
            ["cut in the pixels", good.subarray(0, 20_000), "truncated: Pixel Data needs 39068 bytes, the object has 20000"],
            ["stray bytes", Buffer.concat([encodePart10([{ tag: 0x00100020, vr: "LO", value: "ID" }]), Buffer.from([1, 2, 3])]),
                "the data ends in 3 stray bytes at offset 322"],
            ["bad item", encodePart10([{ tag: 0x00081140, vr: "SQ", value: Buffer.from([1, 2, 3, 4, 0, 0, 0, 0]) }]),
                "expected an item at offset 288, found (0201,0403)"],
            ["unprintable VR", invalidVr, "invalid VR at offset 280 in element (0010,0020)"],
        ];
        await assertRejected(cases);
    });

    it("rejects objects cut before the UIDs Orthanc needs to store an instance", async () => {
        const ct = fs.readFileSync(path.join(pydicomDataDir(), "test_files", "CT_small.dcm"));
        const whole = await readHeader(memorySource(ct), ct.length);
        const elementEnd = (tag: number) => {
            const element = whole.scanned.dataset.elements.find((e) => e.tag === tag)!;
            return element.valueOffset + element.extent;
        };
        const firstPatientElement = whole.scanned.dataset.elements.findIndex((e) => e.tag >>> 16 === 0x0010);
        const beforePatient = elementEnd(whole.scanned.dataset.elements[firstPatientElement - 1].tag);
        const cases: RejectionCase[] = [
            ["after the meta group", ct.subarray(0, whole.meta.datasetStart), "truncated or not an instance: the data set has no SOP Instance UID (0008,0018)"],
            ["after the SOP Class UID", ct.subarray(0, elementEnd(0x00080016)), "truncated or not an instance: the data set has no SOP Instance UID (0008,0018)"],
            ["before the patient", ct.subarray(0, beforePatient), "truncated or not a patient's instance: the data set has no Study Instance UID (0020,000D)"],
            ["after the Study Instance UID", ct.subarray(0, elementEnd(0x0020000d)), "truncated or not a patient's instance: the data set has no Series Instance UID (0020,000E)"],
            ["an empty SOP Instance UID", encodePart10([{ tag: 0x00080018, vr: "UI", value: "" }]),
                "truncated or not an instance: the data set has no SOP Instance UID (0008,0018)"],
        ];
        await assertRejected(cases);
    });

    it("indexes what Orthanc stores although it departs from the standard, naming each departure", async () => {
        const ct = fs.readFileSync(path.join(pydicomDataDir(), "test_files", "CT_small.dcm"));
        const whole = await readHeader(memorySource(ct), ct.length);
        assert.deepEqual(whole.warnings, []);
        const rowsEnd = whole.scanned.dataset.elements.find((e) => e.tag === 0x00280010)!;
        const lowercaseVr = encodePart10([{ tag: 0x00100020, vr: "LO", value: "ID" }]);
        lowercaseVr.write("lo", lowercaseVr.indexOf(Buffer.from("LO", "latin1"), 132), "latin1");
        const noPixels = "an image without pixel data: the data set has Rows/Columns but no (7FE0,0010), (7FE0,0008), (7FE0,0009) (cut short, or written so)";
        const cases: [name: string, object: Buffer, warnings: string[]][] = [
            ["after Rows", ct.subarray(0, rowsEnd.valueOffset + rowsEnd.extent), [noPixels]],
            ["before Pixel Data", ct.subarray(0, whole.scanned.headerEnd - 12), [noPixels]],
            ["another instance", encodePart10([{ tag: 0x00080018, vr: "UI", value: "1.2.3.9" }]),
                ["the data set's SOP Instance UID (0008,0018) differs from the File Meta Information's Media Storage SOP Instance UID (0002,0003) (PS3.10 7.1)"]],
            ["another class", encodePart10([{ tag: 0x00080016, vr: "UI", value: "1.2.840.10008.5.1.4.1.1.2" }]),
                ["the data set's SOP Class UID (0008,0016) differs from the File Meta Information's Media Storage SOP Class UID (0002,0002) (PS3.10 7.1)"]],
            ["an empty SOP Class UID", encodePart10([{ tag: 0x00080016, vr: "UI", value: "" }]), ["the data set has no SOP Class UID (0008,0016)"]],
            ["a bare data set", part10Parts([pixelData(16)]).dataset,
                ["no File Meta Information: a bare data set, not a DICOM Part 10 file (PS3.10 7.1); the encoding was detected from the first element, as DCMTK does"]],
            ["a lowercase VR", lowercaseVr, ["invalid VR read as UN with a 2-byte length, as DCMTK does, at offset 280 in element (0010,0020)"]],
        ];
        for (const [name, object, warnings] of cases) {
            const read = await readHeader(memorySource(object), object.length);
            assert.deepEqual([name, read.warnings], [name, warnings]);
        }
    });

    it("reads a bare data set in the encoding DCMTK detects, and lifts that transfer syntax", async () => {
        for (const file of ["ExplVR_BigEndNoMeta.dcm", "ExplVR_LitEndNoMeta.dcm", "rtstruct.dcm"]) {
            const bytes = fs.readFileSync(path.join(pydicomDataDir(), "test_files", file));
            const read = await readHeader(memorySource(bytes), bytes.length);
            assert.deepEqual([file, read.meta.part10, read.transferSyntaxUid], [file, false,
                { "ExplVR_BigEndNoMeta.dcm": "1.2.840.10008.1.2.2", "ExplVR_LitEndNoMeta.dcm": "1.2.840.10008.1.2.1", "rtstruct.dcm": "1.2.840.10008.1.2" }[file]]);
        }
    });

    it("accepts an image without Pixel Data silently when it is MR Spectroscopy, and a DICOMDIR only with its records", async () => {
        const spectroscopy = encodePart10([{ tag: 0x00280010, vr: "US", value: Buffer.from([1, 0]) }, { tag: 0x56000020, vr: "OF", value: Buffer.alloc(16) }]);
        const spectrum = await readHeader(memorySource(spectroscopy), spectroscopy.length);
        assert.deepEqual([spectrum.scanned.pixelData, spectrum.warnings], [undefined, []]);
        const dicomdir = fs.readFileSync(path.join(pydicomDataDir(), "test_files", "dicomdirtests", "DICOMDIR"));
        const read = await readHeader(memorySource(dicomdir), dicomdir.length);
        const records = read.scanned.dataset.elements.find((e) => e.tag === 0x00041220)!;
        const cut = dicomdir.subarray(0, records.valueOffset - 12);
        await assert.rejects(readHeader(memorySource(cut), cut.length),
            { name: "DicomFormatError", message: "truncated: the DICOMDIR has no Directory Record Sequence (0004,1220)" });
    });

    it("rejects a header longer than the configured maximum", async () => {
        // Many small items, none of them a large value it could leave unread.
        const items = Array.from({ length: 70_000 }, (): TestElement[] => [{ tag: 0x00100020, vr: "LO", value: "ID" }]);
        const object = encodePart10([{ tag: 0x00081115, vr: "SQ", items }, pixelData(10)]);
        await assert.rejects(readHeader(memorySource(object), object.length, { ...DEFAULT_READ_OPTIONS, maxHeaderBytes: 1_000_000 }),
            { message: "the header needs more than 1000000 bytes" });
    });

    it("leaves large values past the fetched bytes unread, fetching only what follows them, as reading them would map", async () => {
        const document = 0x00420011;
        const object = encodePart10([
            { tag: 0x00081115, vr: "SQ", items: [[{ tag: 0x00291010, vr: "OB", value: Buffer.alloc(2_000_000, 5) }, { tag: 0x00291011, vr: "LO", value: "in the item" }]] },
            { tag: 0x0040a160, vr: "UT", value: "a long report. ".repeat(100_000) },
            { tag: document, vr: "OB", value: Buffer.alloc(5_000_000, 7) },
            { tag: 0x00420012, vr: "LO", value: "application/pdf" },
        ]);
        const source = memorySource(object);
        const read = await readHeader(source, object.length);
        const unread = (elements: ScannedElement[]): number[] => elements.flatMap((e) => [...(e.unread ? [e.tag] : []), ...(e.items ?? []).flatMap((item) => unread(item.elements))]);
        assert.deepEqual(unread(read.scanned.dataset.elements), [0x00291010, 0x0040a160, document]);
        // The first read, 64 KiB after each of the first two unread values, and the rest after the last one.
        const last = read.scanned.dataset.elements.find((e) => e.tag === document)!;
        assert.deepEqual([read.requests, read.bytesRead], [4, 256 * 1024 + 2 * 65536 + object.length - (last.valueOffset + last.length)]);
        const whole = await readHeader(memorySource(object), object.length, { ...DEFAULT_READ_OPTIONS, firstReadMaxBytes: object.length, firstReadShare: 1 });
        assert.equal(whole.requests, 1);
        const location = { bucket: "images", key: "doc.dcm" };
        assert.deepEqual(buildItem(read, location), buildItem(whole, location));
        const dicom = buildItem(read, location).dicom!;
        assert.equal(dicom["00420012"].Value?.[0], "application/pdf");
        assert.match(dicom["00420011"].BulkDataURI!, /^s3:\/\/images\/doc\.dcm\?offset=\d+&length=5000000$/);
    });

    it("does not count values left unread against the header cap", async () => {
        const object = encodePart10([{ tag: 0x00420011, vr: "OB", value: Buffer.alloc(5_000_000, 7) }, { tag: 0x00420012, vr: "LO", value: "application/pdf" }]);
        const read = await readHeader(memorySource(object), object.length, { ...DEFAULT_READ_OPTIONS, maxHeaderBytes: 1_000_000 });
        assert.deepEqual([read.requests, read.bytesRead < 1_000_000], [2, true]);
    });

    it("reads a large value that ends the object no further, and rejects one cut short", async () => {
        const object = encodePart10([{ tag: 0x00420011, vr: "OB", value: Buffer.alloc(5_000_000, 7) }]);
        const read = await readHeader(memorySource(object), object.length);
        assert.deepEqual([read.requests, read.bytesRead], [1, 256 * 1024]);
        const cut = object.subarray(0, object.length - 1000);
        const valueOffset = object.length - 5_000_000;
        await assert.rejects(readHeader(memorySource(cut), cut.length),
            { name: "DicomFormatError", message: `truncated: the value of (0042,0011) at offset ${valueOffset} needs ${object.length} bytes, the data has ${cut.length}` });
    });
});
