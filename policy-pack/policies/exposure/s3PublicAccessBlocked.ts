import { StackValidationPolicy } from "@pulumi/policy";
import { correlatedSettings } from "../../lib/bucketSettings";
import { safeguard } from "../../lib/hipaa";
import { S3_BUCKET, S3_PUBLIC_ACCESS_BLOCK } from "../../lib/resourceTypes";
import { forEachDecidable, validateStackOfTypes } from "../../lib/validate";
import { isTrue } from "../../lib/values";

const BLOCK_SETTINGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

export const requireS3PublicAccessBlocked: StackValidationPolicy = {
    name: "orthanc-s3-public-access-blocked",
    ...safeguard("accessControl", "critical", `every S3 bucket must have a `
        + "BucketPublicAccessBlock with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets "
        + "all true."),
    remediationSteps: "Add `aws.s3.BucketPublicAccessBlock` for the bucket with the four settings true.",
    validateStack: validateStackOfTypes(S3_BUCKET, (buckets, args, reportViolation) => {
        forEachDecidable(buckets, bucket => {
            const blocks = correlatedSettings(bucket, args, S3_PUBLIC_ACCESS_BLOCK);
            if (blocks.length === 0) {
                reportViolation(`Bucket '${bucket.name}' has no public access block.`, bucket.urn);
            }
            for (const block of blocks) {
                const off = BLOCK_SETTINGS.filter(setting => !isTrue(block.props[setting]));
                if (off.length > 0) {
                    reportViolation(`Bucket '${bucket.name}' public access block '${block.name}' does not set ${off.join(", ")} to true.`,
                        bucket.urn);
                }
            }
        });
    }),
};
