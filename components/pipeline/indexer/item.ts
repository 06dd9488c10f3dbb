/** The DynamoDB item of an indexed object or of a removed one (a tombstone). */
import { HeaderRead } from "./headerReader";
import { tagKey } from "./dictionary";
import { ELEMENT_BOUND, MappingOptions, mapDataset, referenceElement, ValueRange } from "./jsonModel";
import { exceedsBudget, fitToBudget, ITEM_BUDGET_BYTES, storedSize } from "./itemSize";
import { JsonDataset, JsonElement, PersonName } from "./values";

/**
 * Attributes lifted to the item's top level (by keyword) so that indexes and filters can use them, with their
 * DynamoDB type: an index key of the wrong type would fail the write, so a value of another type is not lifted.
 */
export const LIFTED_ATTRIBUTES: ReadonlyArray<readonly [keyword: string, tag: number, type: "S" | "N"]> = [
    ["StudyInstanceUID", 0x0020000d, "S"], ["SeriesInstanceUID", 0x0020000e, "S"], ["SOPInstanceUID", 0x00080018, "S"],
    ["SOPClassUID", 0x00080016, "S"], ["PatientID", 0x00100020, "S"], ["PatientName", 0x00100010, "S"],
    ["Modality", 0x00080060, "S"], ["StudyDate", 0x00080020, "S"], ["AccessionNumber", 0x00080050, "S"],
    ["SeriesNumber", 0x00200011, "N"], ["InstanceNumber", 0x00200013, "N"],
];

/** Where an object lives; `bucket` is absent for a local file. */
export interface ObjectLocation {
    bucket?: string;
    key: string;
}

/** What the S3 event says about the object version being indexed. */
export interface EventFacts {
    sequencer: string;
    eventTime?: string;
    eTag?: string;
}

export type IndexItem = Record<string, unknown> & { pk: string; deleted: boolean; dicom?: JsonDataset };

/**
 * Each sequence level costs DynamoDB three levels of nesting (element map, Value list, item map) and the deepest
 * value a person name's map: nine sequence levels are the most DynamoDB's 32 levels hold (measured on DynamoDB
 * Local; see test/indexer/itemLimits.test.ts).
 */
export const DEFAULT_MAPPING = { inlineBinaryMaxBytes: 1024, inlineValueMaxBytes: 16 * 1024, maxSequenceDepth: 9 };

/**
 * The BulkDataURI of a value: `s3://bucket/key?offset=O&length=L`, one ranged GET away. For deflated transfer
 * syntaxes the offsets are in the inflated data set (after the meta group), so the parameters say so.
 */
export function bulkDataUri(location: ObjectLocation, deflated: boolean, range: ValueRange): string {
    const path = location.key.split("/").map(encodeURIComponent).join("/");
    const base = location.bucket === undefined ? path : `s3://${location.bucket}/${path}`;
    const [offset, length] = deflated ? ["inflatedOffset", "inflatedLength"] : ["offset", "length"];
    return range.length < 0 ? `${base}?${offset}=${range.offset}` : `${base}?${offset}=${range.offset}&${length}=${range.length}`;
}

/** DynamoDB index sort keys hold at most 1024 bytes; a longer value is left in `dicom` only. */
const MAX_LIFTED_BYTES = 1024;

/** The first value of a top-level element as a GSI-safe attribute of `type`: a number, or a non-empty short string. */
function liftedValue(dicom: JsonDataset, tag: number, type: "S" | "N"): string | number | undefined {
    const first = dicom[tagKey(tag)]?.Value?.[0];
    if (type === "N") return typeof first === "number" ? first : undefined;
    const text = typeof first === "string" ? first : (first as PersonName | null | undefined)?.Alphabetic;
    return typeof text === "string" && text !== "" && Buffer.byteLength(text) <= MAX_LIFTED_BYTES ? text : undefined;
}

