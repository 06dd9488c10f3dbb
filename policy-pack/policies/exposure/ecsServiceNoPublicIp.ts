import { ResourceValidationPolicy } from "@pulumi/policy";
import { HIPAA_SECTIONS, hipaaFramework } from "../../lib/hipaa";
import { ECS_SERVICE } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";
import { asRecord, isTrue } from "../../lib/values";

export const requireEcsServiceNoPublicIp: ResourceValidationPolicy = {
    name: "orthanc-ecs-service-no-public-ip",
    description: `${HIPAA_SECTIONS.accessControl} access control: ECS services must not assign public IP addresses `
        + "to their tasks.",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: hipaaFramework(HIPAA_SECTIONS.accessControl),
    remediationSteps: "Set `networkConfiguration.assignPublicIp: false` and run tasks in private subnets.",
    validateResource: validateResourceOfTypes(ECS_SERVICE, (props, args, reportViolation) => {
        if (isTrue(asRecord(props.networkConfiguration).assignPublicIp)) {
            reportViolation(`'${args.name}' assigns public IP addresses to its tasks.`);
        }
    }),
};
