import { ResourceValidationPolicy } from "@pulumi/policy";
import { safeguard } from "../../lib/hipaa";
import { LOAD_BALANCER } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";
import { isTrue } from "../../lib/values";

/** AWS Config elb-deletion-protection-enabled: the load balancer is the service's address; losing it is an outage. */
export const requireLbDeletionProtection: ResourceValidationPolicy = {
    name: "orthanc-lb-deletion-protection",
    ...safeguard("contingencyPlan", "medium", "load balancers must have deletion protection "
        + "(`enableDeletionProtection: true`) (mandatory in prod pack config)."),
    remediationSteps: "Set stack config `endpoint.deletionProtection: true`.",
    validateResource: validateResourceOfTypes(LOAD_BALANCER, (props, args, reportViolation) => {
        if (!isTrue(props.enableDeletionProtection)) {
            reportViolation(`'${args.name}' has no deletion protection (enableDeletionProtection).`);
        }
    }),
};
