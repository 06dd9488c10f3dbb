import { ResourceValidationPolicy } from "@pulumi/policy";
import { safeguard } from "../../lib/hipaa";
import { AUTOSCALING_GROUP } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";
import { asArray } from "../../lib/values";

/**
 * AWS Config autoscaling-group-elb-healthcheck-required: a group behind a load balancer replaces instances the load
 * balancer finds unhealthy only with `healthCheckType: "ELB"`. Groups that register no targets (ECS capacity
 * providers, whose tasks are the targets) are not applicable.
 */
export const requireAsgElbHealthCheck: ResourceValidationPolicy = {
    name: "orthanc-asg-elb-health-check",
    ...safeguard("contingencyPlan", "medium", "Auto Scaling groups attached to load balancers (`loadBalancers`, "
        + "`targetGroupArns`) must use the load balancer's health checks (`healthCheckType: \"ELB\"`)."),
    remediationSteps: "Set `healthCheckType: \"ELB\"` and a `healthCheckGracePeriod`.",
    validateResource: validateResourceOfTypes(AUTOSCALING_GROUP, (props, args, reportViolation) => {
        if (asArray(props.loadBalancers).length === 0 && asArray(props.targetGroupArns).length === 0) {
            return args.notApplicable("The group registers no load-balancer targets");
        }
        if (props.healthCheckType !== "ELB") {
            reportViolation(`'${args.name}' is behind a load balancer but uses health checks of type ${String(props.healthCheckType ?? "EC2 (not set)")}.`);
        }
    }),
};
