import { SECURITY_GROUP, SECURITY_GROUP_INGRESS_RULE, SECURITY_GROUP_RULE } from "./resourceTypes";
import { asArray, asNumber, asRecord } from "./values";

/** One ingress permission, whatever resource shape declared it. */
export interface IngressRule {
    /** `-1` (all traffic), `tcp`, `udp`, `icmp`, ... lower-cased. */
    protocol: string;
    fromPort: number;
    toPort: number;
    /** IPv4 and IPv6 CIDR sources (security-group and prefix-list sources are not CIDRs). */
    cidrs: string[];
}

function normalizeProtocol(protocol: unknown): string {
    const value = String(protocol ?? "").toLowerCase();
    return value === "all" || value === "-1" ? "-1" : value === "6" ? "tcp" : value === "17" ? "udp" : value;
}

function rule(protocol: unknown, fromPort: unknown, toPort: unknown, cidrs: unknown[]): IngressRule {
    const normalized = normalizeProtocol(protocol);
    const allPorts = normalized === "-1";
    return {
        protocol: normalized,
        fromPort: allPorts ? 0 : asNumber(fromPort) ?? 0,
        toPort: allPorts ? 65535 : asNumber(toPort) ?? 65535,
        cidrs: cidrs.filter((c): c is string => typeof c === "string"),
    };
}

/**
 * The ingress rules a resource declares: inline `ingress` blocks of `aws.ec2.SecurityGroup`,
 * `aws.vpc.SecurityGroupIngressRule`, and `aws.ec2.SecurityGroupRule` of type ingress.
 */
export function ingressRules(type: string, props: Record<string, unknown>): IngressRule[] {
    if (SECURITY_GROUP.includes(type)) {
        return asArray(props.ingress).map(raw => {
            const r = asRecord(raw);
            return rule(r.protocol, r.fromPort, r.toPort, [...asArray(r.cidrBlocks), ...asArray(r.ipv6CidrBlocks)]);
        });
    }
    if (SECURITY_GROUP_INGRESS_RULE.includes(type)) {
        return [rule(props.ipProtocol, props.fromPort, props.toPort,
            [props.cidrIpv4, props.cidrIpv6])];
    }
    if (SECURITY_GROUP_RULE.includes(type) && props.type === "ingress") {
        return [rule(props.protocol, props.fromPort, props.toPort,
            [...asArray(props.cidrBlocks), ...asArray(props.ipv6CidrBlocks)])];
    }
    return [];
}

/** True when the rule admits traffic to `port` (TCP or all traffic). */
export function coversTcpPort(ingress: IngressRule, port: number): boolean {
    return (ingress.protocol === "-1" || ingress.protocol === "tcp")
        && ingress.fromPort <= port && port <= ingress.toPort;
}

/** Human-readable port range of a rule. */
export function describePorts(ingress: IngressRule): string {
    if (ingress.protocol === "-1") {
        return "all traffic";
    }
    return ingress.fromPort === ingress.toPort
        ? `${ingress.protocol} port ${ingress.fromPort}`
        : `${ingress.protocol} ports ${ingress.fromPort}-${ingress.toPort}`;
}
