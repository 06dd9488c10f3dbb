/** What the pricers work on: a resource as the plan (or the program's recorder) sees it, and what it costs. */
import { CostAssumptions } from "../../config/types";
import { CostLine } from "./costLines";
import { RegionPrices } from "./priceTable";

export interface CostedResource {
    /** Pulumi type token, e.g. `aws:ec2/vpcEndpoint:VpcEndpoint`. */
    type: string;
    name: string;
    /** True for provider and cloud resources, false for components. */
    custom: boolean;
    /** Multi-language component (awsx): its children are not visible to the program. */
    remote: boolean;
    inputs: Record<string, unknown>;
    /** At least `id` and `arn` where the resource has them: other resources refer to it by these. */
    outputs: Record<string, unknown>;
}

export type ResourceCost =
    | { status: "priced"; lines: CostLine[] }
    /** AWS charges nothing for the resource itself. */
    | { status: "free"; reason: string }
    /** Charged by use: priced by the usage lines from `costAssumptions`. */
    | { status: "usage"; reason: string }
    /** Not in the price model: reported with the estimate. */
    | { status: "unpriced"; reason: string }
    /** A component or the stack: its resources carry the costs. */
    | { status: "structural" };

export interface PricingContext {
    prices: RegionPrices;
    /** Every resource of the stack, for references (a service's task definition, a group's launch template). */
    resources: readonly CostedResource[];
    assumptions: CostAssumptions;
}

export type Pricer = (resource: CostedResource, context: PricingContext) => ResourceCost;

export function priced(...lines: CostLine[]): ResourceCost {
    return { status: "priced", lines };
}

/** The resource of `type` whose `id` or `arn` output is `reference`. */
export function referenced(context: PricingContext, type: string, reference: unknown): CostedResource | undefined {
    if (typeof reference !== "string") return undefined;
    return context.resources.find((candidate) => candidate.type === type
        && (candidate.outputs.arn === reference || candidate.outputs.id === reference));
}

export function asNumber(value: unknown): number | undefined {
    const parsed = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
    return typeof parsed === "number" && Number.isFinite(parsed) ? parsed : undefined;
}

export function asArray(value: unknown): unknown[] {
    return Array.isArray(value) ? value : [];
}

export function asRecord(value: unknown): Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : {};
}

/** Instances of DICOM a month, the unit the pipeline and S3 request prices are driven by. */
export function instancesPerMonth(assumptions: CostAssumptions): number {
    return assumptions.studiesPerMonth * assumptions.instancesPerStudy;
}
