/** Endpoint: the TLS Network Load Balancer, its listeners and target groups, the certificate; the internal plain-DICOM load balancer. */
export { OrthancLoadBalancer } from "./loadBalancer";
export type { OrthancLoadBalancerArgs } from "./loadBalancer";
export { certificateSource, clientEndpoints, preservesClientAddresses, SELF_SIGNED_EARLY_RENEWAL_HOURS } from "./loadBalancerSettings";
export { PrivateDicomLoadBalancer } from "./privateDicomLoadBalancer";
export type { PrivateDicomLoadBalancerArgs } from "./privateDicomLoadBalancer";
