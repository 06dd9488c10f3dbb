import { StackValidationPolicy } from "@pulumi/policy";
import { correlatedSettings } from "../../lib/bucketSettings";
import { safeguard } from "../../lib/hipaa";
import { S3_BUCKET, S3_LIFECYCLE, S3_VERSIONING } from "../../lib/resourceTypes";
import { forEachDecidable, validateStackOfTypes } from "../../lib/validate";
import { asArray, asRecord } from "../../lib/values";

/**
 * AWS Config s3-version-lifecycle-policy-check: a versioned bucket keeps every replaced version until a lifecycle
 * rule expires them; without one, deleted PHI is never gone and storage grows without bound.
 */
export const requireS3VersionedBucketsLifecycle: StackValidationPolicy = {
    name: "orthanc-s3-versioned-buckets-lifecycle",
    ...safeguard("integrity", "medium", "every versioned S3 bucket must have an enabled lifecycle rule that expires "
        + "noncurrent versions (`noncurrentVersionExpiration`)."),
    remediationSteps: "Add `aws.s3.BucketLifecycleConfiguration` with a rule `noncurrentVersionExpiration: "
        + "{ noncurrentDays }` (stack config `storage.s3NoncurrentVersionExpirationDays`).",
    validateStack: validateStackOfTypes(S3_BUCKET, (buckets, args, reportViolation) => {
        forEachDecidable(buckets, bucket => {
            const versioned = correlatedSettings(bucket, args, S3_VERSIONING).some(v =>
                asRecord(v.props.versioningConfiguration).status === "Enabled");
            if (!versioned) {
                return;
            }
            const expires = correlatedSettings(bucket, args, S3_LIFECYCLE).some(lifecycle =>
                asArray(lifecycle.props.rules).map(asRecord).some(rule =>
                    rule.status === "Enabled" && asArray(rule.noncurrentVersionExpiration).length + (asRecord(rule.noncurrentVersionExpiration).noncurrentDays !== undefined ? 1 : 0) > 0));
            if (!expires) {
                reportViolation(`Versioned bucket '${bucket.name}' has no lifecycle rule expiring noncurrent versions.`, bucket.urn);
            }
        });
    }),
};
