import { ResourceValidationPolicy } from "@pulumi/policy";
import { parseContainerDefinitions } from "../../lib/environment";
import { safeguard } from "../../lib/hipaa";
import { ECS_TASK_DEFINITION } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";

export const forbidPrivilegedContainers: ResourceValidationPolicy = {
    name: "orthanc-ecs-containers-not-privileged",
    ...safeguard("accessControl", "high", `ECS containers must not run privileged (root on `
        + "the host)."),
    remediationSteps: "Remove `privileged: true` from the container definition.",
    validateResource: validateResourceOfTypes(ECS_TASK_DEFINITION, (props, args, reportViolation) => {
        const containers = parseContainerDefinitions(props.containerDefinitions);
        if (containers === undefined) {
            // Reported by orthanc-no-plaintext-secrets-in-environment, which reads the same document.
            return args.notApplicable("containerDefinitions is not a JSON array");
        }
        for (const container of containers.filter(c => c.privileged)) {
            reportViolation(`'${args.name}' container ${container.name} runs privileged.`);
        }
    }),
};
