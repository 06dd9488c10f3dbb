/** Network: the VPC and its subnet tiers, NAT, gateway and interface endpoints, flow logs; the private link to a clinic's site (VPN, Direct Connect). */
export { Network } from "./network";
export type { NetworkArgs } from "./network";
export { interfaceEndpointServices, missingEndpointsWithoutNat, usableInterfaceEndpoints, vpcContents, vpcResourceCount } from "./networkLayout";
export type { VpcContents } from "./networkLayout";
export { PrivateSiteLink } from "./privateSiteLink";
export type { PrivateSiteLinkArgs } from "./privateSiteLink";
