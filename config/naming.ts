import { StackConfig } from "./types";

/**
 * `<namespace>-<stack>`, lower-cased: the start of every logical and physical resource name. Lower case because
 * several AWS names (S3 buckets, RDS identifiers) accept no capitals; validation has already bounded its length.
 */
export function resourcePrefix(config: Pick<StackConfig, "namespace" | "stack">): string {
    return `${config.namespace}-${config.stack}`.toLowerCase();
}

/**
 * `<namespace>-<stack>` as written, the prefix the Orthanc service has always given its task family, admin secret
 * and image repository. Kept apart from `resourcePrefix`: lower-casing it would rename (replace) the admin secret
 * of a deployed stack whose namespace has capitals.
 */
export function serviceNamePrefix(config: Pick<StackConfig, "namespace" | "stack">): string {
    return `${config.namespace}-${config.stack}`;
}
