/**
 * Lets the program price what it registers: a stack transformation keeps each resource's type, name and inputs
 * from the moment it is created; `resources()` resolves those the estimate reads (with each resource's `id` and `arn`, which other
 * resources refer to) into the same records the offline plan holds, for `estimateCosts`.
 *
 * The in-process transformation is used because it sees the resource objects (for their `id`/`arn`) and runs
 * under the offline mocks as in `pulumi up`; it records, it never changes a resource.
 */
import * as pulumi from "@pulumi/pulumi";
import { StackConfig } from "../../config/types";
import { Estimate, estimateCosts } from "./estimate";
import { pricedInputs } from "./pricedInputs";
import { CostedResource } from "./resourceTypes";

interface Registration {
    type: string;
    name: string;
    props: pulumi.Inputs;
    resource: pulumi.Resource;
}

export class ResourceRecorder {
    private readonly registrations: Registration[] = [];

    /** Call before the first resource the estimate should see (the provider included). */
    constructor() {
        pulumi.runtime.registerStackTransformation(({ type, name, props, resource }) => {
            this.registrations.push({ type, name, props, resource });
            return undefined;
        });
    }

    /** The estimate over the resources registered so far: the same figure `npm run plan` prints. */
    estimate(config: StackConfig): pulumi.Output<Estimate> {
        return this.resources().apply((resources) => estimateCosts(resources, config));
    }

    /** The resources registered so far, once the inputs the estimate reads (`PRICED_INPUTS`) and the references are known. */
    resources(): pulumi.Output<CostedResource[]> {
        return pulumi.unsecret(pulumi.all(this.registrations.map((registration) => costedResource(registration))));
    }
}

function costedResource({ type, name, props, resource }: Registration): pulumi.Output<CostedResource> {
    const custom = pulumi.CustomResource.isInstance(resource);
    const reference = resource as unknown as { id?: pulumi.Output<string>; arn?: unknown };
    const arn = pulumi.Output.isInstance(reference.arn) ? reference.arn as pulumi.Output<unknown> : undefined;
    const read = pricedInputs(type, props as Record<string, unknown>);
    return pulumi.all([pulumi.output(read), custom ? reference.id : undefined, arn]).apply(([inputs, id, arnValue]): CostedResource => ({
        type,
        name,
        custom,
        // Set by ComponentResource once constructed; only remote (multi-language) components have it true.
        remote: (resource as unknown as { __remote?: boolean }).__remote === true,
        inputs: withoutUndefined(inputs as Record<string, unknown>),
        outputs: { ...(id !== undefined ? { id } : {}), ...(arnValue !== undefined ? { arn: arnValue } : {}) },
    }));
}

/** Provider resources pass every argument, set or not; the plan (like the engine) only holds those set. */
function withoutUndefined(inputs: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(inputs ?? {}).filter(([, value]) => value !== undefined));
}
