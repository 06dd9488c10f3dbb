/**
 * DynamoDB item size (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html)
 * and fitting a header into it by replacing the largest values with references.
 */
import { ValueRange } from "./jsonModel";
import { JsonDataset, JsonElement } from "./values";

/** DynamoDB's item limit is 400 KB (409,600 bytes); keep a margin for the attributes outside `dicom`. */
export const ITEM_BUDGET_BYTES = 380 * 1024;

/**
 * Upper bound of a value's stored size: strings by UTF-8 length, numbers about one byte per two digits plus
 * one (at most 21), lists and maps 3 bytes plus 1 per element plus their keys.
 */
export function storedSize(value: unknown): number {
    if (typeof value === "string") return Buffer.byteLength(value, "utf8");
    if (typeof value === "number") return Math.min(21, Math.ceil(String(value).length / 2) + 1);
    if (value === null || typeof value === "boolean" || value === undefined) return 1;
    if (Array.isArray(value)) return value.reduce((sum: number, entry) => sum + storedSize(entry) + 1, 3);
    let size = 3;
    for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
        size += Buffer.byteLength(key, "utf8") + storedSize(entry) + 1;
    }
    return size;
}

/**
 * A fast upper bound of storedSize: twice the UTF-8 length of the value's JSON. Every stored byte has a JSON byte
 * for at most two of its own: a string's quotes, a key's quotes and colon, a separator per element, at least one
 * character per number (stored in at most 21 bytes, written in at least ceil(digits) characters) and two per
 * container (stored in 3 bytes plus 1 per element, the separator already counted).
 */
export function storedSizeBound(value: unknown): number {
    return 2 * Buffer.byteLength(JSON.stringify(value), "utf8") + 3;
}

/** storedSize, computed only when the fast bound does not already show the value within `budget`. */
export function exceedsBudget(value: unknown, budget: number): number | undefined {
    if (storedSizeBound(value) <= budget) return undefined;
    const size = storedSize(value);
    return size > budget ? size : undefined;
}

interface Candidate {
    element: JsonElement;
    size: number;
    ancestors: JsonElement[];
}

function collectCandidates(dataset: JsonDataset, ancestors: JsonElement[], out: Candidate[]): void {
    for (const element of Object.values(dataset)) {
        if (element.BulkDataURI !== undefined || (element.Value === undefined && element.InlineBinary === undefined)) continue;
        out.push({ element, size: storedSize(element), ancestors });
        if (element.vr === "SQ") {
            for (const item of element.Value as JsonDataset[]) collectCandidates(item, [...ancestors, element], out);
        }
    }
}

/**
 * Replaces the largest values of `dicom` (in place) by BulkDataURI references until `item`'s stored size is within
 * `budget`. Returns whether it fits: a header of tens of thousands of tiny elements cannot, whatever is referenced.
 */
export function fitToBudget(item: object, dicom: JsonDataset, ranges: Map<JsonElement, ValueRange>, uriOf: (range: ValueRange) => string,
    budget: number = ITEM_BUDGET_BYTES): boolean {
    const excess = exceedsBudget(item, budget);
    if (excess === undefined) return true;
    let size = excess;
    const candidates: Candidate[] = [];
    collectCandidates(dicom, [], candidates);
    candidates.sort((a, b) => b.size - a.size);
    const replaced = new Set<JsonElement>();
    for (const candidate of candidates) {
        if (size <= budget) break;
        const range = ranges.get(candidate.element);
        if (range === undefined || candidate.ancestors.some((a) => replaced.has(a))) continue;
        const reference: JsonElement = { vr: candidate.element.vr, BulkDataURI: uriOf(range) };
        // Candidates are sorted by size: once a reference would be as large as the value, none is worth it.
        if (storedSize(reference) >= candidate.size) break;
        const { element } = candidate;
        delete element.Value;
        delete element.InlineBinary;
        element.BulkDataURI = reference.BulkDataURI;
        replaced.add(element);
        size -= candidate.size - storedSize(element);
    }
    return storedSize(item) <= budget;
}
