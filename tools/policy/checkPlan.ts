import {
    EnforcementLevel, Policies, Policy, PolicyResource, ReportViolation, ResourceValidationArgs,
    ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy,
} from "@pulumi/policy";
import { Plan } from "../offline/planTypes";
import { PACK_ENFORCEMENT_LEVEL, allPolicies } from "../../policy-pack/policies";
import { PackConfig, policyConfig, resolveEnforcementLevel } from "./packConfig";
import { PreparedResource, prepareResources } from "./planResources";
import {
    NotApplicableError, attachedType, isTypeOf, isUnknownValueError, throwNotApplicable, unknownCheckingProxy,
} from "./sdkEmulation";

/** One finding, as `policy:check --json` prints it. */
export interface Violation {
    policy: string;
    enforcementLevel: EnforcementLevel;
    /** The resource in violation; the stack's URN for a stack-wide finding. */
    urn: string;
    message: string;
}

export interface CheckOptions {
    /** Defaults to every policy of the pack. */
    policies?: Policies;
    /** Defaults to the pack's own level. */
    packEnforcementLevel?: EnforcementLevel;
}

const NO_STACK_TAGS: ReadonlyMap<string, string> = new Map();

function isResourcePolicy(policy: Policy): policy is ResourceValidationPolicy {
    const validate = (policy as ResourceValidationPolicy).validateResource;
    return typeof validate === "function" || Array.isArray(validate);
}

function isStackPolicy(policy: Policy): policy is StackValidationPolicy {
    return typeof (policy as StackValidationPolicy).validateStack === "function";
}

/** Runs one validation the way the SDK does: not-applicable ends it quietly, an unknown value gives an advisory. */
async function runValidation(
    policy: Policy, run: () => Promise<void> | void, urn: string, violations: Violation[]): Promise<void> {
    try {
        await run();
    } catch (error) {
        if (error instanceof NotApplicableError) {
            return;
        }
        if (isUnknownValueError(error)) {
            violations.push({
                policy: policy.name, enforcementLevel: "advisory", urn,
                message: `can't run policy '${policy.name}' during preview: ${error.message}`,
            });
            return;
        }
        throw new Error(`Error validating ${urn} with policy '${policy.name}': ${(error as Error).message}`);
    }
}

function reporter(policy: Policy, level: EnforcementLevel, defaultUrn: string, violations: Violation[]): ReportViolation {
    return (message: string, urn?: string) => {
        violations.push({ policy: policy.name, enforcementLevel: level, urn: urn ?? defaultUrn, message });
    };
}

/** The fields resource and stack policies share: identity, props behind the unknown-checking proxy, type tests. */
function describedResource(resource: PreparedResource, rawProps: Record<string, unknown>) {
    const { source } = resource;
    const props = unknownCheckingProxy(rawProps);
    return {
        type: source.type,
        props,
        urn: source.urn,
        name: source.name,
        opts: resource.opts,
        isType: (resourceClass: Parameters<typeof isTypeOf>[1]) => isTypeOf(source.type, resourceClass),
        // The SDK hands back the same props object, typed as the class's args (resource) or outputs (stack).
        asType: ((resourceClass: Parameters<typeof isTypeOf>[1]) => isTypeOf(source.type, resourceClass) ? props : undefined) as never,
        ...(resource.provider === undefined ? {} : {
            provider: { ...resource.provider, props: unknownCheckingProxy(resource.provider.props) },
        }),
    };
}

function resourceArgs(resource: PreparedResource, config: Record<string, unknown>): ResourceValidationArgs {
    return {
        ...describedResource(resource, resource.inputs),
        stackTags: NO_STACK_TAGS,
        getConfig: <T extends object>() => ({ ...config }) as T,
        notApplicable: throwNotApplicable,
    };
}

/** The SDK's PolicyResource list: outputs as props, parent and dependencies resolved to objects. */
function stackResources(prepared: PreparedResource[]): PolicyResource[] {
    const byUrn = new Map<string, PolicyResource>();
    const resources = prepared.map(resource => {
        const policyResource: PolicyResource = {
            ...describedResource(resource, resource.outputs),
            dependencies: [],
            propertyDependencies: {},
        };
        byUrn.set(resource.source.urn, policyResource);
        return policyResource;
    });
    prepared.forEach((resource, index) => {
        const { source } = resource;
        const parent = source.parent === null ? undefined : byUrn.get(source.parent);
        if (parent !== undefined) {
            resources[index].parent = parent;
        }
        resources[index].dependencies = source.options.dependsOn
            .map(urn => byUrn.get(urn))
            .filter((d): d is PolicyResource => d !== undefined);
    });
    return resources;
}

/**
 * Runs the pack's policies over an offline plan as the Pulumi engine and policy SDK would during
 * `pulumi preview --policy-pack`: every resource policy against every registered resource (components included,
 * props = inputs), then every stack policy once (props = outputs). Returns every violation, in policy order.
 */
export async function checkPlan(plan: Plan, packConfig: PackConfig, options: CheckOptions = {}): Promise<Violation[]> {
    const policies = options.policies ?? allPolicies;
    const packLevel = options.packEnforcementLevel ?? PACK_ENFORCEMENT_LEVEL;
    const prepared = prepareResources(plan);
    const stackUrn = plan.resources.find(r => r.type === "pulumi:pulumi:Stack")?.urn ?? "";
    const violations: Violation[] = [];

    for (const policy of policies) {
        let level = resolveEnforcementLevel(policy, packConfig, packLevel);
        if (level === "disabled") {
            continue;
        }
        // Neither remediation nor stack policies remediate offline: a violation stays blocking, as in the SDK.
        level = level === "remediate" ? "mandatory" : level;
        const config = policyConfig(policy, packConfig);
        if (isResourcePolicy(policy)) {
            const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource!];
            const onlyType = validations.length === 1 ? attachedType(validations[0]) : undefined;
            for (const resource of prepared) {
                if (onlyType !== undefined && resource.source.type !== onlyType) {
                    continue;
                }
                for (const validation of validations) {
                    const args = resourceArgs(resource, config);
                    await runValidation(policy, () => validation(args, reporter(policy, level, args.urn, violations)),
                        args.urn, violations);
                }
            }
        }
        if (isStackPolicy(policy)) {
            const onlyType = attachedType(policy.validateStack);
            if (onlyType !== undefined && !prepared.some(r => r.source.type === onlyType)) {
                continue;
            }
            const args: StackValidationArgs = {
                resources: stackResources(prepared),
                stackTags: NO_STACK_TAGS,
                getConfig: <T extends object>() => ({ ...config }) as T,
                notApplicable: throwNotApplicable,
            };
            await runValidation(policy, () => policy.validateStack(args, reporter(policy, level, stackUrn, violations)),
                stackUrn, violations);
        }
    }
    return violations;
}

/** True when any violation blocks the deployment. */
export function hasMandatoryViolation(violations: readonly Violation[]): boolean {
    return violations.some(v => v.enforcementLevel === "mandatory");
}
