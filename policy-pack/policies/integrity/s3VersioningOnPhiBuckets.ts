import { StackValidationPolicy } from "@pulumi/policy";
import { correlatedSettings } from "../../lib/bucketSettings";
import { DATA_CLASSIFICATION_TAG, DEFAULT_PHI_CLASSIFICATIONS, PhiConfig, isPhi } from "../../lib/classification";
import { safeguard } from "../../lib/hipaa";
import { LOG_ARCHIVE_TAG, LOG_ARCHIVE_TAG_VALUE, logArchiveDelivery } from "../../lib/logDeliveryBuckets";
import { S3_BUCKET, S3_VERSIONING } from "../../lib/resourceTypes";
import { forEachDecidable, validateStackOfTypes } from "../../lib/validate";
import { asRecord } from "../../lib/values";

export const requireS3VersioningOnPhiBuckets: StackValidationPolicy = {
    name: "orthanc-s3-versioning-on-phi-buckets",
    ...safeguard("integrity", "high", `S3 buckets holding PHI (tag ${DATA_CLASSIFICATION_TAG}) must `
        + "have a BucketVersioning with status Enabled, so that overwritten or deleted objects can be recovered "
        + `(buckets tagged ${LOG_ARCHIVE_TAG}=${LOG_ARCHIVE_TAG_VALUE} that receive AWS log deliveries are log archives, not PHI stores).`),
    remediationSteps: "Add `aws.s3.BucketVersioning` with `versioningConfiguration: { status: \"Enabled\" }`.",
    configSchema: {
        properties: {
            phiClassifications: { type: "array", items: { type: "string" }, default: DEFAULT_PHI_CLASSIFICATIONS },
        },
    },
    validateStack: validateStackOfTypes(S3_BUCKET, (buckets, args, reportViolation) => {
        const classifications = args.getConfig<PhiConfig>().phiClassifications ?? DEFAULT_PHI_CLASSIFICATIONS;
        // Declared log archives that receive AWS log deliveries hold AWS-written logs, never overwritten and expired
        // by lifecycle: not PHI stores.
        forEachDecidable(buckets, bucket => {
            if (!isPhi(bucket.props, classifications) || logArchiveDelivery(bucket, args) !== undefined) {
                return;
            }
            const enabled = correlatedSettings(bucket, args, S3_VERSIONING)
                .some(v => asRecord(v.props.versioningConfiguration).status === "Enabled");
            if (!enabled) {
                reportViolation(`PHI bucket '${bucket.name}' has no BucketVersioning with status Enabled.`, bucket.urn);
            }
        });
    }),
};
