import { StackValidationPolicy } from "@pulumi/policy";
import { correlatedSettings } from "../../lib/bucketSettings";
import { DEFAULT_PHI_CLASSIFICATIONS, isPhi } from "../../lib/classification";
import { safeguard } from "../../lib/hipaa";
import { isDeclaredLogArchive } from "../../lib/logDeliveryBuckets";
import { S3_BUCKET, S3_OBJECT_LOCK } from "../../lib/resourceTypes";
import { forEachDecidable, validateStackOfTypes } from "../../lib/validate";
import { asRecord } from "../../lib/values";

/**
 * AWS Config s3-bucket-default-lock-enabled, for PHI buckets: a default retention keeps object versions from being
 * deleted or overwritten for a period, whatever the caller's permissions.
 */
export const requireS3ObjectLock: StackValidationPolicy = {
    name: "orthanc-s3-object-lock",
    ...safeguard("integrity", "medium", "PHI buckets must have S3 Object Lock with a default retention "
        + "(aws.s3.BucketObjectLockConfiguration)."),
    remediationSteps: "Create the bucket with `objectLockEnabled: true` and add `aws.s3.BucketObjectLockConfiguration` "
        + "with `rule.defaultRetention`.",
    validateStack: validateStackOfTypes(S3_BUCKET, (buckets, args, reportViolation) => {
        forEachDecidable(buckets.filter(b => isPhi(asRecord(b.props), DEFAULT_PHI_CLASSIFICATIONS) && !isDeclaredLogArchive(b)), bucket => {
            const locked = correlatedSettings(bucket, args, S3_OBJECT_LOCK).some(lock => asRecord(asRecord(lock.props.rule).defaultRetention).mode !== undefined);
            if (!locked) {
                reportViolation(`PHI bucket '${bucket.name}' has no Object Lock default retention.`, bucket.urn);
            }
        });
    }),
};
