/**
 * A varied corpus of DICOM objects for asking Orthanc what it stores: pydicom's test files, the dcmtk fixtures,
 * and variants of a CT and of the rich dcmtk file made with dcmtk (dcmconv, dcmodify, dump2dcm) or by editing
 * bytes where the tools refuse to write a broken file: File Meta Information that disagrees with the data set
 * (SOP Class, SOP Instance, transfer syntax claims, missing or extra meta elements, wrong group lengths), raw
 * data sets without a meta group, images without pixel data, odd VRs and lengths, private tags, undefined
 * lengths, deflate, big endian, objects cut at every top-level element boundary and inside elements, trailing
 * bytes, empty and tiny objects.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { readHeader } from "../../components/pipeline/indexer/headerReader";
import { fileSize, fileSource } from "../../components/pipeline/indexer/fileSource";
import { writeDcmtkFixtures } from "./dcmtkFixtures";
import { encodeElements, TestElement } from "./dicomWriter";
import { pydicomDataDir } from "./oracle";

export interface CorpusFile {
    /** Unique, says what the variant is. */
    name: string;
    file: string;
}

const IMPLICIT_LE = "1.2.840.10008.1.2";
const EXPLICIT_LE = "1.2.840.10008.1.2.1";
const EXPLICIT_BE = "1.2.840.10008.1.2.2";
const DEFLATED = "1.2.840.10008.1.2.1.99";
const JPEG_BASELINE = "1.2.840.10008.1.2.4.50";

/** A Part 10 file's preamble, its meta elements (explicit VR little endian, group length left out) and its data set bytes. */
interface Part10 {
    preamble: Buffer;
    meta: { tag: number; vr: string; value: Buffer }[];
    dataset: Buffer;
}

function splitPart10(bytes: Buffer): Part10 {
    if (bytes.toString("latin1", 128, 132) !== "DICM") throw new Error("not a Part 10 file");
    const meta: Part10["meta"] = [];
    let pos = 132;
    while (pos + 8 <= bytes.length && bytes.readUInt16LE(pos) === 0x0002) {
        const tag = ((bytes.readUInt16LE(pos) << 16) | bytes.readUInt16LE(pos + 2)) >>> 0;
        const vr = bytes.toString("latin1", pos + 4, pos + 6);
        const long = ["OB", "OW", "UN", "UT", "SQ", "UC", "UR"].includes(vr);
        const length = long ? bytes.readUInt32LE(pos + 8) : bytes.readUInt16LE(pos + 6);
        const valueOffset = pos + (long ? 12 : 8);
        if (tag !== 0x00020000) meta.push({ tag, vr, value: bytes.subarray(valueOffset, valueOffset + length) });
        pos = valueOffset + length;
    }
    return { preamble: bytes.subarray(0, 128), meta, dataset: bytes.subarray(pos) };
}

interface JoinOptions {
    /** The group length written: the right one (default), none, or this value. */
    groupLength?: "right" | "none" | number;
}

function joinPart10(part: Part10, options: JoinOptions = {}): Buffer {
    const elements = encodeElements(part.meta.map((e) => ({ tag: e.tag, vr: e.vr, value: e.value })));
    const length = options.groupLength ?? "right";
    const groupLength = Buffer.alloc(4);
    groupLength.writeUInt32LE(length === "right" || length === "none" ? elements.length : length);
    const lengthElement = length === "none" ? Buffer.alloc(0) : encodeElements([{ tag: 0x00020000, vr: "UL", value: groupLength }]);
    return Buffer.concat([part.preamble, Buffer.from("DICM", "latin1"), lengthElement, elements, part.dataset]);
}

const uid = (value: string): Buffer => Buffer.from(value.length % 2 === 0 ? value : `${value}\0`, "latin1");

/** The part with meta element `tag` replaced by `value` (a UID), or removed when `value` is undefined. */
function withMeta(part: Part10, tag: number, value?: string): Part10 {
    const meta = part.meta.filter((e) => e.tag !== tag);
    if (value !== undefined) meta.push({ tag, vr: "UI", value: uid(value) });
    meta.sort((a, b) => a.tag - b.tag);
    return { ...part, meta };
}

function dcmtk(command: string, args: string[]): void {
    execFileSync(command, args, { stdio: ["ignore", "ignore", "pipe"] });
}

/** Top-level element boundaries of a whole, readable object (offsets where a cut leaves whole elements). */
async function elementBoundaries(file: string): Promise<number[]> {
    const read = await readHeader(fileSource(file), await fileSize(file));
    return [read.meta.datasetStart, ...read.scanned.dataset.elements.map((e) => e.valueOffset + e.extent)];
}

