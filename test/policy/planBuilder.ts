/**
 * Hand-built offline plans with aws v7 resource shapes, for policy tests. A plan is built from a compliant baseline
 * (`compliantResources`) and one mutation per broken case, so each case proves exactly one misconfiguration.
 */
import { Plan, PlannedResource } from "../../tools/offline/planTypes";

export const STACK = "dev";
const PROJECT = "orthanc-aws";

export function urnOf(type: string, name: string): string {
    return `urn:pulumi:${STACK}::${PROJECT}::${type}::${name}`;
}

export const STACK_URN = urnOf("pulumi:pulumi:Stack", `${PROJECT}-${STACK}`);
export const PROVIDER_URN = urnOf("pulumi:providers:aws", "aws");

/** A resource of a test plan; outputs default to the inputs plus an `id` (what the offline mocks answer). */
export interface ResourceSpec {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
    outputs?: Record<string, unknown>;
    parent?: string;
    protect?: boolean;
    /** False for resources created with the default provider (no defaultTags). */
    explicitProvider?: boolean;
}

export const DEFAULT_TAGS = {
    Project: PROJECT, Stack: STACK, Namespace: "orthanc", DataClassification: "PHI", ManagedBy: "pulumi",
};

function planned(spec: ResourceSpec): PlannedResource {
    const custom = spec.type.startsWith("aws:");
    return {
        urn: urnOf(spec.type, spec.name),
        type: spec.type,
        name: spec.name,
        parent: spec.parent ?? STACK_URN,
        custom,
        remote: spec.type.startsWith("awsx:"),
        options: {
            protect: spec.protect ?? false,
            retainOnDelete: false,
            deleteBeforeReplace: false,
            provider: custom && (spec.explicitProvider ?? true) ? `${PROVIDER_URN}::provider-id` : null,
            dependsOn: [],
            additionalSecretOutputs: [],
            ignoreChanges: [],
        },
        inputs: spec.inputs,
        outputs: spec.outputs ?? (custom ? { ...spec.inputs, id: `${spec.name}-id` } : {}),
    };
}

/** A plan of the given resources under a stack and an explicit AWS provider with the product's defaultTags. */
export function planOf(specs: ResourceSpec[]): Plan {
    const stack: PlannedResource = {
        urn: STACK_URN, type: "pulumi:pulumi:Stack", name: `${PROJECT}-${STACK}`, parent: null, custom: false,
        remote: false,
        options: { protect: false, retainOnDelete: false, deleteBeforeReplace: false, provider: null, dependsOn: [], additionalSecretOutputs: [], ignoreChanges: [] },
        inputs: {}, outputs: {},
    };
    const provider = planned({
        type: "pulumi:providers:aws", name: "aws",
        inputs: { region: "eu-west-1", defaultTags: JSON.stringify({ tags: DEFAULT_TAGS }) },
    });
    provider.custom = true;
    return { stack: STACK, warnings: [], resources: [stack, provider, ...specs.map(planned)], outputs: {} };
}
