import { StackValidationPolicy } from "@pulumi/policy";
import { correlatedSettings } from "../../lib/bucketSettings";
import { safeguard } from "../../lib/hipaa";
import { someDenyInsecureTransport } from "../../lib/policyDocument";
import { S3_BUCKET, S3_BUCKET_POLICY } from "../../lib/resourceTypes";
import { forEachDecidable, validateStackOfTypes } from "../../lib/validate";

export const requireS3BucketDeniesInsecureTransport: StackValidationPolicy = {
    name: "orthanc-s3-bucket-denies-insecure-transport",
    ...safeguard("transmissionSecurity", "high", `every S3 bucket must have a bucket `
        + "policy denying `s3:*` to every principal when `aws:SecureTransport` is false."),
    remediationSteps: "Add `aws.s3.BucketPolicy` with a Deny statement: Principal \"*\", Action \"s3:*\", the bucket "
        + "and its objects as Resource, Condition `{\"Bool\": {\"aws:SecureTransport\": \"false\"}}`.",
    validateStack: validateStackOfTypes(S3_BUCKET, (buckets, args, reportViolation) => {
        forEachDecidable(buckets, bucket => {
            const policies = correlatedSettings(bucket, args, S3_BUCKET_POLICY);
            if (!someDenyInsecureTransport(policies, "s3")) {
                reportViolation(policies.length === 0
                    ? `Bucket '${bucket.name}' has no bucket policy denying requests without TLS.`
                    : `Bucket '${bucket.name}' has a bucket policy, but none of its statements denies requests without TLS.`,
                bucket.urn);
            }
        });
    }),
};
