/** Lifecycle rules of the image bucket and its access-log bucket, from the stack configuration. */
import type { StorageConfig } from "../../config/types";

/** Shape of `aws.s3.BucketLifecycleConfiguration` rules, restricted to what these buckets use. */
export interface LifecycleRule {
    id: string;
    status: "Enabled";
    /** Empty filter: the whole bucket. */
    filter: Record<string, never>;
    transitions?: { days: number; storageClass: "GLACIER_IR" | "DEEP_ARCHIVE" }[];
    expiration?: { days?: number; expiredObjectDeleteMarker?: boolean };
    noncurrentVersionExpiration?: { noncurrentDays: number };
    abortIncompleteMultipartUpload?: { daysAfterInitiation: number };
}

/** Days after which S3 removes the parts of an upload that never completed. */
export const ABORT_INCOMPLETE_MULTIPART_UPLOAD_DAYS = 7;

/**
 * Rules of the image bucket: current versions move to Glacier Instant Retrieval and/or Deep Archive after the
 * configured days (0 = never; `parseStackConfig` has checked their order); replaced or deleted versions expire;
 * dangling delete markers and unfinished multipart uploads are cleaned up.
 */
export function imageBucketLifecycleRules(storage: StorageConfig): LifecycleRule[] {
    const glacierIr = storage.s3GlacierInstantRetrievalAfterDays;
    const deepArchive = storage.s3DeepArchiveAfterDays;
    const transitions: NonNullable<LifecycleRule["transitions"]> = [];
    if (glacierIr > 0) transitions.push({ days: glacierIr, storageClass: "GLACIER_IR" });
    if (deepArchive > 0) transitions.push({ days: deepArchive, storageClass: "DEEP_ARCHIVE" });

    const rules: LifecycleRule[] = [];
    if (transitions.length > 0) {
        rules.push({ id: "archive-current-versions", status: "Enabled", filter: {}, transitions });
    }
    rules.push(
        {
            id: "expire-noncurrent-versions",
            status: "Enabled",
            filter: {},
            noncurrentVersionExpiration: { noncurrentDays: storage.s3NoncurrentVersionExpirationDays },
            expiration: { expiredObjectDeleteMarker: true },
        },
        {
            id: "abort-incomplete-multipart-uploads",
            status: "Enabled",
            filter: {},
            abortIncompleteMultipartUpload: { daysAfterInitiation: ABORT_INCOMPLETE_MULTIPART_UPLOAD_DAYS },
        },
    );
    return rules;
}

/** Rules of the access-log bucket: log objects expire after `expirationDays`. */
export function accessLogLifecycleRules(expirationDays: number): LifecycleRule[] {
    return [
        { id: "expire-access-logs", status: "Enabled", filter: {}, expiration: { days: expirationDays } },
        {
            id: "abort-incomplete-multipart-uploads",
            status: "Enabled",
            filter: {},
            abortIncompleteMultipartUpload: { daysAfterInitiation: ABORT_INCOMPLETE_MULTIPART_UPLOAD_DAYS },
        },
    ];
}
