import { ResourceValidationPolicy } from "@pulumi/policy";
import { parseContainerDefinitions } from "../../lib/environment";
import { safeguard } from "../../lib/hipaa";
import { ECS_TASK_DEFINITION } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";

/** Root, by name or by id, with or without a group. */
const ROOT_USER = /^(root|0)(:.*)?$/;

/**
 * AWS Config ecs-task-definition-user-for-host-mode-check: with `networkMode: host` a container shares the host's
 * network stack, so it must not run as root (an unset user is the image's, usually root).
 */
export const requireEcsHostNetworkNonRoot: ResourceValidationPolicy = {
    name: "orthanc-ecs-host-network-non-root",
    ...safeguard("accessControl", "high", "ECS task definitions in `host` network mode must run every container as a "
        + "non-root `user`."),
    remediationSteps: "Use `networkMode: \"awsvpc\"`, or set `user` to a non-root uid in every container.",
    validateResource: validateResourceOfTypes(ECS_TASK_DEFINITION, (props, args, reportViolation) => {
        if (props.networkMode !== "host") {
            return args.notApplicable("Not in host network mode");
        }
        const containers = parseContainerDefinitions(props.containerDefinitions);
        if (containers === undefined) {
            return args.notApplicable("containerDefinitions is not a JSON array");
        }
        for (const container of containers.filter(c => c.user === undefined || ROOT_USER.test(c.user))) {
            reportViolation(`'${args.name}' container ${container.name} shares the host network as ${container.user ?? "the image's user (not set)"}.`);
        }
    }),
};
