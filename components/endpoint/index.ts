/**
 * Endpoint: the web tier's Application Load Balancer (HTTPS, WAF) and the DICOM TLS Network Load Balancer, their
 * listeners, target groups and certificates; the internal plain-DICOM load balancer.
 */
export { OrthancLoadBalancer } from "./loadBalancer";
export type { OrthancLoadBalancerArgs } from "./loadBalancer";
export { certificateSource, clientEndpoints, preservesClientAddresses, SELF_SIGNED_EARLY_RENEWAL_HOURS } from "./loadBalancerSettings";
export { PrivateDicomLoadBalancer } from "./privateDicomLoadBalancer";
export type { PrivateDicomLoadBalancerArgs } from "./privateDicomLoadBalancer";
export { WebLoadBalancer } from "./webLoadBalancer";
export type { WebLoadBalancerArgs } from "./webLoadBalancer";
export type { KeycloakTarget } from "./webSettings";
