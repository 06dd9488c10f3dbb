/** Reads an object's DICOM header with as few ranged requests as possible. */
import { DicomFormatError, NeedMoreBytesError, StreamGap } from "./scanner";
import { checkInstance } from "./completeness";
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

/**
 * The end of the next range to fetch from `start` (the end of the fetched bytes, gaps included) when the scanner
 * needs the bytes up to `neededEnd`: at least 64 KiB past it, and at least as much again as `fetched` (bytes read).
 */
export function nextFetchEnd(fetched: number, neededEnd: number, objectSize: number, start: number = fetched): number {
    return Math.min(objectSize, Math.max(neededEnd + GROWTH_SLACK, start + fetched));
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
 * The scan is well-formed but may lack what an instance needs: readHeader checks that.
 */
export async function scanHeader(source: RangeSource, sizeHint?: number, options: ReadOptions = DEFAULT_READ_OPTIONS): Promise<HeaderRead> {
    const first = await source.read(0, firstReadEnd(options, sizeHint));
    const objectSize = first.objectSize;
    let bytes = first.bytes;
    let bytesRead = bytes.length;
    let requests = 1;
    const gaps: StreamGap[] = [];
    /** Once a value is left unread: the object's size, the fetched ranges at their offsets; other pages are never touched. */
    let sparse: Buffer | undefined;
    for (;;) {
        try {
            const scanned = scanObject({ bytes, complete: bytes.length >= objectSize, unread: { size: objectSize, gaps } }, options.maxInflatedBytes);
            return { meta: scanned.meta, encoding: scanned.encoding, transferSyntaxUid: scanned.transferSyntaxUid, warnings: scanned.warnings,
                stream: scanned.stream, scanned: scanned.scanned, inflatedLength: scanned.inflatedLength, objectSize, bytesRead, requests };
        } catch (error) {
            if (!(error instanceof NeedMoreBytesError)) throw error;
            const { skip } = error;
            // After a value left unread, what follows is usually a few elements: read a little past it first.
            const start = skip?.to ?? bytes.length;
            const end = skip !== undefined ? Math.min(objectSize, start + GROWTH_SLACK) : nextFetchEnd(bytesRead, error.neededEnd, objectSize, start);
            if (bytesRead + end - start > options.maxHeaderBytes) {
                throw new DicomFormatError(`the header needs more than ${options.maxHeaderBytes} bytes`);
            }
            if (skip !== undefined) {
                // Buffer.alloc's zeroed pages are mapped lazily: only the fetched ranges become resident.
                if (sparse === undefined) {
                    sparse = Buffer.alloc(objectSize);
                    bytes.copy(sparse);
                }
                gaps.push({ from: skip.from, to: skip.to });
            }
            let chunk: Buffer = Buffer.alloc(0);
            if (end > start) {
                const more = await source.read(start, end);
                if (more.objectSize !== objectSize) throw new Error("the object changed while it was being read");
                if (more.bytes.length === 0) throw new DicomFormatError(`truncated: the object ends at ${start} bytes`);
                chunk = more.bytes;
                bytesRead += chunk.length;
                requests++;
            }
            if (sparse === undefined) {
                bytes = Buffer.concat([bytes, chunk]);
            } else {
                chunk.copy(sparse, start);
                bytes = sparse.subarray(0, start + chunk.length);
            }
        }
    }
}

/**
 * Reads the header of an object that can be indexed, adding to its warnings what it lacks or contradicts
 * (see completeness.ts); `sizeHint` as for scanHeader.
 */
export async function readHeader(source: RangeSource, sizeHint?: number, options: ReadOptions = DEFAULT_READ_OPTIONS): Promise<HeaderRead> {
    const read = await scanHeader(source, sizeHint, options);
    read.warnings.push(...checkInstance(read, read.objectSize));
    return read;
}
