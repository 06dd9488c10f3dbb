import { ResourceValidationPolicy } from "@pulumi/policy";
import { safeguard } from "../../lib/hipaa";
import { ECS_SERVICE } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";
import { asRecord, isTrue } from "../../lib/values";

export const requireEcsServiceNoPublicIp: ResourceValidationPolicy = {
    name: "orthanc-ecs-service-no-public-ip",
    ...safeguard("accessControl", "high", `ECS services must not assign public IP addresses `
        + "to their tasks."),
    remediationSteps: "Set `networkConfiguration.assignPublicIp: false` and run tasks in private subnets.",
    validateResource: validateResourceOfTypes(ECS_SERVICE, (props, args, reportViolation) => {
        if (isTrue(asRecord(props.networkConfiguration).assignPublicIp)) {
            reportViolation(`'${args.name}' assigns public IP addresses to its tasks.`);
        }
    }),
};
