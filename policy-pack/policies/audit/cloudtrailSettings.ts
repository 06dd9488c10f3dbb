import { ResourceValidationPolicy } from "@pulumi/policy";
import { safeguard } from "../../lib/hipaa";
import { CLOUDTRAIL } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";
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
 * cloud-trail-cloud-watch-logs-enabled and cloudtrail-s3-dataevents-enabled, for every trail the stack creates.
 */
export const requireCloudTrailSettings: ResourceValidationPolicy = {
    name: "orthanc-cloudtrail-trail-settings",
    ...safeguard("auditControls", "high", "CloudTrail trails must be encrypted with a KMS key, validate log files, "
        + "cover all regions, deliver to CloudWatch Logs and record S3 data events."),
    remediationSteps: "Set `kmsKeyId`, `enableLogFileValidation: true`, `isMultiRegionTrail: true`, "
        + "`cloudWatchLogsGroupArn` with its role, and an event selector for `AWS::S3::Object`.",
    validateResource: validateResourceOfTypes(CLOUDTRAIL, (props, args, reportViolation) => {
        const problems = [
            isSet(props.kmsKeyId) ? undefined : "no KMS key (kmsKeyId)",
            isTrue(props.enableLogFileValidation) ? undefined : "no log file validation",
            isTrue(props.isMultiRegionTrail) ? undefined : "a single region",
            isSet(props.cloudWatchLogsGroupArn) ? undefined : "no CloudWatch Logs delivery",
            recordsS3DataEvents(props) ? undefined : "no S3 data events",
        ].filter((p): p is string => p !== undefined);
        if (problems.length > 0) {
            reportViolation(`Trail '${args.name}' has ${problems.join(", ")}.`);
        }
    }),
};
