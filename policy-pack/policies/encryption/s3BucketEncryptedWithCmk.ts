import { StackValidationPolicy } from "@pulumi/policy";
import { correlatedSettings } from "../../lib/bucketSettings";
import { safeguard } from "../../lib/hipaa";
import { describeKey, isCustomerManagedKey } from "../../lib/kms";
import { S3_BUCKET, S3_ENCRYPTION } from "../../lib/resourceTypes";
import { validateStackOfTypes } from "../../lib/validate";
import { asArray, asRecord } from "../../lib/values";

/** SSE-KMS algorithms; `AES256` (SSE-S3) uses an AWS-owned key. */
const KMS_ALGORITHMS = ["aws:kms", "aws:kms:dsse"];

/** True when every rule of the configuration applies SSE-KMS with a customer-managed key. */
function encryptsWithCmk(props: Record<string, unknown>): boolean {
    const rules = asArray(props.rules).map(asRecord);
    return rules.length > 0 && rules.every(rule => {
        const byDefault = asRecord(rule.applyServerSideEncryptionByDefault);
        return KMS_ALGORITHMS.includes(String(byDefault.sseAlgorithm)) && isCustomerManagedKey(byDefault.kmsMasterKeyId);
    });
}

/** In aws v7 a bucket's encryption is a separate `BucketServerSideEncryptionConfiguration` resource. */
export const requireS3BucketEncryptedWithCmk: StackValidationPolicy = {
    name: "orthanc-s3-bucket-encrypted-with-cmk",
    ...safeguard("encryption", "high", `every S3 bucket must have a `
        + "BucketServerSideEncryptionConfiguration applying SSE-KMS (`aws:kms`) with a customer-managed key."),
    remediationSteps: "Add `aws.s3.BucketServerSideEncryptionConfiguration` for the bucket with "
        + "`applyServerSideEncryptionByDefault: { sseAlgorithm: \"aws:kms\", kmsMasterKeyId }`.",
    validateStack: validateStackOfTypes(S3_BUCKET, (buckets, args, reportViolation) => {
        for (const bucket of buckets) {
            const configurations = correlatedSettings(bucket, args, S3_ENCRYPTION);
            if (configurations.length === 0) {
                reportViolation(`Bucket '${bucket.name}' has no server-side encryption configuration.`, bucket.urn);
            }
            for (const configuration of configurations) {
                if (!encryptsWithCmk(configuration.props)) {
                    const byDefault = asRecord(asRecord(asArray(configuration.props.rules)[0]).applyServerSideEncryptionByDefault);
                    reportViolation(`Bucket '${bucket.name}' is not encrypted with SSE-KMS and a customer-managed key `
                        + `(${configuration.name}: algorithm ${String(byDefault.sseAlgorithm ?? "not set")}, `
                        + `${describeKey(byDefault.kmsMasterKeyId)}).`, bucket.urn);
                }
            }
        }
    }),
};
