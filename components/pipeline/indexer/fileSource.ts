/** A local file standing in for an S3 object (dicom:inspect, tests, benchmark). */
import * as fs from "node:fs";
import { RangeSource } from "./headerReader";

/** The file's size, as an S3 event would tell it. */
export async function fileSize(path: string): Promise<number> {
    return fs.statSync(path).size;
}

/** Reads ranges with synchronous calls: a local read is faster than a hop through libuv's thread pool. */
export function fileSource(path: string): RangeSource {
    return {
        async read(start, end) {
            const handle = fs.openSync(path, "r");
            try {
                const objectSize = fs.fstatSync(handle).size;
                const length = Math.max(0, Math.min(end, objectSize) - start);
                // Only the bytes actually read are exposed, so the buffer need not be zeroed.
                const bytes = Buffer.allocUnsafe(length);
                const read = fs.readSync(handle, bytes, 0, length, start);
                return { bytes: bytes.subarray(0, read), objectSize };
            } finally {
                fs.closeSync(handle);
            }
        },
    };
}
