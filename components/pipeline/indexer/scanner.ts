/**
 * Structural scanner of a DICOM data set: finds every element's tag, VR, value offset and length, descends
 * into sequences (defined or undefined length, UN sequences) and encapsulated fragments, and stops at the
 * first top-level Pixel Data element. It decodes nothing but private creators; values are decoded later.
 */
import { lookupTag, privateVr, tagKey } from "./dictionary";
import { DatasetEncoding } from "./transferSyntax";

/** The scanner needs the stream's bytes up to `neededEnd` and the caller has not fetched them yet. */
export class NeedMoreBytesError extends Error {
    constructor(readonly neededEnd: number) {
        super(`needs the bytes up to offset ${neededEnd}`);
    }
}

/** The object is not a well-formed DICOM file (non-DICOM, truncated, malformed). */
export class DicomFormatError extends Error {
    override name = "DicomFormatError";
}

const UNDEFINED_LENGTH = 0xffffffff;
const ITEM = 0xfffee000;
const ITEM_DELIMITATION = 0xfffee00d;
const SEQUENCE_DELIMITATION = 0xfffee0dd;
/** Pixel Data, Float Pixel Data, Double Float Pixel Data: the header ends at the first of them at top level. */
export const PIXEL_DATA_TAGS: ReadonlySet<number> = new Set([0x7fe00010, 0x7fe00008, 0x7fe00009]);
/** VRs whose explicit encoding has a 2-byte length (PS3.5 7.1.2); every other VR has a 4-byte one. */
const SHORT_LENGTH_VRS = new Set(["AE", "AS", "AT", "CS", "DA", "DS", "DT", "FL", "FD", "IS", "LO", "LT", "PN",
    "SH", "SL", "SS", "ST", "TM", "UI", "UL", "US"]);
/** Deeper nesting than any real object has: a guard against crafted input exhausting the stack. */
const MAX_NESTING = 64;
const UN_SEQUENCE_ENCODING: DatasetEncoding = { littleEndian: true, explicitVr: false, deflated: false };

export interface ScannedElement {
    tag: number;
    /** Effective VR: explicit, or from the dictionary (alternatives such as "US|SS" resolved later); "SQ" when items were parsed. */
    vr: string;
    valueOffset: number;
    /** Encoded value length, UNDEFINED_LENGTH when undefined. */
    length: number;
    /** Bytes the value occupies in the stream, delimiters included (unknown, -1, for the top-level Pixel Data). */
    extent: number;
    littleEndian: boolean;
    items?: ScannedDataset[];
    /** The value is encapsulated (fragments in items). */
    encapsulated?: boolean;
}

export interface ScannedDataset {
    elements: ScannedElement[];
}

/** The bytes of the stream fetched so far. */
export interface StreamView {
    bytes: Buffer;
    /** `bytes` holds the whole stream: nothing more can be fetched. */
    complete: boolean;
}

export interface ScannedStream {
    dataset: ScannedDataset;
    /** The top-level Pixel Data element (value not read), when the object has one. */
    pixelData?: ScannedElement;
    /** Offset just past the header: the Pixel Data value's start, or the stream's end. */
    headerEnd: number;
}

export function formatTag(tag: number): string {
    const hex = tagKey(tag);
    return `(${hex.slice(0, 4)},${hex.slice(4)})`;
}

interface ElementHeader {
    tag: number;
    vr: string;
    length: number;
    valueOffset: number;
}

export class Scanner {
    constructor(private readonly view: StreamView) {}

    /** Throws NeedMoreBytesError (more can be fetched) or DicomFormatError (the object ends before `end`). */
    require(end: number, what: () => string): void {
        if (end <= this.view.bytes.length) return;
        if (this.view.complete) {
            throw new DicomFormatError(`truncated: ${what()} needs ${end} bytes, the data has ${this.view.bytes.length}`);
        }
        throw new NeedMoreBytesError(end);
    }

    private tagAt(pos: number, littleEndian: boolean): number {
        const bytes = this.view.bytes;
        const group = littleEndian ? bytes.readUInt16LE(pos) : bytes.readUInt16BE(pos);
        const element = littleEndian ? bytes.readUInt16LE(pos + 2) : bytes.readUInt16BE(pos + 2);
        return ((group << 16) | element) >>> 0;
    }

