/** Edits of a test plan's resource specs: one misconfiguration per broken case. */
import { ResourceSpec } from "./planBuilder";

export interface BrokenCase {
    policy: string;
    title: string;
    mutate: (specs: ResourceSpec[]) => void;
    /** Name of the resource the violation is reported on. */
    resource: string;
    message: string;
    /** The committed pack config the case is checked under. */
    environment: "dev" | "prod";
    /**
     * The level that config gives it: mandatory unless the policy is advisory there until the owner of the program's
     * fix lands (see docs/policy.md, "Enforcement").
     */
    level?: "advisory" | "mandatory";
}

export function find(specs: ResourceSpec[], name: string): ResourceSpec {
    const spec = specs.find(s => s.name === name);
    if (spec === undefined) {
        throw new Error(`baseline has no resource '${name}'`);
    }
    return spec;
}

/** Overrides inputs (and the echoed outputs); `undefined` removes a property. */
export function patch(name: string, inputs: Record<string, unknown>) {
    return (specs: ResourceSpec[]) => {
        const spec = find(specs, name);
        spec.inputs = { ...spec.inputs, ...inputs };
        if (spec.outputs !== undefined) {
            spec.outputs = { ...spec.outputs, ...inputs };
        }
        for (const [key, value] of Object.entries(inputs)) {
            if (value === undefined) {
                delete spec.inputs[key];
                delete spec.outputs?.[key];
            }
        }
    };
}

export function remove(name: string) {
    return (specs: ResourceSpec[]) => {
        specs.splice(specs.indexOf(find(specs, name)), 1);
    };
}

export function add(spec: ResourceSpec) {
    return (specs: ResourceSpec[]) => {
        specs.push(spec);
    };
}

export function unprotect(name: string) {
    return (specs: ResourceSpec[]) => {
        find(specs, name).protect = false;
    };
}
