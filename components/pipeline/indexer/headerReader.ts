/** Reads an object's DICOM header with as few ranged requests as possible. */
import { DicomFormatError, NeedMoreBytesError } from "./scanner";
import { checkWholeInstance } from "./completeness";
import { ScannedObject, scanObject } from "./part10";

/** An object readable by byte ranges (an S3 object, a local file). */
export interface RangeSource {
    /** Bytes [start, end) of the object, fewer when the object is shorter, and the object's total size. */
    read(start: number, end: number): Promise<{ bytes: Buffer; objectSize: number }>;
}

export interface ReadOptions {
    /** Bounds of the first ranged request, and the share of the object it reads between them (see firstReadEnd). */
    firstReadMinBytes: number;
    firstReadMaxBytes: number;
    firstReadShare: number;
    /** The most bytes of one object the reader fetches; a longer header fails the object. */
    maxHeaderBytes: number;
    /** The most bytes a deflated header may inflate to. */
    maxInflatedBytes: number;
}

/** The header caps keep a worst-case object (bytes, inflated copy, mapping) within a 512 MB function. */
export const DEFAULT_READ_OPTIONS: ReadOptions = {
    firstReadMinBytes: 8 * 1024,
    firstReadMaxBytes: 256 * 1024,
    firstReadShare: 0.25,
    maxHeaderBytes: 64 * 1024 * 1024,
    maxInflatedBytes: 64 * 1024 * 1024,
};

/** Grow by at least this much beyond what the scanner asked for, so that one more request usually suffices. */
const GROWTH_SLACK = 64 * 1024;

export interface HeaderRead extends ScannedObject {
    objectSize: number;
    bytesRead: number;
    requests: number;
}

/** The next prefix length to fetch when the scanner needs the bytes up to `neededEnd`. */
export function nextFetchEnd(fetched: number, neededEnd: number, objectSize: number): number {
    return Math.min(objectSize, Math.max(neededEnd + GROWTH_SLACK, 2 * fetched));
}

/**
 * End of the first ranged request. Headers grow with their objects (multi-frame functional groups, vendor
 * private blocks), so a share of the object's size, when the event tells it, reads the whole header of most
 * objects at once without reading most of their pixels; the bounds keep small objects to one request and
 * large ones from being read far past any header.
 */
export function firstReadEnd(options: ReadOptions, sizeHint?: number): number {
    if (sizeHint === undefined) return options.firstReadMaxBytes;
    const share = Math.ceil(sizeHint * options.firstReadShare);
    return Math.min(options.firstReadMaxBytes, Math.max(options.firstReadMinBytes, share));
}

/**
 * Reads and scans the header of an object; `sizeHint` is its size when known beforehand (from the S3 event).
 * The scan is well-formed but may be a partial instance: readHeader checks that.
 */
export async function scanHeader(source: RangeSource, sizeHint?: number, options: ReadOptions = DEFAULT_READ_OPTIONS): Promise<HeaderRead> {
    const first = await source.read(0, firstReadEnd(options, sizeHint));
    const objectSize = first.objectSize;
    let bytes = first.bytes;
    let requests = 1;
    for (;;) {
        try {
            const scanned = scanObject({ bytes, complete: bytes.length >= objectSize }, options.maxInflatedBytes);
            return { meta: scanned.meta, encoding: scanned.encoding, stream: scanned.stream, scanned: scanned.scanned, inflatedLength: scanned.inflatedLength, objectSize, bytesRead: bytes.length, requests };
        } catch (error) {
            if (!(error instanceof NeedMoreBytesError)) throw error;
            const end = nextFetchEnd(bytes.length, error.neededEnd, objectSize);
            if (end > options.maxHeaderBytes) {
                throw new DicomFormatError(`the header needs more than ${options.maxHeaderBytes} bytes`);
            }
            const more = await source.read(bytes.length, end);
            if (more.objectSize !== objectSize) throw new Error("the object changed while it was being read");
            if (more.bytes.length === 0) throw new DicomFormatError(`truncated: the object ends at ${bytes.length} bytes`);
            bytes = Buffer.concat([bytes, more.bytes]);
            requests++;
        }
    }
}

/** Reads the header of an object that holds a whole instance (see completeness.ts); `sizeHint` as for scanHeader. */
export async function readHeader(source: RangeSource, sizeHint?: number, options: ReadOptions = DEFAULT_READ_OPTIONS): Promise<HeaderRead> {
    const read = await scanHeader(source, sizeHint, options);
    checkWholeInstance(read, read.objectSize);
    return read;
}
