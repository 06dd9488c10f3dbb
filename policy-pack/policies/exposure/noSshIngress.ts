import { ResourceValidationPolicy } from "@pulumi/policy";
import { safeguard } from "../../lib/hipaa";
import { coversTcpPort, describePorts, ingressRules } from "../../lib/ingress";
import { SECURITY_GROUP, SECURITY_GROUP_INGRESS_RULE, SECURITY_GROUP_RULE } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";

const SSH_PORT = 22;

/**
 * Containers and hosts are reached through ECS Exec / SSM Session Manager, which need no inbound port: SSH is
 * refused from every network address, not only from the internet. Rules whose source is another security group
 * (e.g. the load balancer's) are not address ranges and are not affected.
 */
export const forbidSshIngress: ResourceValidationPolicy = {
    name: "orthanc-no-ssh-ingress",
    ...safeguard("accessControl", "high", `no security group may admit SSH (TCP 22) from any `
        + "address range; use ECS Exec or SSM Session Manager."),
    remediationSteps: "Remove the ingress rule that covers port 22.",
    validateResource: validateResourceOfTypes(
        [...SECURITY_GROUP, ...SECURITY_GROUP_INGRESS_RULE, ...SECURITY_GROUP_RULE],
        (props, args, reportViolation) => {
            for (const rule of ingressRules(args.type, props)) {
                if (rule.cidrs.length > 0 && coversTcpPort(rule, SSH_PORT)) {
                    reportViolation(`'${args.name}' admits SSH from ${rule.cidrs.join(", ")} (${describePorts(rule)}).`);
                }
            }
        }),
};
