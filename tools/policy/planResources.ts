import { PolicyProviderResource, PolicyResourceOptions } from "@pulumi/policy";
import { Plan, PlannedResource, UNKNOWN_MARKER } from "../offline/planTypes";
import { DEFAULT_TAGGABLE_TYPES } from "../../policy-pack/lib/taggableTypes.generated";

/** The policy SDK's sentinel for a string unknown during preview (@pulumi/policy proxy.js `unknownStringValue`). */
export const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** A plan resource as the policy SDK would present it: plain props, before the unknown-checking proxy. */
export interface PreparedResource {
    source: PlannedResource;
    /** Inputs (what resource policies see). */
    inputs: Record<string, unknown>;
    /** Outputs (what stack policies see). */
    outputs: Record<string, unknown>;
    opts: PolicyResourceOptions;
    provider?: PolicyProviderResource;
}

/** Replaces the offline plan's unknown marker with the SDK's sentinel, at any depth. */
export function markUnknowns(value: unknown): unknown {
    if (value === UNKNOWN_MARKER) {
        return UNKNOWN_SENTINEL;
    }
    if (Array.isArray(value)) {
        return value.map(markUnknowns);
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, markUnknowns(v)]));
    }
    return value;
}

function parseMaybeJson(value: unknown): unknown {
    if (typeof value !== "string") {
        return value;
    }
    try {
        return JSON.parse(value);
    } catch {
        return undefined;
    }
}

/** The `defaultTags.tags` of an AWS provider's inputs (objects, or JSON strings as provider inputs may be). */
export function providerDefaultTags(providerInputs: Record<string, unknown>): Record<string, unknown> {
    const defaultTags = parseMaybeJson(providerInputs.defaultTags);
    const tags = typeof defaultTags === "object" && defaultTags !== null
        ? parseMaybeJson((defaultTags as Record<string, unknown>).tags)
        : undefined;
    return typeof tags === "object" && tags !== null ? { ...(tags as Record<string, unknown>) } : {};
}

/**
 * What the AWS provider's Check does with `defaultTags` and the engine records in state: for resource types that
 * have `tagsAll`, `tagsAll = { ...defaultTags.tags, ...tags }` unless the props already carry `tagsAll`.
 * Not emulated: `defaultTags` from stack config (`aws:defaultTags`) on the default provider, `ignoreTags`.
 */
export function withDefaultTags(
    type: string, props: Record<string, unknown>, defaultTags: Record<string, unknown>): Record<string, unknown> {
    if (!DEFAULT_TAGGABLE_TYPES.has(type) || props.tagsAll !== undefined || Object.keys(defaultTags).length === 0) {
        return props;
    }
    const tags = typeof props.tags === "object" && props.tags !== null ? props.tags as Record<string, unknown> : {};
    return { ...props, tagsAll: { ...defaultTags, ...tags } };
}

/** A provider reference is the provider's URN, possibly followed by `::<id>`. */
function findProvider(plan: Plan, reference: string | null): PlannedResource | undefined {
    if (reference === null) {
        return undefined;
    }
    return plan.resources.find(r => r.urn === reference || reference.startsWith(`${r.urn}::`));
}

/** Turns every plan resource into the shapes the policy SDK hands to policies. */
export function prepareResources(plan: Plan): PreparedResource[] {
    return plan.resources.map(resource => {
        const providerResource = findProvider(plan, resource.options.provider);
        const defaultTags = providerResource?.type === "pulumi:providers:aws"
            ? providerDefaultTags(providerResource.inputs) : {};
        const opts: PolicyResourceOptions = {
            protect: resource.options.protect,
            ignoreChanges: [...resource.options.ignoreChanges],
            aliases: [],
            customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
            additionalSecretOutputs: [...resource.options.additionalSecretOutputs],
            ...(resource.parent === null ? {} : { parent: resource.parent }),
        };
        const prepared: PreparedResource = {
            source: resource,
            inputs: markUnknowns(withDefaultTags(resource.type, resource.inputs, defaultTags)) as Record<string, unknown>,
            outputs: markUnknowns(withDefaultTags(resource.type, resource.outputs, defaultTags)) as Record<string, unknown>,
            opts,
        };
        if (providerResource !== undefined) {
            prepared.provider = {
                type: providerResource.type,
                props: markUnknowns(providerResource.inputs) as Record<string, unknown>,
                urn: providerResource.urn,
                name: providerResource.name,
            };
        }
        return prepared;
    });
}
