/**
 * Tag → VR/keyword lookups over the dictionary generated from pydicom's data dictionaries
 * (see generate.py next to this file).
 */
import dictionaryDocument from "./dictionary.json";

export interface DictionaryEntry {
    /** The VR, or alternatives such as "US|SS" the reader resolves from context. */
    vr: string;
    keyword: string;
}

interface DictionaryDocument {
    public: Record<string, string>;
    repeaters: Record<string, string>;
    private: Record<string, Record<string, string>>;
}

const document = dictionaryDocument as DictionaryDocument;

function parseEntry(text: string): DictionaryEntry {
    const space = text.indexOf(" ");
    return space < 0 ? { vr: text, keyword: "" } : { vr: text.slice(0, space), keyword: text.slice(space + 1) };
}

/** Repeater masks ("60XX3000") as (mask, value) pairs: a tag matches when (tag & mask) === value. */
const repeaters = Object.entries(document.repeaters).map(([pattern, text]) => ({
    mask: parseInt(pattern.replace(/[0-9A-F]/g, "F").replace(/X/g, "0"), 16) >>> 0,
    value: parseInt(pattern.replace(/X/g, "0"), 16) >>> 0,
    entry: parseEntry(text),
}));

const cache = new Map<number, DictionaryEntry | undefined>();

const tagKeys = new Map<number, string>();

/** A tag as 8 uppercase hex digits, the DICOM JSON Model's key (memoized: the same few hundred tags recur). */
export function tagKey(tag: number): string {
    let key = tagKeys.get(tag);
    if (key === undefined) {
        key = (tag >>> 0).toString(16).toUpperCase().padStart(8, "0");
        if (tagKeys.size < 100_000) tagKeys.set(tag, key);
    }
    return key;
}

/** The public dictionary entry of a tag (repeating groups included), or undefined. */
export function lookupTag(tag: number): DictionaryEntry | undefined {
    if (cache.has(tag)) return cache.get(tag);
    const text = document.public[tagKey(tag)];
    const found = text !== undefined ? parseEntry(text) : repeaters.find((r) => ((tag & r.mask) >>> 0) === r.value)?.entry;
    cache.set(tag, found);
    return found;
}

/** The VR of a private tag for its private creator, per pydicom's private dictionary, or undefined. */
export function privateVr(tag: number, creator: string): string | undefined {
    const tags = document.private[creator];
    if (tags === undefined) return undefined;
    const hex = tagKey(tag);
    const group = hex.slice(0, 4);
    const element = hex.slice(4);
    return tags[group + element] ?? tags[`${group}XX${element.slice(2)}`] ?? tags[`${group.slice(0, 2)}XXXX${element.slice(2)}`];
}
