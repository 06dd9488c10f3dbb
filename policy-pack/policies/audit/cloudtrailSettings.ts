import { StackValidationPolicy } from "@pulumi/policy";
import { DEFAULT_PHI_CLASSIFICATIONS, isPhi } from "../../lib/classification";
import { safeguard } from "../../lib/hipaa";
import { isDeclaredLogArchive } from "../../lib/logDeliveryBuckets";
import { CLOUDTRAIL, S3_BUCKET } from "../../lib/resourceTypes";
import { forEachDecidable, resourcesOfTypes, validateStackOfTypes } from "../../lib/validate";
import { asArray, asRecord, isSet, isTrue } from "../../lib/values";

/** True when the trail records S3 object-level events (basic or advanced event selectors). */
function recordsS3DataEvents(props: Record<string, unknown>): boolean {
    const basic = asArray(props.eventSelectors).map(asRecord).some(selector =>
        asArray(selector.dataResources).map(asRecord).some(resource => resource.type === "AWS::S3::Object"));
    const advanced = asArray(props.advancedEventSelectors).map(asRecord).some(selector =>
        asArray(selector.fieldSelectors).map(asRecord).some(field =>
            field.field === "resources.type" && asArray(field.equals).includes("AWS::S3::Object")));
    return basic || advanced;
}

/**
 * AWS Config cloud-trail-encryption-enabled, cloud-trail-log-file-validation-enabled, multi-region-cloudtrail-enabled,
 * cloud-trail-cloud-watch-logs-enabled, and cloudtrail-s3-dataevents-enabled where the stack holds PHI in S3 (a
 * stack on EFS has no image bucket whose object reads could be recorded), for every trail the stack creates.
 */
export const requireCloudTrailSettings: StackValidationPolicy = {
    name: "orthanc-cloudtrail-trail-settings",
    ...safeguard("auditControls", "high", "CloudTrail trails must be encrypted with a KMS key, validate log files, "
        + "cover all regions, deliver to CloudWatch Logs and, in a stack with a PHI bucket, record S3 data events."),
    remediationSteps: "Set `kmsKeyId`, `enableLogFileValidation: true`, `isMultiRegionTrail: true`, "
        + "`cloudWatchLogsGroupArn` with its role, and an event selector for `AWS::S3::Object`.",
    validateStack: validateStackOfTypes(CLOUDTRAIL, (trails, args, reportViolation) => {
        const phiBuckets = resourcesOfTypes(args, S3_BUCKET).some(bucket =>
            isPhi(asRecord(bucket.props), DEFAULT_PHI_CLASSIFICATIONS) && !isDeclaredLogArchive(bucket));
        forEachDecidable(trails, trail => {
            const props = asRecord(trail.props);
            const problems = [
                isSet(props.kmsKeyId) ? undefined : "no KMS key (kmsKeyId)",
                isTrue(props.enableLogFileValidation) ? undefined : "no log file validation",
                isTrue(props.isMultiRegionTrail) ? undefined : "a single region",
                isSet(props.cloudWatchLogsGroupArn) ? undefined : "no CloudWatch Logs delivery",
                !phiBuckets || recordsS3DataEvents(props) ? undefined : "no S3 data events",
            ].filter((p): p is string => p !== undefined);
            if (problems.length > 0) {
                reportViolation(`Trail '${trail.name}' has ${problems.join(", ")}.`, trail.urn);
            }
        });
    }),
};
