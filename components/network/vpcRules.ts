/** Pure decisions of the VPC: where NAT gateways go and what the default network ACL admits. */
import { NatGatewayStrategy } from "../../config/types";

/** Zero-based AZ indexes that get a NAT gateway (awsx: `Single` in the first AZ, `OnePerAz` in each). */
export function natGatewayZones(strategy: NatGatewayStrategy, availabilityZones: number): number[] {
    return strategy === "none" ? [] : strategy === "single" ? [0] : Array.from({ length: availabilityZones }, (_, az) => az);
}

/** The remote-administration ports no traffic from the internet may reach (Security Hub EC2.21). */
export const ADMINISTRATION_PORTS = [22, 3389];

/**
 * The default ACL every subnet uses: deny SSH and RDP from anywhere first (network ACLs apply the lowest-numbered
 * matching entry, VPC user guide "Network ACL rules"), then allow the rest. Stateless ACLs must admit return
 * traffic on ephemeral ports, so anything narrower than "the rest" belongs in security groups, which stay the
 * real filter.
 */
export const DEFAULT_NETWORK_ACL_INGRESS = [
    ...ADMINISTRATION_PORTS.map((port, index) => ({
        ruleNo: 100 + index * 10, action: "deny", protocol: "tcp", fromPort: port, toPort: port, cidrBlock: "0.0.0.0/0",
    })),
    { ruleNo: 200, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" },
];
export const DEFAULT_NETWORK_ACL_EGRESS = [
    { ruleNo: 100, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" },
];