    private u32(pos: number, littleEndian: boolean): number {
        return littleEndian ? this.view.bytes.readUInt32LE(pos) : this.view.bytes.readUInt32BE(pos);
    }

    /** Reads the element header at `pos`; item tags have no VR in any encoding. */
    header(pos: number, encoding: DatasetEncoding, creators: Map<number, string>): ElementHeader {
        this.require(pos + 8, () => `the element header at offset ${pos}`);
        const tag = this.tagAt(pos, encoding.littleEndian);
        if (!encoding.explicitVr || tag >>> 16 === 0xfffe) {
            return { tag, vr: implicitVr(tag, creators), length: this.u32(pos + 4, encoding.littleEndian), valueOffset: pos + 8 };
        }
        const first = this.view.bytes[pos + 4];
        const second = this.view.bytes[pos + 5];
        if (first < 0x41 || first > 0x5a || second < 0x41 || second > 0x5a) {
            throw new DicomFormatError(`invalid VR at offset ${pos + 4} in element ${formatTag(tag)}`);
        }
        const vr = String.fromCharCode(first, second);
        if (SHORT_LENGTH_VRS.has(vr)) {
            const length = encoding.littleEndian ? this.view.bytes.readUInt16LE(pos + 6) : this.view.bytes.readUInt16BE(pos + 6);
            return { tag, vr, length, valueOffset: pos + 8 };
        }
        this.require(pos + 12, () => `the element header of ${formatTag(tag)}`);
        return { tag, vr, length: this.u32(pos + 8, encoding.littleEndian), valueOffset: pos + 12 };
    }

    /**
     * Scans a data set from `start`: the top level (until Pixel Data or the stream's end), an item of known
     * `end`, or an undefined-length item (until its delimiter).
     */
    scanDataset(start: number, encoding: DatasetEncoding, depth: number, end?: number | "delimited"): ScannedStream & { next: number } {
        if (depth > MAX_NESTING) throw new DicomFormatError(`sequences nested deeper than ${MAX_NESTING} levels`);
        const elements: ScannedElement[] = [];
        const creators = new Map<number, string>();
        let pos = start;
        for (;;) {
            if (typeof end === "number" && pos >= end) {
                if (pos > end) throw new DicomFormatError(`an element overruns its item ending at offset ${end}`);
                return { dataset: { elements }, headerEnd: pos, next: pos };
            }
            if (end === undefined && this.view.complete && pos + 8 > this.view.bytes.length) {
                const stray = this.view.bytes.length - pos;
                if (stray === 0) return { dataset: { elements }, headerEnd: pos, next: pos };
                throw new DicomFormatError(`the data ends in ${stray} stray bytes at offset ${pos}`);
            }
            const head = this.header(pos, encoding, creators);
            if (head.tag === ITEM_DELIMITATION && end === "delimited") {
                return { dataset: { elements }, headerEnd: pos + 8, next: pos + 8 };
            }
            if (head.tag >>> 16 === 0xfffe) {
                throw new DicomFormatError(`unexpected delimiter ${formatTag(head.tag)} at offset ${pos}`);
            }
            if (depth === 0 && PIXEL_DATA_TAGS.has(head.tag)) {
                const pixelData: ScannedElement = { tag: head.tag, vr: head.vr, valueOffset: head.valueOffset, length: head.length, extent: -1, littleEndian: encoding.littleEndian };
                return { dataset: { elements }, pixelData, headerEnd: head.valueOffset, next: head.valueOffset };
            }
            const element = this.scanValue(head, encoding, depth, creators);
            elements.push(element);
            pos = element.valueOffset + element.extent;
        }
    }

