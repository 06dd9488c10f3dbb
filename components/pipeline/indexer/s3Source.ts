/** An S3 object as a RangeSource: ranged GETs pinned to the event's object version by its ETag. */
import { GetObjectCommand, InvalidObjectState, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { RangeSource } from "./headerReader";

/** The object was deleted or overwritten after the event: a later event describes what is there now. */
export class ObjectGoneError extends Error {
    override name = "ObjectGoneError";
}

/**
 * The object's current version is in an archive storage class (S3 Glacier Flexible Retrieval, Deep Archive, an
 * archive tier of Intelligent-Tiering) and not restored: it exists, but GetObject answers 403 InvalidObjectState.
 */
export class ObjectArchivedError extends Error {
    override name = "ObjectArchivedError";
}

/** Total size from `Content-Range: bytes 0-N/TOTAL`. */
export function sizeFromContentRange(contentRange: string | undefined): number | undefined {
    const match = /\/(\d+)$/.exec(contentRange ?? "");
    return match === null ? undefined : Number(match[1]);
}

/** S3 events carry the ETag bare; If-Match takes an HTTP entity tag, which is quoted (RFC 9110 8.8.3). */
export function entityTag(eTag: string | undefined): string | undefined {
    if (eTag === undefined) return undefined;
    return eTag.startsWith("\"") || eTag.startsWith("W/") ? eTag : `"${eTag}"`;
}

export function s3Source(client: S3Client, bucket: string, key: string, eTag?: string): RangeSource {
    const ifMatch = entityTag(eTag);
    return {
        async read(start, end) {
            try {
                const response = await client.send(new GetObjectCommand({
                    Bucket: bucket,
                    Key: key,
                    Range: `bytes=${start}-${end - 1}`,
                    IfMatch: ifMatch,
                }));
                const bytes = Buffer.from(await response.Body!.transformToByteArray());
                // A range covering the whole object may come back as 200 without Content-Range.
                const objectSize = sizeFromContentRange(response.ContentRange) ?? start + bytes.length;
                return { bytes, objectSize };
            } catch (error) {
                const status = (error as S3ServiceException).$metadata?.httpStatusCode;
                // S3 answers 416 to any range of an empty object.
                if (status === 416 && start === 0) return { bytes: Buffer.alloc(0), objectSize: 0 };
                if (status === 404 || status === 412) {
                    throw new ObjectGoneError(status === 404 ? "the object no longer exists" : "the object changed since the event");
                }
                if (status === 403 && (error as Error).name === "InvalidObjectState") {
                    const storageClass = (error as InvalidObjectState).StorageClass ?? (error as InvalidObjectState).AccessTier ?? "an archive storage class";
                    throw new ObjectArchivedError(`the object is in ${storageClass} and not restored`);
                }
                throw error;
            }
        },
    };
}
