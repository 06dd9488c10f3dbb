import { StackValidationPolicy } from "@pulumi/policy";
import { correlatedSettings } from "../../lib/bucketSettings";
import { safeguard } from "../../lib/hipaa";
import { settingsFor } from "../../lib/correlate";
import { isDeclaredLogArchive } from "../../lib/logDeliveryBuckets";
import { S3_BUCKET, S3_BUCKET_LOGGING } from "../../lib/resourceTypes";
import { forEachDecidable, resourcesOfTypes, validateStackOfTypes } from "../../lib/validate";

/**
 * AWS Config s3-bucket-logging-enabled. The one exception is the terminal archive of S3 server access logs (a
 * declared log archive that receives them): logging it into itself would log its own log deliveries without end,
 * which the S3 user guide warns against ("Enabling Amazon S3 server access logging").
 */
export const requireS3AccessLogging: StackValidationPolicy = {
    name: "orthanc-s3-access-logging",
    ...safeguard("auditControls", "medium", "every S3 bucket must have server access logging (aws.s3.BucketLogging), "
        + "except the log archive that receives the server access logs."),
    remediationSteps: "Add `aws.s3.BucketLogging` with `targetBucket` the stack's access-log archive.",
    validateStack: validateStackOfTypes(S3_BUCKET, (buckets, args, reportViolation) => {
        forEachDecidable(buckets, bucket => {
            if (correlatedSettings(bucket, args, S3_BUCKET_LOGGING).length > 0) {
                return;
            }
            const receivesAccessLogs = settingsFor(bucket, resourcesOfTypes(args, S3_BUCKET_LOGGING), "targetBucket", ["bucket"]).length > 0;
            if (isDeclaredLogArchive(bucket) && receivesAccessLogs) {
                return;
            }
            reportViolation(`Bucket '${bucket.name}' has no server access logging.`, bucket.urn);
        });
    }),
};
