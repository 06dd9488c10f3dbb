/** Builds components under the offline mocks. */
import { evaluate } from "../../tools/offline/evaluate";
import { Plan, PlannedResource } from "../../tools/offline/planTypes";

export const TEST_REGION = "eu-central-1";

export function evaluateComponents(init: () => unknown): Promise<Plan> {
    return evaluate("test", { config: { "aws:region": TEST_REGION }, secretKeys: [] }, init);
}

/** The resource with exactly this logical name. */
export function named(plan: Plan, name: string): PlannedResource {
    const found = plan.resources.find((resource) => resource.name === name);
    if (found === undefined) {
        throw new Error(`No resource named ${name}; have ${plan.resources.map((resource) => resource.name).join(", ")}`);
    }
    return found;
}
