import { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import { settingsFor } from "./correlate";
import { LOAD_BALANCER, S3_BUCKET_LOGGING } from "./resourceTypes";
import { resourcesOfTypes } from "./validate";
import { asRecord, asString } from "./values";

/**
 * AWS log deliveries that write only to buckets encrypted with SSE-S3 (AES256):
 * - Application Load Balancer access logs: "The only server-side encryption option that's supported is Amazon
 *   S3-managed keys (SSE-S3)" (ELB user guide, "Enable access logs for your Application Load Balancer").
 * - S3 server access logs: the destination bucket's default encryption must be SSE-S3 (S3 user guide, "Enabling
 *   Amazon S3 server access logging").
 * Such a bucket holds the delivered logs only; objects are written once by the service and expired by lifecycle.
 */
export type LogDelivery = "Application Load Balancer access logs" | "S3 server access logs";

function receivesAlbAccessLogs(bucket: PolicyResource, loadBalancers: PolicyResource[]): boolean {
    const albs = loadBalancers.filter(lb => (lb.props.loadBalancerType ?? "application") === "application");
    return settingsFor(bucket, albs, "accessLogs", []).length > 0
        || albs.some(lb => (lb.propertyDependencies?.accessLogs ?? []).length === 0
            && [bucket.props.bucket, bucket.props.id].includes(asString(asRecord(lb.props.accessLogs).bucket)));
}

/** The AWS log delivery `bucket` is the destination of, if any (found through the stack's other resources). */
export function logDeliveryTo(bucket: PolicyResource, args: StackValidationArgs): LogDelivery | undefined {
    if (receivesAlbAccessLogs(bucket, resourcesOfTypes(args, LOAD_BALANCER))) {
        return "Application Load Balancer access logs";
    }
    if (settingsFor(bucket, resourcesOfTypes(args, S3_BUCKET_LOGGING), "targetBucket", ["bucket"]).length > 0) {
        return "S3 server access logs";
    }
    return undefined;
}
