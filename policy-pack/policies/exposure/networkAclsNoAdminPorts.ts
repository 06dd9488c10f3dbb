import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { isInternetWide } from "../../lib/cidr";
import { settingsFor } from "../../lib/correlate";
import { safeguard } from "../../lib/hipaa";
import { AWSX_VPC, DEFAULT_NETWORK_ACL, NETWORK_ACL, NETWORK_ACL_RULE, VPC } from "../../lib/resourceTypes";
import { forEachDecidable, resourcesOfTypes, validateStackOfTypes } from "../../lib/validate";
import { asArray, asNumber, asRecord, asString, isTrue } from "../../lib/values";

/** Remote administration ports (AWS Security Hub EC2.21: network ACLs should not allow ingress to 22 or 3389). */
export const ADMIN_PORTS = [22, 3389];

interface AclEntry { ruleNo: number; allow: boolean; protocol: string; fromPort: number; toPort: number; cidr: string }

function entry(raw: Record<string, unknown>, actionKey: string): AclEntry {
    const protocol = String(raw.protocol ?? "").toLowerCase();
    const all = protocol === "-1" || protocol === "all";
    return {
        ruleNo: asNumber(raw.ruleNo ?? raw.ruleNumber) ?? 0,
        allow: String(raw[actionKey] ?? "").toLowerCase() === "allow",
        protocol: all ? "-1" : protocol === "6" ? "tcp" : protocol,
        fromPort: all ? 0 : asNumber(raw.fromPort) ?? 0,
        toPort: all ? 65535 : asNumber(raw.toPort) ?? 65535,
        cidr: asString(raw.cidrBlock) ?? asString(raw.ipv6CidrBlock) ?? "",
    };
}

/** The ingress entries of an ACL: its inline `ingress` blocks and the `NetworkAclRule`s attached to it. */
function ingressEntries(acl: PolicyResource, rules: PolicyResource[]): AclEntry[] {
    const inline = asArray(acl.props.ingress).map(raw => entry(asRecord(raw), "action"));
    const attached = settingsFor(acl, rules, "networkAclId", []).filter(rule => !isTrue(rule.props.egress))
        .map(rule => entry(asRecord(rule.props), "ruleAction"));
    return [...inline, ...attached].sort((a, b) => a.ruleNo - b.ruleNo);
}

/**
 * The first entry (lowest rule number) that matches TCP traffic to `port` from an internet-wide range decides, as
 * network ACLs are evaluated in rule order (VPC user guide, "Network ACL rules").
 */
function admitsFromInternet(entries: AclEntry[], port: number): boolean {
    const first = entries.find(e => (e.protocol === "-1" || e.protocol === "tcp")
        && e.fromPort <= port && port <= e.toPort && isInternetWide(e.cidr));
    return first?.allow ?? false;
}

export const requireNetworkAclsNoAdminPorts: StackValidationPolicy = {
    name: "orthanc-network-acls-no-admin-ports",
    ...safeguard("accessControl", "high", "every VPC must manage its default network ACL, and no network ACL may "
        + "admit traffic from the internet to SSH (22) or RDP (3389)."),
    remediationSteps: "Add `aws.ec2.DefaultNetworkAcl` with low-numbered deny entries for TCP 22 and 3389 from "
        + "0.0.0.0/0 before any allow entry.",
    validateStack: validateStackOfTypes([...VPC, ...AWSX_VPC], (vpcs, args, reportViolation) => {
        const acls = resourcesOfTypes(args, NETWORK_ACL);
        const rules = resourcesOfTypes(args, NETWORK_ACL_RULE);
        forEachDecidable(vpcs, vpc => {
            if (AWSX_VPC.includes(vpc.type)) {
                reportViolation(`VPC '${vpc.name}' is an awsx component: its default network ACL (which admits all traffic) cannot be checked before it is built.`, vpc.urn);
            } else if (settingsFor(vpc, acls.filter(a => DEFAULT_NETWORK_ACL.includes(a.type)), "defaultNetworkAclId", ["defaultNetworkAclId"]).length === 0) {
                reportViolation(`VPC '${vpc.name}' leaves its default network ACL unmanaged (it admits all traffic, SSH and RDP included).`, vpc.urn);
            }
        });
        forEachDecidable(acls, acl => {
            const entries = ingressEntries(acl, rules);
            for (const port of ADMIN_PORTS.filter(p => admitsFromInternet(entries, p))) {
                reportViolation(`Network ACL '${acl.name}' admits TCP ${port} from the internet.`, acl.urn);
            }
        });
    }),
};
