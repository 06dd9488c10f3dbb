/** The document `npm run plan -- --json` prints: every resource the program registers, with its inputs. */
import { ConfigWarning } from "../../config/warnings";

/** Marker printed in place of any secret value. */
export const SECRET_MARKER = "[secret]";
/** Marker for a value that is only known after deployment. */
export const UNKNOWN_MARKER = "[unknown]";

export interface PlannedResourceOptions {
    protect: boolean;
    retainOnDelete: boolean;
    /** Replaced by deleting first: needed where the physical name is explicit (AWS refuses two of one name). */
    deleteBeforeReplace: boolean;
    /** URN of the explicit provider, or null for the default provider. */
    provider: string | null;
    dependsOn: string[];
    additionalSecretOutputs: string[];
    ignoreChanges: string[];
}

export interface PlannedResource {
    urn: string;
    /** Pulumi type token, e.g. `aws:s3/bucket:Bucket`, `orthanc-aws:storage:ObjectStorage`. */
    type: string;
    name: string;
    /** URN of the parent resource, or null for the stack itself. */
    parent: string | null;
    /** True for provider and custom (cloud) resources, false for components and the stack. */
    custom: boolean;
    /** Remote (multi-language) component, e.g. awsx. */
    remote: boolean;
    options: PlannedResourceOptions;
    /** Inputs the program gave the resource; secrets replaced by SECRET_MARKER. */
    inputs: Record<string, unknown>;
    /** State the offline mocks answered for the resource (what `pulumi up` would know after creation). */
    outputs: Record<string, unknown>;
}

export interface Plan {
    stack: string;
    /** What config/warnings.ts says about the stack's configuration (empty for a plan of single components). */
    warnings: ConfigWarning[];
    resources: PlannedResource[];
    outputs: Record<string, unknown>;
}