/** Writes the corpus into `dir` and lists it. */
export async function writeOrthancCorpus(dir: string): Promise<CorpusFile[]> {
    const files: CorpusFile[] = [];
    const add = (name: string, bytes: Buffer) => {
        const file = path.join(dir, `${name}.dcm`);
        fs.writeFileSync(file, bytes);
        files.push({ name, file });
    };
    const fromTool = (name: string, command: string, args: (output: string) => string[]) => {
        const file = path.join(dir, `${name}.dcm`);
        dcmtk(command, args(file));
        files.push({ name, file });
    };

    for (const sub of ["test_files", "charset_files"]) {
        const root = path.join(pydicomDataDir(), sub);
        for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
            if (!entry.isFile()) continue;
            const full = path.join(entry.parentPath, entry.name);
            files.push({ name: `pydicom/${path.relative(root, full)}`, file: full });
        }
    }
    const fixtureDir = path.join(dir, "fixtures");
    fs.mkdirSync(fixtureDir);
    for (const file of writeDcmtkFixtures(fixtureDir)) files.push({ name: `dcmtk/${path.basename(file, ".dcm")}`, file });

    const ctFile = path.join(pydicomDataDir(), "test_files", "CT_small.dcm");
    const ct = fs.readFileSync(ctFile);
    const ctPart = splitPart10(ct);
    const rich = path.join(fixtureDir, "rich_explicit_le.dcm");
    const richPart = splitPart10(fs.readFileSync(rich));

    // The meta group against the data set (PS3.10 7.1): identity, transfer syntax claims, missing and extra elements.
    add("meta-sop-instance-differs", joinPart10(withMeta(ctPart, 0x00020003, "1.2.826.0.1.3680043.2.1125.999")));
    add("meta-sop-class-differs", joinPart10(withMeta(ctPart, 0x00020002, "1.2.840.10008.5.1.4.1.1.7")));
    add("meta-sop-class-and-instance-differ", joinPart10(withMeta(withMeta(ctPart, 0x00020002, "1.2.840.10008.5.1.4.1.1.4"), 0x00020003, "1.2.3.4.5")));
    add("meta-sop-instance-empty", joinPart10(withMeta(ctPart, 0x00020003, "")));
    for (const [tag, what] of [[0x00020001, "version"], [0x00020002, "sop-class"], [0x00020003, "sop-instance"], [0x00020010, "transfer-syntax"],
        [0x00020012, "implementation-class"]] as const) {
        add(`meta-no-${what}`, joinPart10(withMeta(ctPart, tag)));
    }
    add("meta-no-sop-class-nor-instance", joinPart10(withMeta(withMeta(ctPart, 0x00020002), 0x00020003)));
    add("meta-only-transfer-syntax", joinPart10({ ...ctPart, meta: ctPart.meta.filter((e) => e.tag === 0x00020010) }));
    add("meta-no-group-length", joinPart10(ctPart, { groupLength: "none" }));
    add("meta-group-length-too-short", joinPart10(ctPart, { groupLength: 20 }));
    add("meta-group-length-too-long", joinPart10(ctPart, { groupLength: 4000 }));
    add("meta-private-element", joinPart10({ ...ctPart, meta: [...ctPart.meta, { tag: 0x00020100, vr: "UI", value: uid("1.2.3") }] }));
    const implicitCt = path.join(dir, "ct-implicit.dcm");
    dcmtk("dcmconv", ["+ti", ctFile, implicitCt]);
    const implicitPart = splitPart10(fs.readFileSync(implicitCt));
    const bigCt = path.join(dir, "ct-big-endian.dcm");
    dcmtk("dcmconv", ["+tb", ctFile, bigCt]);
    const bigPart = splitPart10(fs.readFileSync(bigCt));
    add("ts-claims-implicit-data-explicit", joinPart10(withMeta(ctPart, 0x00020010, IMPLICIT_LE)));
    add("ts-claims-explicit-data-implicit", joinPart10(withMeta(implicitPart, 0x00020010, EXPLICIT_LE)));
    add("ts-claims-big-endian-data-little", joinPart10(withMeta(ctPart, 0x00020010, EXPLICIT_BE)));
    add("ts-claims-little-endian-data-big", joinPart10(withMeta(bigPart, 0x00020010, EXPLICIT_LE)));
    add("ts-claims-deflated-data-plain", joinPart10(withMeta(ctPart, 0x00020010, DEFLATED)));
    add("ts-claims-plain-data-deflated", joinPart10(withMeta({ ...ctPart, dataset: zlib.deflateRawSync(ctPart.dataset) }, 0x00020010, EXPLICIT_LE)));
    add("ts-claims-jpeg-data-native", joinPart10(withMeta(ctPart, 0x00020010, JPEG_BASELINE)));
    add("ts-unknown-uid", joinPart10(withMeta(ctPart, 0x00020010, "1.2.3.4.5.6")));
    add("ts-empty", joinPart10(withMeta(ctPart, 0x00020010, "")));

    // No meta group: raw data sets (dcmconv -F), and a meta group without the preamble.
    fromTool("raw-explicit-le", "dcmconv", (out) => ["-F", "+te", ctFile, out]);
    fromTool("raw-implicit-le", "dcmconv", (out) => ["-F", "+ti", ctFile, out]);
    fromTool("raw-explicit-be", "dcmconv", (out) => ["-F", "+tb", ctFile, out]);
    fromTool("raw-rich-implicit", "dcmconv", (out) => ["-F", "+ti", rich, out]);
    add("no-preamble-with-meta", joinPart10(ctPart).subarray(128));
    add("dicm-without-meta", Buffer.concat([ctPart.preamble, Buffer.from("DICM", "latin1"), ctPart.dataset]));

    // The data set: identifying attributes missing or empty, images without pixel data.
    for (const [tag, what] of [["(0008,0016)", "sop-class"], ["(0008,0018)", "sop-instance"], ["(0020,000d)", "study"], ["(0020,000e)", "series"],
        ["(0010,0020)", "patient-id"], ["(7fe0,0010)", "pixel-data"], ["(0028,0010)", "rows"]] as const) {
        fromTool(`dataset-no-${what}`, "dcmodify", (out) => { fs.copyFileSync(ctFile, out); return ["-nb", "-nmu", "-e", tag, out]; });
    }
    fromTool("dataset-empty-sop-class", "dcmodify", (out) => { fs.copyFileSync(ctFile, out); return ["-nb", "-nmu", "-m", "(0008,0016)=", out]; });
    fromTool("dataset-no-pixel-data-multiframe", "dcmodify", (out) => { fs.copyFileSync(rich, out); return ["-nb", "-e", "(7fe0,0010)", out]; });
    fromTool("dataset-no-pixel-data-implicit", "dcmodify", (out) => { dcmtk("dcmconv", ["+ti", ctFile, out]); return ["-nb", "-e", "(7fe0,0010)", out]; });

    // Encodings and odd content dcmtk writes.
    fromTool("rich-undefined-lengths-implicit", "dcmconv", (out) => ["+ti", "-e", rich, out]);
    fromTool("rich-deflated-level-9", "dcmconv", (out) => ["+td", "+cl", "9", rich, out]);
    fromTool("rich-padded", "dcmconv", (out) => ["+p", "256", "64", rich, out]);
    const oddDump = path.join(dir, "odd.dump");
    fs.writeFileSync(oddDump, [
        "(0002,0010) UI =LittleEndianExplicit", "(0008,0016) UI =SecondaryCaptureImageStorage", "(0008,0018) UI [1.2.826.0.1.3680043.2.1125.77]",
        "(0009,0010) LO [ODD VENDOR]", "(0009,1001) UN 01\\02\\03", "(0009,1002) UT [private text]", "(0010,0010) PN [Odd^Values]",
        "(0018,0050) DS [not a number]", "(0020,000d) UI [1.2.826.0.1.3680043.2.1125.78]", "(0020,000e) UI [1.2.826.0.1.3680043.2.1125.79]",
        "(0020,0013) IS [x1]", "(0028,0030) DS [1e400\\-0]", "(0099,0010) LO [OTHER]", "(0099,1001) SQ (Sequence with undefined length)",
        "  (fffe,e000) na (Item with undefined length)", "    (0010,0020) LO [nested]", "  (fffe,e00d) na", "(fffe,e0dd) na", "",
    ].join("\n"));
    fromTool("odd-values-private", "dump2dcm", (out) => [oddDump, out]);
    // An Encapsulated PDF whose document the indexer leaves unread (reader.test.ts: such values do not count against
    // the header cap; a 70 MB one, stored by Orthanc 1.10 and 1.12.7 alike, made uploads time out on a loaded machine).
    const pdf = path.join(dir, "document.raw");
    fs.writeFileSync(pdf, Buffer.alloc(8_000_000, "%PDF-1.7 "));
    const pdfDump = path.join(dir, "pdf.dump");
    fs.writeFileSync(pdfDump, [
        "(0002,0010) UI =LittleEndianExplicit", "(0008,0016) UI =EncapsulatedPDFStorage", "(0008,0018) UI [1.2.826.0.1.3680043.2.1125.80]",
        "(0008,0060) CS [DOC]", "(0020,000d) UI [1.2.826.0.1.3680043.2.1125.81]", "(0020,000e) UI [1.2.826.0.1.3680043.2.1125.82]",
        `(0042,0011) OB =${pdf}`, "(0042,0012) LO [application/pdf]", "",
    ].join("\n"));
    fromTool("large-encapsulated-document", "dump2dcm", (out) => ["+l", "100000000", pdfDump, out]);
    fs.rmSync(pdf);

    // Bytes no tool writes: odd VRs and lengths, elements out of order, after Pixel Data, trailing bytes, cuts.
    const crafted = (name: string, elements: TestElement[]) =>
        add(name, joinPart10({ ...ctPart, dataset: Buffer.concat([ctPart.dataset, encodeElements(elements)]) }));
    crafted("after-pixel-data-element", [{ tag: 0x7fe10010, vr: "LO", value: "after pixels" }]);
    crafted("trailing-padding-element", [{ tag: 0xfffcfffc, vr: "OB", value: Buffer.alloc(64) }]);
    add("odd-length-value", replaceFirst(ct, Buffer.from("GE MEDICAL SYSTEMS", "latin1"), 1));
    add("unknown-vr", relabelVr(ct, 0x00100010, "ZZ"));
    add("lowercase-vr", relabelVr(ct, 0x00100010, "pn"));
    for (const extra of [1, 2, 4, 7, 8, 16, 100]) add(`trailing-${extra}-zero-bytes`, Buffer.concat([ct, Buffer.alloc(extra)]));
    add("trailing-text", Buffer.concat([ct, Buffer.from("garbage after the data set\n", "latin1")]));
    add("trailing-8-ff-bytes", Buffer.concat([ct, Buffer.alloc(8, 0xff)]));
    const boundaries = await elementBoundaries(ctFile);
    for (const cut of boundaries) add(`cut-at-element-end-${cut}`, ct.subarray(0, cut));
    for (const cut of [boundaries[5] + 3, boundaries[20] + 9, boundaries[boundaries.length - 1] + 6, ct.length - 2, ct.length - 1000]) {
        add(`cut-inside-element-${cut}`, ct.subarray(0, cut));
    }
    const jpeg = fs.readFileSync(path.join(pydicomDataDir(), "test_files", "SC_rgb_jpeg_dcmtk.dcm"));
    add("encapsulated-cut-in-fragment", jpeg.subarray(0, jpeg.length - 100));
    add("encapsulated-no-sequence-delimiter", jpeg.subarray(0, jpeg.length - 8));
    const deflated = fs.readFileSync(path.join(fixtureDir, "rich_deflated.dcm"));
    add("deflated-cut", deflated.subarray(0, deflated.length - 50));
    add("deflated-trailing-bytes", Buffer.concat([deflated, Buffer.alloc(10, 0x55)]));
    add("empty", Buffer.alloc(0));
    add("one-byte", Buffer.alloc(1));
    add("preamble-only", Buffer.alloc(128));
    add("dicm-only", Buffer.concat([Buffer.alloc(128), Buffer.from("DICM", "latin1")]));
    add("meta-only", joinPart10({ ...ctPart, dataset: Buffer.alloc(0) }));
    add("text", Buffer.from("not DICOM at all\n".repeat(20), "latin1"));
    add("rich-meta-sop-instance-differs", joinPart10(withMeta(richPart, 0x00020003, "1.2.826.0.1.3680043.2.1125.555")));
    return files;
}

/** `bytes` with the first occurrence of `needle` shortened by `by` bytes and its 2-byte length fixed (explicit VR short form). */
function replaceFirst(bytes: Buffer, needle: Buffer, by: number): Buffer {
    const at = bytes.indexOf(needle);
    const length = bytes.readUInt16LE(at - 2);
    const out = Buffer.concat([bytes.subarray(0, at + length - by), bytes.subarray(at + length)]);
    out.writeUInt16LE(length - by, at - 2);
    return out;
}

/** `bytes` with the VR of the first top-level element `tag` (explicit VR little endian, short form) relabelled. */
function relabelVr(bytes: Buffer, tag: number, vr: string): Buffer {
    const header = Buffer.alloc(4);
    header.writeUInt16LE(tag >>> 16, 0);
    header.writeUInt16LE(tag & 0xffff, 2);
    const out = Buffer.from(bytes);
    out.write(vr, out.indexOf(header, 132) + 4, "latin1");
    return out;
}
