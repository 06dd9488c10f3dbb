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

/**
 * Longest `<namespace>-<stack>` with which every physical name the program builds from it stays within its AWS
 * limit. Derived from the naming table (tools/offline/awsNameRules.ts) over the dev and prod plans by
 * test/foundation/physicalNames.test.ts, which fails with the new value when a name changes: today the target
 * groups (`<prefix>-https`, `<prefix>-dicom`, 32 characters allowed) set it.
 */
export const MAX_RESOURCE_PREFIX_LENGTH = 26;

/** AWS reserves these prefixes for ECS capacity providers, which are named after the namespace. */
export const RESERVED_NAME_PREFIXES = ["aws", "ecs", "fargate"] as const;
