/** An in-memory object standing in for an S3 object, recording every range asked for. */
import { RangeSource } from "../../components/pipeline/indexer/headerReader";

export function memorySource(object: Buffer): RangeSource & { ranges: [number, number][] } {
    const ranges: [number, number][] = [];
    return {
        ranges,
        async read(start, end) {
            ranges.push([start, end]);
            return { bytes: object.subarray(start, Math.min(end, object.length)), objectSize: object.length };
        },
    };
}
