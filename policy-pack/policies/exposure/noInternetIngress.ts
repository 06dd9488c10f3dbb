import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { settingsFor } from "../../lib/correlate";
import { isInternetWide } from "../../lib/cidr";
import { safeguard } from "../../lib/hipaa";
import { IngressRule, describePorts, ingressRules } from "../../lib/ingress";
import {
    LB_LISTENER, LOAD_BALANCER, SECURITY_GROUP, SECURITY_GROUP_INGRESS_RULE, SECURITY_GROUP_RULE,
} from "../../lib/resourceTypes";
import { forEachDecidable, resourcesOfTypes, validateStackOfTypes } from "../../lib/validate";
import { asNumber } from "../../lib/values";

const TLS_PROTOCOLS = ["HTTPS", "TLS"];

/** Ports of the stack's HTTPS/TLS listeners. */
function tlsListenerPorts(listeners: PolicyResource[]): Set<number> {
    const ports = new Set<number>();
    for (const listener of listeners) {
        const port = asNumber(listener.props.port);
        if (port !== undefined && TLS_PROTOCOLS.includes(String(listener.props.protocol).toUpperCase())) {
            ports.add(port);
        }
    }
    return ports;
}

/** True when a load balancer of the stack lists `group` in `securityGroups` (by dependency, else by id). */
function isLoadBalancerGroup(group: PolicyResource, loadBalancers: PolicyResource[]): boolean {
    return settingsFor(group, loadBalancers, "securityGroups", []).length > 0
        || loadBalancers.some(lb => (lb.propertyDependencies?.securityGroups ?? []).length === 0
            && Array.isArray(lb.props.securityGroups) && lb.props.securityGroups.includes(group.props.id));
}

/** The security group a rule belongs to: the group itself for inline rules, else the one `securityGroupId` names. */
function owningGroup(owner: PolicyResource, groups: PolicyResource[]): PolicyResource | undefined {
    return SECURITY_GROUP.includes(owner.type) ? owner : groups.find(g => settingsFor(g, [owner], "securityGroupId", []).length > 0);
}

function isSinglePortTcp(rule: IngressRule): boolean {
    return rule.protocol === "tcp" && rule.fromPort === rule.toPort;
}

/**
 * A stack policy because the one exception needs other resources: the rule's group must be attached to a load
 * balancer of the stack, and its single port must be one of the stack's HTTPS/TLS listener ports. Ids are read only
 * for rules open to the internet, and dependencies are preferred, so new resources (ids unknown) do not block it.
 */
export const forbidInternetIngress: StackValidationPolicy = {
    name: "orthanc-no-internet-ingress",
    ...safeguard("accessControl", "critical", `no security group may admit the internet (0.0.0.0/0, ::/0, or any `
        + "public IPv4 range up to /8 or IPv6 range up to /16), except a load balancer's security group on the ports of "
        + "its HTTPS/TLS listeners."),
    remediationSteps: "Restrict the rule to the client networks (`endpoint.allowedCidrs`) or to a security-group source.",
    validateStack: validateStackOfTypes(
        [...SECURITY_GROUP, ...SECURITY_GROUP_INGRESS_RULE, ...SECURITY_GROUP_RULE],
        (ruleOwners, args, reportViolation) => {
            const groups = resourcesOfTypes(args, SECURITY_GROUP);
            const loadBalancers = resourcesOfTypes(args, LOAD_BALANCER);
            const tlsPorts = tlsListenerPorts(resourcesOfTypes(args, LB_LISTENER));
            forEachDecidable(ruleOwners, owner => {
                for (const rule of ingressRules(owner.type, owner.props)) {
                    const internet = rule.cidrs.filter(isInternetWide);
                    if (internet.length === 0) {
                        continue;
                    }
                    const group = isSinglePortTcp(rule) && tlsPorts.has(rule.fromPort) ? owningGroup(owner, groups) : undefined;
                    if (group === undefined || !isLoadBalancerGroup(group, loadBalancers)) {
                        reportViolation(`'${owner.name}' admits ${internet.join(" and ")} on ${describePorts(rule)}.`, owner.urn);
                    }
                }
            });
        }),
};
