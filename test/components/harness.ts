/** Builds components under the offline mocks and finds what they registered. */
import { evaluate } from "../../tools/offline/evaluate";
import { Plan, PlannedResource } from "../../tools/offline/planTypes";

export const TEST_REGION = "eu-central-1";

export function evaluateComponents(init: () => unknown): Promise<Plan> {
    return evaluate("test", { config: { "aws:region": TEST_REGION }, secretKeys: [] }, init);
}

export function ofType(plan: Plan, type: string): PlannedResource[] {
    return plan.resources.filter((resource) => resource.type === type);
}

export function single(plan: Plan, type: string): PlannedResource {
    const found = ofType(plan, type);
    if (found.length !== 1) {
        throw new Error(`Expected one ${type}, found ${found.length}: ${found.map((resource) => resource.name).join(", ")}`);
    }
    return found[0];
}

export function named(plan: Plan, name: string): PlannedResource {
    const found = plan.resources.find((resource) => resource.name === name);
    if (found === undefined) {
        throw new Error(`No resource named ${name}; have ${plan.resources.map((resource) => resource.name).join(", ")}`);
    }
    return found;
}

/** Parses a JSON-text input (policies, container definitions). */
export function json<T = Record<string, unknown>>(resource: PlannedResource, input: string): T {
    const value = resource.inputs[input];
    if (typeof value !== "string") {
        throw new Error(`${resource.name}.${input} is not JSON text: ${JSON.stringify(value)}`);
    }
    return JSON.parse(value) as T;
}
