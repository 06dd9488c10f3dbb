import { ResourceValidationPolicy } from "@pulumi/policy";
import { parseContainerDefinitions } from "../../lib/environment";
import { safeguard } from "../../lib/hipaa";
import { ECS_TASK_DEFINITION } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";

/** AWS Config ecs-containers-readonly-access: a container that cannot write its image cannot be altered in place. */
export const requireEcsReadonlyRootFilesystem: ResourceValidationPolicy = {
    name: "orthanc-ecs-readonly-root-filesystem",
    ...safeguard("integrity", "medium", "ECS containers must run with a read-only root file system "
        + "(`readonlyRootFilesystem: true`); writable paths are declared volumes."),
    remediationSteps: "Set `readonlyRootFilesystem: true` and mount task volumes on the paths the process writes.",
    validateResource: validateResourceOfTypes(ECS_TASK_DEFINITION, (props, args, reportViolation) => {
        const containers = parseContainerDefinitions(props.containerDefinitions);
        if (containers === undefined) {
            return args.notApplicable("containerDefinitions is not a JSON array");
        }
        for (const container of containers.filter(c => !c.readonlyRootFilesystem)) {
            reportViolation(`'${args.name}' container ${container.name} has a writable root file system.`);
        }
    }),
};