/** The reference that stands for the top-level Pixel Data, whose value the reader never fetches. */
function pixelDataReference(read: HeaderRead, options: MappingOptions): JsonElement {
    const pixelData = read.scanned.pixelData!;
    const undefinedLength = pixelData.length === 0xffffffff;
    // An encapsulated Pixel Data value runs to the end of the object (its fragments were not read).
    const length = !undefinedLength ? pixelData.length : read.encoding.deflated ? -1 : read.objectSize - pixelData.valueOffset;
    // Implicit VR leaves "OB|OW": encapsulated values are OB, native ones OW (PS3.5 A.1 and 8.2).
    const vr = !pixelData.vr.includes("|") ? pixelData.vr : undefinedLength ? "OB" : "OW";
    return referenceElement(vr, { offset: pixelData.valueOffset, length }, options);
}

/** The item of an object's header. `event` is absent when a local file stands in for the object. */
export function buildItem(read: HeaderRead, location: ObjectLocation, event?: EventFacts,
    mapping: Omit<MappingOptions, "bulkDataUri"> = DEFAULT_MAPPING, budget: number = ITEM_BUDGET_BYTES): IndexItem {
    const uriOf = (range: ValueRange) => bulkDataUri(location, read.encoding.deflated, range);
    const options: MappingOptions = {
        inlineBinaryMaxBytes: mapping.inlineBinaryMaxBytes, inlineValueMaxBytes: mapping.inlineValueMaxBytes,
        maxSequenceDepth: mapping.maxSequenceDepth, bulkDataUri: uriOf,
    };
    const pixelData = read.scanned.pixelData;
    const pixelDataElement = pixelData === undefined ? undefined : pixelDataReference(read, options);
    const item: IndexItem = { pk: location.key, deleted: false };
    if (location.bucket !== undefined) item.bucket = location.bucket;
    item.objectSize = read.objectSize;
    if (event !== undefined) {
        item.sequencer = event.sequencer;
        if (event.eventTime !== undefined) item.eventTime = event.eventTime;
        if (event.eTag !== undefined) item.eTag = event.eTag;
    }
    item.TransferSyntaxUID = read.meta.transferSyntaxUid;
    const withDicom = (withRanges: boolean) => {
        const mapped = mapDataset(read.scanned.dataset, read.stream, options, withRanges);
        if (pixelDataElement !== undefined) mapped.dicom[tagKey(pixelData!.tag)] = pixelDataElement;
        for (const [keyword, tag, type] of LIFTED_ATTRIBUTES) {
            const value = liftedValue(mapped.dicom, tag, type);
            if (value !== undefined) item[keyword] = value;
        }
        item.dicom = mapped.dicom;
        return mapped;
    };
    const { sizeBound } = withDicom(false);
    const dicom = item.dicom;
    delete item.dicom;
    // The mapping's bound plus the exact size of everything else settles most items without measuring them.
    const pixelDataSize = pixelDataElement === undefined ? 0 : ELEMENT_BOUND + storedSize(pixelDataElement);
    const fits = sizeBound + pixelDataSize + storedSize(item) + ELEMENT_BOUND <= budget;
    item.dicom = dicom;
    if (!fits && exceedsBudget(item, budget) !== undefined) {
        // Rare: map again, keeping every value's range, and reference the largest values until the item fits.
        // Lifted values are copies: they stay when their element in `dicom` becomes a reference.
        const { dicom, ranges } = withDicom(true);
        if (!fitToBudget(item, dicom, ranges, uriOf, budget)) {
            // The last resort, still no failed write: the whole header as one reference.
            const headerEnd = read.scanned.headerEnd;
            item.dicom = {};
            item.headerBulkDataURI = uriOf({ offset: 0, length: headerEnd });
        }
    }
    return item;
}

/** The tombstone that replaces an item when its object is removed, so that a late older event cannot resurrect it. */
export function buildTombstone(location: ObjectLocation, event: EventFacts): IndexItem {
    const item: IndexItem = { pk: location.key, deleted: true };
    if (location.bucket !== undefined) item.bucket = location.bucket;
    item.sequencer = event.sequencer;
    if (event.eventTime !== undefined) item.eventTime = event.eventTime;
    return item;
}
