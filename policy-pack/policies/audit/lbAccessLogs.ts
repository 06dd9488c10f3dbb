import { ResourceValidationPolicy } from "@pulumi/policy";
import { safeguard } from "../../lib/hipaa";
import { LOAD_BALANCER } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";
import { asRecord, isSet, isTrue } from "../../lib/values";

export const requireLbAccessLogs: ResourceValidationPolicy = {
    name: "orthanc-lb-access-logs",
    ...safeguard("auditControls", "medium", `load balancers must write access logs to S3 `
        + "(`accessLogs: { enabled: true, bucket }`)."),
    remediationSteps: "Set `accessLogs: { enabled: true, bucket, prefix }` to the stack's log bucket.",
    validateResource: validateResourceOfTypes(LOAD_BALANCER, (props, args, reportViolation) => {
        const accessLogs = asRecord(props.accessLogs);
        if (!isTrue(accessLogs.enabled) || !isSet(accessLogs.bucket)) {
            reportViolation(`'${args.name}' does not write access logs (accessLogs.enabled and accessLogs.bucket).`);
        }
    }),
};
