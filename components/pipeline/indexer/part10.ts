/** A DICOM Part 10 file's structure: preamble, File Meta Information, then the data set (PS3.10 7.1). */
import * as zlib from "node:zlib";
import { DicomFormatError, formatTag, NeedMoreBytesError, ScannedElement, ScannedStream, Scanner, StreamView } from "./scanner";
import { DatasetEncoding, encodingOf } from "./transferSyntax";

const PREAMBLE_LENGTH = 128;
const META_ENCODING: DatasetEncoding = { littleEndian: true, explicitVr: true, deflated: false };
const MEDIA_STORAGE_SOP_CLASS_UID = 0x00020002;
const MEDIA_STORAGE_SOP_INSTANCE_UID = 0x00020003;
const TRANSFER_SYNTAX_UID = 0x00020010;
/** The meta group has no private elements. */
const NO_CREATORS: Map<number, string> = new Map();

export interface FileMeta {
    elements: ScannedElement[];
    transferSyntaxUid: string;
    /** (0002,0002) and (0002,0003): the SOP Class and Instance of the data set the file holds (PS3.10 7.1). */
    sopClassUid?: string;
    sopInstanceUid?: string;
    /** Offset of the data set: the end of the meta group. */
    datasetStart: number;
}

/** A UI value without its padding (a NUL, or a space from lax writers). */
export function uidValue(stream: Buffer, element: ScannedElement): string {
    return stream.toString("latin1", element.valueOffset, element.valueOffset + element.length).replace(/[\0 ]+$/, "");
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
    const uid = (tag: number) => {
        const element = elements.find((e) => e.tag === tag);
        return element === undefined ? undefined : uidValue(view.bytes, element);
    };
    const transferSyntaxUid = uid(TRANSFER_SYNTAX_UID);
    if (transferSyntaxUid === undefined) throw new DicomFormatError("the File Meta Information has no Transfer Syntax UID (0002,0010)");
    return { elements, transferSyntaxUid, sopClassUid: uid(MEDIA_STORAGE_SOP_CLASS_UID), sopInstanceUid: uid(MEDIA_STORAGE_SOP_INSTANCE_UID), datasetStart: pos };
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
    /** A deflated data set's whole inflated length, known when the object was read whole. */
    inflatedLength?: number;
}

/** Thrown when inflating the header would exceed the cap: a deflate bomb or an absurd header. */
export class HeaderTooLargeError extends DicomFormatError {
    override name = "HeaderTooLargeError";
}

function inflateError(error: unknown): DicomFormatError {
    const code = (error as NodeJS.ErrnoException).code;
    return new DicomFormatError(`the deflated data set cannot be inflated (${code ?? "invalid data"})`);
}

/**
 * Inflates a deflated data set's fetched compressed bytes when the object continues past them. Z_SYNC_FLUSH
 * returns what the prefix holds instead of failing; when the output would pass `maxInflatedBytes`, less input
 * is inflated.
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
            if ((error as NodeJS.ErrnoException).code !== "ERR_BUFFER_TOO_LARGE" || inputLength <= 1024) throw inflateError(error);
            inputLength = Math.floor(inputLength / 2);
        }
    }
}

/**
 * Inflates the whole object's deflated data set, which must end where its deflate stream ends (RFC 1951 final
 * block): a cut object inflates to a plausible but partial data set, so a stream without its end is truncated.
 * Bytes after the stream's end are ignored, as dcmtk and pydicom do (pydicom's image_dfl.dcm has a gzip trailer).
 * The whole data set is held to check it, so one inflating past the cap cannot be checked and is refused.
 */
function inflateWhole(compressed: Buffer, maxInflatedBytes: number): Buffer {
    try {
        return zlib.inflateRawSync(compressed, { maxOutputLength: maxInflatedBytes });
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "Z_BUF_ERROR") throw new DicomFormatError("truncated: the deflated data set's stream ends before its final block");
        if (code === "ERR_BUFFER_TOO_LARGE") {
            throw new HeaderTooLargeError(`the deflated data set inflates to more than ${maxInflatedBytes} bytes, too many to check that it is whole`);
        }
        throw inflateError(error);
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
    const compressed = view.bytes.subarray(meta.datasetStart);
    const { inflated, usedAllInput } = view.complete
        ? { inflated: inflateWhole(compressed, maxInflatedBytes), usedAllInput: true }
        : inflatePrefix(compressed, maxInflatedBytes);
    const inflatedView: StreamView = { bytes: inflated, complete: view.complete };
    try {
        const scanned = new Scanner(inflatedView).scanDataset(0, encoding, 0);
        return { meta, encoding, stream: inflated, scanned, inflatedLength: view.complete ? inflated.length : undefined };
    } catch (error) {
        if (!(error instanceof NeedMoreBytesError)) throw error;
        if (!usedAllInput) throw new HeaderTooLargeError(`the inflated header exceeds ${maxInflatedBytes} bytes`);
        // Compressed and inflated offsets do not correspond: ask for twice the compressed bytes.
        throw new NeedMoreBytesError(view.bytes.length * 2);
    }
}