    private scanValue(head: ElementHeader, encoding: DatasetEncoding, depth: number, creators: Map<number, string>): ScannedElement {
        const { tag, length, valueOffset } = head;
        const knownVr = head.vr === "UN" ? dictionaryVr(tag, creators) : undefined;
        const undefinedLength = length === UNDEFINED_LENGTH;
        if (head.vr === "SQ" || knownVr === "SQ" || (undefinedLength && (head.vr === "UN" || !encoding.explicitVr) && !PIXEL_DATA_TAGS.has(tag))) {
            // UN values (and so UN sequences) are always implicit VR little endian (PS3.5 6.2.2).
            const itemEncoding = head.vr === "SQ" ? encoding : UN_SEQUENCE_ENCODING;
            const { items, extent } = this.scanSequence(valueOffset, length, itemEncoding, depth);
            return { tag, vr: "SQ", valueOffset, length, extent, littleEndian: itemEncoding.littleEndian, items };
        }
        if (undefinedLength) {
            if (!["OB", "OW", "UN", "OB|OW"].includes(head.vr) && encoding.explicitVr) {
                throw new DicomFormatError(`undefined length in ${formatTag(tag)} with VR ${head.vr}`);
            }
            const extent = this.scanFragments(valueOffset, encoding);
            return { tag, vr: head.vr === "UN" ? "OB" : head.vr, valueOffset, length, extent, littleEndian: encoding.littleEndian, encapsulated: true };
        }
        this.require(valueOffset + length, () => `the value of ${formatTag(tag)} at offset ${valueOffset}`);
        if (isPrivateCreator(tag)) {
            creators.set(creatorKey(tag), this.view.bytes.toString("latin1", valueOffset, valueOffset + length).replace(/[\0 ]+$/, "").trim());
        }
        // A UN element whose VR the dictionary knows is decoded as that VR, as pydicom does (short values only).
        const vr = knownVr !== undefined && length < 0xffff ? knownVr : head.vr;
        return { tag, vr, valueOffset, length, extent: length, littleEndian: encoding.littleEndian };
    }

    private scanSequence(start: number, length: number, encoding: DatasetEncoding, depth: number): { items: ScannedDataset[]; extent: number } {
        const items: ScannedDataset[] = [];
        const end = length === UNDEFINED_LENGTH ? undefined : start + length;
        let pos = start;
        for (;;) {
            if (end !== undefined && pos >= end) {
                if (pos > end) throw new DicomFormatError(`an item overruns its sequence ending at offset ${end}`);
                return { items, extent: pos - start };
            }
            this.require(pos + 8, () => `the item header at offset ${pos}`);
            const tag = this.tagAt(pos, encoding.littleEndian);
            const itemLength = this.u32(pos + 4, encoding.littleEndian);
            if (tag === SEQUENCE_DELIMITATION) return { items, extent: pos + 8 - start };
            if (tag !== ITEM) throw new DicomFormatError(`expected an item at offset ${pos}, found ${formatTag(tag)}`);
            const itemEnd = itemLength === UNDEFINED_LENGTH ? "delimited" : pos + 8 + itemLength;
            const scanned = this.scanDataset(pos + 8, encoding, depth + 1, itemEnd);
            items.push(scanned.dataset);
            pos = scanned.next;
        }
    }

    private scanFragments(start: number, encoding: DatasetEncoding): number {
        let pos = start;
        for (;;) {
            this.require(pos + 8, () => `the fragment header at offset ${pos}`);
            const tag = this.tagAt(pos, encoding.littleEndian);
            const fragmentLength = this.u32(pos + 4, encoding.littleEndian);
            if (tag === SEQUENCE_DELIMITATION) return pos + 8 - start;
            if (tag !== ITEM || fragmentLength === UNDEFINED_LENGTH) {
                throw new DicomFormatError(`malformed encapsulated value at offset ${pos}`);
            }
            pos += 8 + fragmentLength;
        }
    }
}

function isPrivateCreator(tag: number): boolean {
    const element = tag & 0xffff;
    return (tag >>> 16) % 2 === 1 && element >= 0x10 && element <= 0xff;
}

function creatorKey(tag: number): number {
    return (tag >>> 16) * 256 + (tag & 0xff);
}

/** The dictionary's VR of a tag: public dictionary, or the private one for its creator. */
function dictionaryVr(tag: number, creators: Map<number, string>): string | undefined {
    if ((tag >>> 16) % 2 === 0) return lookupTag(tag)?.vr;
    if (isPrivateCreator(tag)) return "LO";
    const block = (tag & 0xff00) >>> 8;
    const creator = block === 0 ? undefined : creators.get((tag >>> 16) * 256 + block);
    return creator === undefined ? undefined : privateVr(tag, creator);
}

/** VR of an implicit-VR element (PS3.5 6.2.2): the dictionary's, UL for group lengths, else UN. */
function implicitVr(tag: number, creators: Map<number, string>): string {
    return dictionaryVr(tag, creators) ?? ((tag & 0xffff) === 0 ? "UL" : "UN");
}
