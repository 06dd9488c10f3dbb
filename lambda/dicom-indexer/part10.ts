/** A DICOM Part 10 file's structure: preamble, File Meta Information, then the data set (PS3.10 7.1). */
import * as zlib from "node:zlib";
import { DicomFormatError, formatTag, NeedMoreBytesError, ScannedElement, ScannedStream, Scanner, StreamView } from "./scanner";
import { DatasetEncoding, encodingOf } from "./transferSyntax";

const PREAMBLE_LENGTH = 128;
const META_ENCODING: DatasetEncoding = { littleEndian: true, explicitVr: true, deflated: false };
const TRANSFER_SYNTAX_UID = 0x00020010;
/** The meta group has no private elements. */
const NO_CREATORS: Map<number, string> = new Map();

export interface FileMeta {
    elements: ScannedElement[];
    transferSyntaxUid: string;
    /** Offset of the data set: the end of the meta group. */
    datasetStart: number;
}

/** Reads the preamble and the meta group from the object's first bytes. */
export function parseFileMeta(view: StreamView): FileMeta {
    const scanner = new Scanner(view);
    if (view.complete && view.bytes.length === 0) throw new DicomFormatError("empty object");
    scanner.require(PREAMBLE_LENGTH + 4, () => "the DICOM preamble");
    if (view.bytes.toString("latin1", PREAMBLE_LENGTH, PREAMBLE_LENGTH + 4) !== "DICM") {
        throw new DicomFormatError("not a DICOM Part 10 file (no DICM prefix at offset 128)");
    }
    const elements: ScannedElement[] = [];
    let pos = PREAMBLE_LENGTH + 4;
    for (;;) {
        if (view.complete && pos === view.bytes.length) break;
        scanner.require(pos + 2, () => `the element at offset ${pos}`);
        if (view.bytes.readUInt16LE(pos) !== 0x0002) break;
        const head = scanner.header(pos, META_ENCODING, NO_CREATORS);
        if (head.length === 0xffffffff) throw new DicomFormatError(`undefined length in meta element ${formatTag(head.tag)}`);
        scanner.require(head.valueOffset + head.length, () => `the meta element ${formatTag(head.tag)}`);
        // Built field by field: an object spread here costs more than the rest of the meta group.
        elements.push({ tag: head.tag, vr: head.vr, valueOffset: head.valueOffset, length: head.length, extent: head.length, littleEndian: true });
        pos = head.valueOffset + head.length;
    }
    const syntax = elements.find((e) => e.tag === TRANSFER_SYNTAX_UID);
    if (syntax === undefined) throw new DicomFormatError("the File Meta Information has no Transfer Syntax UID (0002,0010)");
    const transferSyntaxUid = view.bytes.toString("latin1", syntax.valueOffset, syntax.valueOffset + syntax.length).replace(/[\0 ]+$/, "");
    return { elements, transferSyntaxUid, datasetStart: pos };
}

/** VRs a first element's header can show (PS3.5 6.2). */
const KNOWN_VRS = new Set(["AE", "AS", "AT", "CS", "DA", "DS", "DT", "FL", "FD", "IS", "LO", "LT", "OB", "OD", "OF", "OL",
    "OV", "OW", "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM", "UC", "UI", "UL", "UN", "UR", "US", "UT", "UV"]);

/**
 * Some writers encode the data set implicitly under an explicit transfer syntax or the reverse; like pydicom
 * and dcmtk, trust the first element's header over the meta group when they disagree.
 */
function actualEncoding(view: StreamView, datasetStart: number, declared: DatasetEncoding): DatasetEncoding {
    if (view.bytes.length < datasetStart + 6) return declared;
    const looksExplicit = KNOWN_VRS.has(view.bytes.toString("latin1", datasetStart + 4, datasetStart + 6));
    return looksExplicit === declared.explicitVr ? declared : { ...declared, explicitVr: looksExplicit };
}

export interface ScannedObject {
    meta: FileMeta;
    encoding: DatasetEncoding;
    /** The data set's stream: the object's bytes, or the inflated data set for deflated transfer syntaxes. */
    stream: Buffer;
    scanned: ScannedStream;
}

/** Thrown when inflating the header would exceed the cap: a deflate bomb or an absurd header. */
export class HeaderTooLargeError extends DicomFormatError {
    override name = "HeaderTooLargeError";
}

/**
 * Inflates a deflated data set's fetched compressed bytes. Z_SYNC_FLUSH returns what a cut stream holds
 * instead of failing; when the output would pass `maxInflatedBytes`, less input is inflated.
 */
function inflatePrefix(compressed: Buffer, maxInflatedBytes: number): { inflated: Buffer; usedAllInput: boolean } {
    let inputLength = compressed.length;
    for (;;) {
        try {
            const inflated = zlib.inflateRawSync(compressed.subarray(0, inputLength), {
                finishFlush: zlib.constants.Z_SYNC_FLUSH,
                maxOutputLength: maxInflatedBytes,
            });
            return { inflated, usedAllInput: inputLength === compressed.length };
        } catch (error) {
            const code = (error as NodeJS.ErrnoException).code;
            if (code !== "ERR_BUFFER_TOO_LARGE" || inputLength <= 1024) {
                throw new DicomFormatError(`the deflated data set cannot be inflated (${code ?? "invalid data"})`);
            }
            inputLength = Math.floor(inputLength / 2);
        }
    }
}

/**
 * Scans the object's fetched prefix (`complete` when it is the whole object). Throws NeedMoreBytesError with an
 * offset in the object when more bytes are needed (for deflated data, an estimate), or DicomFormatError.
 */
export function scanObject(view: StreamView, maxInflatedBytes: number): ScannedObject {
    const meta = parseFileMeta(view);
    const declared = encodingOf(meta.transferSyntaxUid);
    if (!declared.deflated) {
        const encoding = actualEncoding(view, meta.datasetStart, declared);
        const scanned = new Scanner(view).scanDataset(meta.datasetStart, encoding, 0);
        return { meta, encoding, stream: view.bytes, scanned };
    }
    const encoding = declared;
    const { inflated, usedAllInput } = inflatePrefix(view.bytes.subarray(meta.datasetStart), maxInflatedBytes);
    const inflatedView: StreamView = { bytes: inflated, complete: view.complete && usedAllInput };
    try {
        const scanned = new Scanner(inflatedView).scanDataset(0, encoding, 0);
        return { meta, encoding, stream: inflated, scanned };
    } catch (error) {
        if (!(error instanceof NeedMoreBytesError)) throw error;
        if (!usedAllInput) throw new HeaderTooLargeError(`the inflated header exceeds ${maxInflatedBytes} bytes`);
        // Compressed and inflated offsets do not correspond: ask for twice the compressed bytes.
        throw new NeedMoreBytesError(view.bytes.length * 2);
    }
}
