/**
 * Scanned data set → DICOM JSON Model (PS3.18 F.2). Bulk binary values, oversized values and sequences nested
 * deeper than DynamoDB can store become BulkDataURI references to their bytes in the object.
 */
import { tagKey } from "./dictionary";
import { ScannedDataset, ScannedElement } from "./scanner";
import { characterSetOf, CharacterSet } from "./textDecoding";
import { BINARY_VRS, decodeValue, JsonDataset, JsonElement } from "./values";

/** Where an element's encoded value lies in the stream. */
export interface ValueRange {
    offset: number;
    length: number;
}

export interface MappingOptions {
    /** Binary values (OB, OW, UN, ...) longer than this many bytes become references. */
    inlineBinaryMaxBytes: number;
    /** Any other value longer than this many bytes becomes a reference. */
    inlineValueMaxBytes: number;
    /** Sequences nested deeper than this become references (DynamoDB maps nest at most 32 levels). */
    maxSequenceDepth: number;
    /** The BulkDataURI of a value range. */
    bulkDataUri(range: ValueRange): string;
}

/** The mapped data set, with the value range of every element (when asked for) so that a size budget can replace any of them. */
export interface MappedDataset {
    dicom: JsonDataset;
    ranges: Map<JsonElement, ValueRange>;
    /** An upper bound of `dicom`'s stored DynamoDB size, computed on the way (see ELEMENT_BOUND). */
    sizeBound: number;
}

/**
 * Per element, an upper bound of its stored size: 64 bytes for its key, maps and lists, plus 16 bytes per value
 * byte (the worst cases are 2-byte US/SS values stored as numbers, person-name groups, and nulls for empty
 * values of multi-valued strings, all well under 16x their encoded size).
 */
export const ELEMENT_BOUND = 64;
const VALUE_BYTE_BOUND = 16;

const SPECIFIC_CHARACTER_SET = 0x00080005;
const PIXEL_REPRESENTATION = 0x00280103;

interface Context {
    bytes: Buffer;
    options: MappingOptions;
    /** Absent unless the caller needs the ranges: most headers fit without replacing anything. */
    ranges?: Map<JsonElement, ValueRange>;
    sizeBound: number;
}

interface Scope {
    characterSet: CharacterSet;
    /** Pixel Representation of the nearest data set (this or an ancestor) that has one. */
    pixelRepresentation: number | undefined;
}

function valueBytes(context: Context, element: ScannedElement): Buffer {
    return context.bytes.subarray(element.valueOffset, element.valueOffset + element.length);
}

/** Resolves dictionary alternatives ("US|SS", "OB|OW", "US|SS|OW") the way PS3.5 and pydicom do for implicit VR. */
function resolveVr(vr: string, scope: Scope): string {
    if (!vr.includes("|")) return vr;
    if (vr === "US|SS") return scope.pixelRepresentation === 1 ? "SS" : "US";
    return vr.includes("OW") ? "OW" : vr.slice(0, 2);
}

function scopeOf(context: Context, dataset: ScannedDataset, parent: Scope): Scope {
    let { characterSet, pixelRepresentation } = parent;
    for (const element of dataset.elements) {
        if (element.tag === SPECIFIC_CHARACTER_SET) characterSet = characterSetOf(valueBytes(context, element));
        if (element.tag === PIXEL_REPRESENTATION && element.length >= 2) {
            pixelRepresentation = element.littleEndian ? valueBytes(context, element).readUInt16LE(0) : valueBytes(context, element).readUInt16BE(0);
        }
        if (element.tag > PIXEL_REPRESENTATION) break;
    }
    return { characterSet, pixelRepresentation };
}

function reference(context: Context, vr: string, range: ValueRange): JsonElement {
    const element: JsonElement = { vr, BulkDataURI: context.options.bulkDataUri(range) };
    context.ranges?.set(element, range);
    context.sizeBound += ELEMENT_BOUND + 3 * element.BulkDataURI!.length;
    return element;
}

function mapElement(context: Context, element: ScannedElement, scope: Scope, depth: number): JsonElement {
    const { options } = context;
    if (element.items !== undefined) {
        const range = { offset: element.valueOffset, length: element.extent };
        if (depth >= options.maxSequenceDepth) return reference(context, "SQ", range);
        const mapped: JsonElement = { vr: "SQ", Value: element.items.map((item) => mapItem(context, item, scope, depth + 1)) };
        context.ranges?.set(mapped, range);
        context.sizeBound += ELEMENT_BOUND * (1 + element.items.length);
        return mapped;
    }
    // An encapsulated value's bytes run to its Sequence Delimitation Item, which is not part of the value.
    const length = element.encapsulated ? element.extent - 8 : element.length;
    const range = { offset: element.valueOffset, length };
    const vr = resolveVr(element.vr, scope);
    const bytes = context.bytes.subarray(range.offset, range.offset + length);
    const decoded = BINARY_VRS.has(vr) || element.encapsulated ? undefined : decodeValue(bytes, vr, element.littleEndian, scope.characterSet);
    // A value whose length does not fit its VR's fixed size is kept as bytes, as UN.
    const binaryVr = decoded === undefined && !BINARY_VRS.has(vr) ? "UN" : vr;
    const limit = decoded === undefined ? options.inlineBinaryMaxBytes : options.inlineValueMaxBytes;
    if (length > limit) return reference(context, decoded?.vr ?? binaryVr, range);
    const mapped = decoded ?? (length === 0 ? { vr: binaryVr } : { vr: binaryVr, InlineBinary: bytes.toString("base64") });
    context.ranges?.set(mapped, range);
    context.sizeBound += ELEMENT_BOUND + VALUE_BYTE_BOUND * length;
    return mapped;
}

function mapItem(context: Context, dataset: ScannedDataset, parent: Scope, depth: number): JsonDataset {
    const scope = scopeOf(context, dataset, parent);
    const json: JsonDataset = {};
    for (const element of dataset.elements) {
        // Group lengths are not part of the JSON model (PS3.18 F.2.1).
        if ((element.tag & 0xffff) === 0) continue;
        json[tagKey(element.tag)] = mapElement(context, element, scope, depth);
    }
    return json;
}

/** Maps a scanned top-level data set whose values lie in `bytes`; `withRanges` records every element's value range. */
export function mapDataset(dataset: ScannedDataset, bytes: Buffer, options: MappingOptions, withRanges = false): MappedDataset {
    const ranges = new Map<JsonElement, ValueRange>();
    const context: Context = { bytes, options, ranges: withRanges ? ranges : undefined, sizeBound: ELEMENT_BOUND };
    const dicom = mapItem(context, dataset, { characterSet: undefined, pixelRepresentation: undefined }, 0);
    return { dicom, ranges, sizeBound: context.sizeBound };
}

/** A reference element for a value the mapping did not read (the top-level Pixel Data). */
export function referenceElement(vr: string, range: ValueRange, options: MappingOptions): JsonElement {
    return { vr, BulkDataURI: options.bulkDataUri(range) };
}
