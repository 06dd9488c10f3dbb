import { ResourceValidationPolicy } from "@pulumi/policy";
import { safeguard } from "../../lib/hipaa";
import { EC2_INSTANCE, LAUNCH_TEMPLATE } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";
import { asRecord } from "../../lib/values";

/** IMDSv1 hands the instance role's credentials to any SSRF that reaches 169.254.169.254. */
export const requireImdsV2: ResourceValidationPolicy = {
    name: "orthanc-imdsv2-required",
    ...safeguard("accessControl", "high", `EC2 launch templates and instances must require `
        + "IMDSv2 (`metadataOptions.httpTokens: \"required\"`)."),
    remediationSteps: "Set `metadataOptions: { httpTokens: \"required\", httpPutResponseHopLimit: 1 }`.",
    validateResource: validateResourceOfTypes([...LAUNCH_TEMPLATE, ...EC2_INSTANCE], (props, args, reportViolation) => {
        const options = asRecord(props.metadataOptions);
        if (options.httpEndpoint === "disabled") {
            return;
        }
        if (options.httpTokens !== "required") {
            reportViolation(`'${args.name}' does not require IMDSv2 (httpTokens is ${String(options.httpTokens ?? "not set")}).`);
        }
    }),
};
