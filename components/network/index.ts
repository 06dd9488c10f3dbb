/** Network: the VPC and its subnet tiers, NAT, gateway and interface endpoints, flow logs. */
export { Network } from "./network";
export type { NetworkArgs } from "./network";
export { interfaceEndpointServices, vpcContents, vpcResourceCount } from "./networkLayout";
export type { VpcContents } from "./networkLayout";
