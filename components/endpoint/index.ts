/** Endpoint: the TLS Network Load Balancer, its listeners and target groups, the certificate. */
export { OrthancLoadBalancer } from "./loadBalancer";
export type { OrthancLoadBalancerArgs } from "./loadBalancer";
export { certificateSource, clientEndpoints, SELF_SIGNED_EARLY_RENEWAL_HOURS } from "./loadBalancerSettings";
