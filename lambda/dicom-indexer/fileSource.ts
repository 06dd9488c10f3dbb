/** A local file standing in for an S3 object (dicom:inspect, tests, benchmark). */
import { promises as fs } from "node:fs";
import { RangeSource } from "./headerReader";

/** The file's size, as an S3 event would tell it. */
export async function fileSize(path: string): Promise<number> {
    return (await fs.stat(path)).size;
}

export function fileSource(path: string): RangeSource {
    return {
        async read(start, end) {
            const handle = await fs.open(path, "r");
            try {
                const objectSize = (await handle.stat()).size;
                const length = Math.max(0, Math.min(end, objectSize) - start);
                const bytes = Buffer.alloc(length);
                const { bytesRead } = await handle.read(bytes, 0, length, start);
                return { bytes: bytes.subarray(0, bytesRead), objectSize };
            } finally {
                await handle.close();
            }
        },
    };
}
