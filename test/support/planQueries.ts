/** Small queries over an offline plan, shared by the mock tests. */
import * as assert from "assert";
import { evaluate, PROJECT_DIR } from "../../tools/offline/evaluate";
import { Plan, PlannedResource } from "../../tools/offline/planTypes";
import { readStackFile } from "../../tools/offline/stackFile";

export const TEST_REGION = "eu-central-1";

/**
 * Builds components under the offline mocks, with the named stack's config file or else only a test region;
 * what `init` returns becomes the plan's outputs.
 */
export function evaluateComponents(init: () => unknown, stack?: string): Promise<Plan> {
    const settings = stack === undefined ? { config: { "aws:region": TEST_REGION }, secretKeys: [] } : readStackFile(PROJECT_DIR, stack);
    return evaluate(stack ?? "test", settings, init);
}

/** The resource with exactly this logical name. */
export function named(plan: Plan, name: string): PlannedResource {
    const found = plan.resources.find((resource) => resource.name === name);
    if (found === undefined) {
        throw new Error(`No resource named ${name}; have ${plan.resources.map((resource) => resource.name).join(", ")}`);
    }
    return found;
}

export function ofType(plan: Plan, type: string): PlannedResource[] {
    return plan.resources.filter((resource) => resource.type === type);
}

/** The one resource of `type` whose name ends with `nameSuffix`; fails the test if there is not exactly one. */
export function single(plan: Plan, type: string, nameSuffix = ""): PlannedResource {
    const matches = ofType(plan, type).filter((resource) => resource.name.endsWith(nameSuffix));
    assert.strictEqual(matches.length, 1, `expected one ${type} named *${nameSuffix}, found ${matches.map((m) => m.name).join(", ") || "none"}`);
    return matches[0];
}

/** Parses a JSON-document input (IAM and key policies, container definitions). */
export function jsonInput<T = any>(resource: PlannedResource, input: string): T { // eslint-disable-line @typescript-eslint/no-explicit-any
    const value = resource.inputs[input];
    assert.strictEqual(typeof value, "string", `${resource.name}.${input} should be a JSON string`);
    return JSON.parse(value as string) as T;
}

/** Every ancestor URN of a resource, nearest first. */
export function ancestors(plan: Plan, resource: PlannedResource): string[] {
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    const chain: string[] = [];
    for (let parent = resource.parent; parent; parent = byUrn.get(parent)?.parent ?? null) chain.push(parent);
    return chain;
}

/** The VPC's subnet ids of one tier (`<network>-vpc-<tier>-<az>`), in AZ order, as the Network component outputs them. */
export function subnetIdsOf(plan: Plan, tier: "public" | "private" | "isolated"): string[] {
    return ofType(plan, "aws:ec2/subnet:Subnet")
        .filter((subnet) => new RegExp(`-vpc-${tier}-\\d+$`).test(subnet.name))
        .sort((a, b) => Number(a.name.split("-").pop()) - Number(b.name.split("-").pop()))
        .map((subnet) => String(subnet.outputs.id));
}

/** The id of the stack's one VPC. */
export function vpcIdOf(plan: Plan): string {
    return String(single(plan, "aws:ec2/vpc:Vpc").outputs.id);
}
