import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { correlatedSettings } from "../../lib/bucketSettings";
import { settingsFor } from "../../lib/correlate";
import { safeguard } from "../../lib/hipaa";
import { describeKey, isCustomerManagedKey } from "../../lib/kms";
import { LOAD_BALANCER, S3_BUCKET, S3_ENCRYPTION } from "../../lib/resourceTypes";
import { resourcesOfTypes, validateStackOfTypes } from "../../lib/validate";
import { asArray, asRecord, asString } from "../../lib/values";

/** SSE-KMS algorithms; `AES256` (SSE-S3) uses an AWS-owned key. */
const KMS_ALGORITHMS = ["aws:kms", "aws:kms:dsse"];
/**
 * Application Load Balancers write access logs only to buckets encrypted with SSE-S3 ("The only server-side
 * encryption option that's supported is Amazon S3-managed keys", ELB user guide, "Enable access logs"), so their
 * log bucket is held to SSE-S3 instead of an impossible CMK.
 */
const ALB_LOG_ALGORITHM = "AES256";

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
    return rules.length > 0 && rules.every(byDefault => byDefault.sseAlgorithm === ALB_LOG_ALGORITHM);
}

/** True when an application load balancer of the stack writes its access logs to `bucket`. */
function isAlbAccessLogBucket(bucket: PolicyResource, loadBalancers: PolicyResource[]): boolean {
    const albs = loadBalancers.filter(lb => (lb.props.loadBalancerType ?? "application") === "application");
    return settingsFor(bucket, albs, "accessLogs", []).length > 0
        || albs.some(lb => (lb.propertyDependencies?.accessLogs ?? []).length === 0
            && [bucket.props.bucket, bucket.props.id].includes(asString(asRecord(lb.props.accessLogs).bucket)));
}

/** In aws v7 a bucket's encryption is a separate `BucketServerSideEncryptionConfiguration` resource. */
export const requireS3BucketEncryptedWithCmk: StackValidationPolicy = {
    name: "orthanc-s3-bucket-encrypted-with-cmk",
    ...safeguard("encryption", "high", "every S3 bucket must have a BucketServerSideEncryptionConfiguration "
        + "applying SSE-KMS (`aws:kms`) with a customer-managed key; an Application Load Balancer's access-log bucket "
        + "SSE-S3, the only encryption ALB log delivery supports."),
    remediationSteps: "Add `aws.s3.BucketServerSideEncryptionConfiguration` for the bucket with "
        + "`applyServerSideEncryptionByDefault: { sseAlgorithm: \"aws:kms\", kmsMasterKeyId }`.",
    validateStack: validateStackOfTypes(S3_BUCKET, (buckets, args, reportViolation) => {
        const loadBalancers = resourcesOfTypes(args, LOAD_BALANCER);
        for (const bucket of buckets) {
            const configurations = correlatedSettings(bucket, args, S3_ENCRYPTION);
            if (configurations.length === 0) {
                reportViolation(`Bucket '${bucket.name}' has no server-side encryption configuration.`, bucket.urn);
                continue;
            }
            const albLogs = isAlbAccessLogBucket(bucket, loadBalancers);
            for (const configuration of configurations.filter(c => !(albLogs ? encryptsWithSseS3 : encryptsWithCmk)(c.props))) {
                const byDefault = defaultEncryption(asArray(configuration.props.rules)[0]);
                reportViolation(albLogs
                    ? `Bucket '${bucket.name}' receives Application Load Balancer access logs and must use SSE-S3 (AES256), `
                        + `the only encryption ALB log delivery supports (${configuration.name}: algorithm ${String(byDefault.sseAlgorithm ?? "not set")}).`
                    : `Bucket '${bucket.name}' is not encrypted with SSE-KMS and a customer-managed key `
                        + `(${configuration.name}: algorithm ${String(byDefault.sseAlgorithm ?? "not set")}, `
                        + `${describeKey(byDefault.kmsMasterKeyId)}).`, bucket.urn);
            }
        }
    }),
};
