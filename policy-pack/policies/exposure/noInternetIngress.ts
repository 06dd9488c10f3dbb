import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { safeguard } from "../../lib/hipaa";
import { IngressRule, INTERNET_CIDRS, describePorts, ingressRules } from "../../lib/ingress";
import {
    LB_LISTENER, LOAD_BALANCER, SECURITY_GROUP, SECURITY_GROUP_INGRESS_RULE, SECURITY_GROUP_RULE,
} from "../../lib/resourceTypes";
import { resourcesOfTypes, validateStackOfTypes } from "../../lib/validate";
import { asArray, asNumber, asString } from "../../lib/values";

const TLS_PROTOCOLS = ["HTTPS", "TLS"];

/** Ids of security groups attached to a load balancer, and the ports of the stack's HTTPS/TLS listeners. */
function loadBalancerExceptions(resources: PolicyResource[]) {
    const groups = new Set<string>();
    for (const lb of resources.filter(r => LOAD_BALANCER.includes(r.type))) {
        for (const group of asArray(lb.props.securityGroups)) {
            if (typeof group === "string") {
                groups.add(group);
            }
        }
    }
    const tlsPorts = new Set<number>();
    for (const listener of resources.filter(r => LB_LISTENER.includes(r.type))) {
        const port = asNumber(listener.props.port);
        if (port !== undefined && TLS_PROTOCOLS.includes(String(listener.props.protocol).toUpperCase())) {
            tlsPorts.add(port);
        }
    }
    return { groups, tlsPorts };
}

function isLoadBalancerTlsPort(rule: IngressRule, exceptions: ReturnType<typeof loadBalancerExceptions>): boolean {
    return rule.securityGroupId !== undefined && exceptions.groups.has(rule.securityGroupId)
        && rule.protocol === "tcp" && rule.fromPort === rule.toPort && exceptions.tlsPorts.has(rule.fromPort);
}

/**
 * A stack policy because the one exception needs two other resources: the rule's group must be attached to a load
 * balancer of the stack, and its single port must be one of the stack's HTTPS/TLS listener ports.
 */
export const forbidInternetIngress: StackValidationPolicy = {
    name: "orthanc-no-internet-ingress",
    ...safeguard("accessControl", "critical", `no security group may admit 0.0.0.0/0 or ::/0, `
        + "except a load balancer's security group on the ports of its HTTPS/TLS listeners."),
    remediationSteps: "Restrict the rule to the client networks (`endpoint.allowedCidrs`) or to a security-group source.",
    validateStack: validateStackOfTypes(
        [...SECURITY_GROUP, ...SECURITY_GROUP_INGRESS_RULE, ...SECURITY_GROUP_RULE],
        (ruleOwners, args, reportViolation) => {
            const exceptions = loadBalancerExceptions(resourcesOfTypes(args, [...LOAD_BALANCER, ...LB_LISTENER]));
            for (const owner of ruleOwners) {
                for (const rule of ingressRules(owner.type, owner.props, asString(owner.props.id))) {
                    const internet = rule.cidrs.filter(cidr => INTERNET_CIDRS.has(cidr));
                    if (internet.length > 0 && !isLoadBalancerTlsPort(rule, exceptions)) {
                        reportViolation(`'${owner.name}' admits ${internet.join(" and ")} on ${describePorts(rule)}.`,
                            owner.urn);
                    }
                }
            }
        }),
};
