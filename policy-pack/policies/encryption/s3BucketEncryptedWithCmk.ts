import { StackValidationPolicy } from "@pulumi/policy";
import { correlatedSettings } from "../../lib/bucketSettings";
import { safeguard } from "../../lib/hipaa";
import { describeKey, isCustomerManagedKey } from "../../lib/kms";
import { LOG_ARCHIVE_TAG, LOG_ARCHIVE_TAG_VALUE, SSE_S3_ONLY_DELIVERIES, logArchiveDelivery } from "../../lib/logDeliveryBuckets";
import { S3_BUCKET, S3_ENCRYPTION } from "../../lib/resourceTypes";
import { forEachDecidable, validateStackOfTypes } from "../../lib/validate";
import { asArray, asRecord } from "../../lib/values";

/** SSE-KMS algorithms; `AES256` (SSE-S3) uses an AWS-owned key. */
const KMS_ALGORITHMS = ["aws:kms", "aws:kms:dsse"];
/** The only encryption the SSE-S3-only log deliveries (lib/logDeliveryBuckets.ts) accept. */
const LOG_DELIVERY_ALGORITHM = "AES256";

function defaultEncryption(rule: unknown): Record<string, unknown> {
    return asRecord(asRecord(rule).applyServerSideEncryptionByDefault);
}

/** True when every rule of the configuration applies SSE-KMS with a customer-managed key. */
function encryptsWithCmk(props: Record<string, unknown>): boolean {
    const rules = asArray(props.rules).map(defaultEncryption);
    return rules.length > 0 && rules.every(byDefault =>
        KMS_ALGORITHMS.includes(String(byDefault.sseAlgorithm)) && isCustomerManagedKey(byDefault.kmsMasterKeyId));
}

function encryptsWithSseS3(props: Record<string, unknown>): boolean {
    const rules = asArray(props.rules).map(defaultEncryption);
    return rules.length > 0 && rules.every(byDefault => byDefault.sseAlgorithm === LOG_DELIVERY_ALGORITHM);
}

/** In aws v7 a bucket's encryption is a separate `BucketServerSideEncryptionConfiguration` resource. */
export const requireS3BucketEncryptedWithCmk: StackValidationPolicy = {
    name: "orthanc-s3-bucket-encrypted-with-cmk",
    ...safeguard("encryption", "high", "every S3 bucket must have a BucketServerSideEncryptionConfiguration "
        + "applying SSE-KMS (`aws:kms`) with a customer-managed key; a bucket tagged "
        + `${LOG_ARCHIVE_TAG}=${LOG_ARCHIVE_TAG_VALUE} that receives ALB access logs or S3 server access logs SSE-S3, `
        + "the only encryption those AWS log deliveries support."),
    remediationSteps: "Add `aws.s3.BucketServerSideEncryptionConfiguration` for the bucket with "
        + "`applyServerSideEncryptionByDefault: { sseAlgorithm: \"aws:kms\", kmsMasterKeyId }`.",
    validateStack: validateStackOfTypes(S3_BUCKET, (buckets, args, reportViolation) => {
        forEachDecidable(buckets, bucket => {
            const configurations = correlatedSettings(bucket, args, S3_ENCRYPTION);
            if (configurations.length === 0) {
                reportViolation(`Bucket '${bucket.name}' has no server-side encryption configuration.`, bucket.urn);
                return;
            }
            const delivery = logArchiveDelivery(bucket, args);
            const logDelivery = delivery !== undefined && SSE_S3_ONLY_DELIVERIES.has(delivery) ? delivery : undefined;
            for (const configuration of configurations.filter(c => !(logDelivery ? encryptsWithSseS3 : encryptsWithCmk)(c.props))) {
                const byDefault = defaultEncryption(asArray(configuration.props.rules)[0]);
                reportViolation(logDelivery
                    ? `Bucket '${bucket.name}' receives ${logDelivery} and must use SSE-S3 (AES256), the only encryption `
                        + `that delivery supports (${configuration.name}: algorithm ${String(byDefault.sseAlgorithm ?? "not set")}).`
                    : `Bucket '${bucket.name}' is not encrypted with SSE-KMS and a customer-managed key `
                        + `(${configuration.name}: algorithm ${String(byDefault.sseAlgorithm ?? "not set")}, `
                        + `${describeKey(byDefault.kmsMasterKeyId)}).`, bucket.urn);
            }
        });
    }),
};
