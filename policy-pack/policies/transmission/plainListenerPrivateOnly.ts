import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { isRfc1918 } from "../../lib/cidr";
import { settingsFor } from "../../lib/correlate";
import { safeguard } from "../../lib/hipaa";
import { coversTcpPort, ingressRules } from "../../lib/ingress";
import { LB_LISTENER, LOAD_BALANCER, SECURITY_GROUP, SECURITY_GROUP_INGRESS_RULE, SECURITY_GROUP_RULE } from "../../lib/resourceTypes";
import { forEachDecidable, resourcesOfTypes, validateStackOfTypes } from "../../lib/validate";
import { asArray, asNumber, asString } from "../../lib/values";

/** Protocols that leave traffic unencrypted on the wire; HTTP redirects are `orthanc-lb-listener-tls`'s concern. */
const PLAIN_PROTOCOLS = ["TCP", "UDP", "TCP_UDP"];

/** The load balancer a listener belongs to (by dependency, else by ARN). */
function loadBalancerOf(listener: PolicyResource, loadBalancers: PolicyResource[]): PolicyResource | undefined {
    return loadBalancers.find(lb => settingsFor(lb, [listener], "loadBalancerArn", ["arn"]).length > 0);
}

/** The security groups a load balancer lists (by dependency, else by id). */
function groupsOf(loadBalancer: PolicyResource, groups: PolicyResource[]): PolicyResource[] {
    const dependencies = loadBalancer.propertyDependencies?.securityGroups ?? [];
    if (dependencies.length > 0) {
        return groups.filter(group => dependencies.some(dependency => dependency.urn === group.urn));
    }
    const ids = asArray(loadBalancer.props.securityGroups).map(asString);
    return groups.filter(group => ids.includes(asString(group.props.id)));
}

/**
 * Plain DICOM exists for on-premises modalities that cannot speak TLS: such a listener may only sit on an internal
 * load balancer whose security groups admit, on its port, nothing but RFC 1918 ranges (reached over a VPN or Direct
 * Connect). A stack policy, as it needs the listener's load balancer and that load balancer's rules.
 */
export const requirePlainListenerPrivateOnly: StackValidationPolicy = {
    name: "orthanc-plain-listener-private-only",
    ...safeguard("transmissionSecurity", "high", "a load-balancer listener without TLS (TCP, UDP) must be on an "
        + "internal load balancer with security groups, admitting on its port only private RFC 1918 ranges."),
    remediationSteps: "Use a TLS listener, or put the plain listener on an internal load balancer (`internal: true`) whose "
        + "security group admits only the on-premises ranges reached over Site-to-Site VPN or Direct Connect.",
    validateStack: validateStackOfTypes(LB_LISTENER, (listeners, args, reportViolation) => {
        const loadBalancers = resourcesOfTypes(args, LOAD_BALANCER);
        const groups = resourcesOfTypes(args, SECURITY_GROUP);
        const rules = resourcesOfTypes(args, [...SECURITY_GROUP_INGRESS_RULE, ...SECURITY_GROUP_RULE]);
        forEachDecidable(listeners.filter(l => PLAIN_PROTOCOLS.includes(String(l.props.protocol).toUpperCase())), listener => {
            const port = asNumber(listener.props.port);
            const loadBalancer = loadBalancerOf(listener, loadBalancers);
            if (loadBalancer === undefined || loadBalancer.props.internal !== true) {
                reportViolation(`'${listener.name}' listens without TLS on ${loadBalancer ? `internet-facing load balancer '${loadBalancer.name}'` : "a load balancer outside the stack"}; plain listeners must be internal.`, listener.urn);
                return;
            }
            const lbGroups = groupsOf(loadBalancer, groups);
            if (lbGroups.length === 0) {
                reportViolation(`'${listener.name}' listens without TLS on '${loadBalancer.name}', which has no security group to limit its sources.`, listener.urn);
                return;
            }
            const sources = lbGroups.flatMap(group => [
                ...ingressRules(group.type, group.props),
                ...settingsFor(group, rules, "securityGroupId", ["id"]).flatMap(rule => ingressRules(rule.type, rule.props)),
            ]).filter(rule => port === undefined || coversTcpPort(rule, port)).flatMap(rule => rule.cidrs);
            const outside = [...new Set(sources.filter(cidr => !isRfc1918(cidr)))];
            if (outside.length > 0) {
                reportViolation(`'${listener.name}' listens without TLS and '${loadBalancer.name}' admits ${outside.join(", ")} on port ${port}; only private RFC 1918 ranges may reach it.`, listener.urn);
            }
        });
    }),
};
