import { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import { settingsFor } from "./correlate";
import { LOAD_BALANCER, S3_BUCKET_LOGGING } from "./resourceTypes";
import { tagValue } from "./tags";
import { resourcesOfTypes } from "./validate";
import { asRecord, asString, isTrue } from "./values";

/**
 * The tag by which a program declares a bucket a log archive (components/privateBucket.ts sets it on the program's
 * access-log buckets). Kept equal to the program's constant by a test: the pack is published without the program.
 */
export const LOG_ARCHIVE_TAG = "LogArchive";
export const LOG_ARCHIVE_TAG_VALUE = "true";

/**
 * AWS log deliveries a bucket of the stack can receive. Their objects are written once by the AWS service and
 * expired by lifecycle, so such a bucket is a log archive, not a PHI store that versioning protects.
 */
export type LogDelivery =
    | "Application Load Balancer access logs"
    | "Network Load Balancer access logs"
    | "S3 server access logs";

/**
 * Deliveries that write only to buckets encrypted with SSE-S3 (AES256):
 * - ALB access logs: "The only server-side encryption option that's supported is Amazon S3-managed keys (SSE-S3)"
 *   (ELB user guide, "Enable access logs for your Application Load Balancer").
 * - S3 server access logs: the destination's default encryption must be SSE-S3 (S3 user guide, "Enabling Amazon S3
 *   server access logging").
 * NLB access logs accept SSE-KMS with a customer-managed key, so they are held to the CMK rule.
 */
export const SSE_S3_ONLY_DELIVERIES: ReadonlySet<LogDelivery> = new Set<LogDelivery>([
    "Application Load Balancer access logs", "S3 server access logs",
]);

/** True when the load balancer's access logs are enabled and point at `bucket` (by dependency, else by name). */
function writesAccessLogsTo(bucket: PolicyResource, loadBalancer: PolicyResource): boolean {
    const accessLogs = asRecord(loadBalancer.props.accessLogs);
    if (!isTrue(accessLogs.enabled)) {
        return false;
    }
    const dependencies = loadBalancer.propertyDependencies?.accessLogs ?? [];
    return dependencies.length > 0
        ? dependencies.some(d => d.urn === bucket.urn)
        : asString(bucket.props.bucket) === asString(accessLogs.bucket);
}

/** The AWS log delivery `bucket` is the destination of, if any (found through the stack's other resources). */
function logDeliveryTo(bucket: PolicyResource, args: StackValidationArgs): LogDelivery | undefined {
    const loadBalancer = resourcesOfTypes(args, LOAD_BALANCER).find(lb => writesAccessLogsTo(bucket, lb));
    if (loadBalancer !== undefined) {
        return loadBalancer.props.loadBalancerType === "network"
            ? "Network Load Balancer access logs" : "Application Load Balancer access logs";
    }
    if (settingsFor(bucket, resourcesOfTypes(args, S3_BUCKET_LOGGING), "targetBucket", ["bucket"]).length > 0) {
        return "S3 server access logs";
    }
    return undefined;
}

/** True when the bucket carries the log-archive tag (in `tags`, or merged into `tagsAll` from defaultTags). */
export function isDeclaredLogArchive(bucket: PolicyResource): boolean {
    return tagValue(bucket.props, LOG_ARCHIVE_TAG) === LOG_ARCHIVE_TAG_VALUE;
}

/**
 * The AWS log delivery a declared log archive receives. Both conditions are required: a delivery alone would let
 * any bucket (PHI images included) escape the CMK and versioning rules by being made the target of a decoy
 * `BucketLogging`, and a tag alone would exempt a bucket nothing writes logs to.
 */
export function logArchiveDelivery(bucket: PolicyResource, args: StackValidationArgs): LogDelivery | undefined {
    return isDeclaredLogArchive(bucket) ? logDeliveryTo(bucket, args) : undefined;
}
