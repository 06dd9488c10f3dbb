import {
    PolicyResource, ReportViolation, ResourceValidation, ResourceValidationArgs, StackValidation, StackValidationArgs,
    UnknownValueError,
} from "@pulumi/policy";

/** A resource check that receives the resource's inputs. */
export type PropsValidation = (
    props: Record<string, unknown>, args: ResourceValidationArgs, reportViolation: ReportViolation) => void;

/**
 * Like the SDK's `validateResourceOfType`, keyed by type tokens: other types are reported as not applicable through
 * `args.notApplicable`. With one token the function carries `__pulumiType`, the SDK's fast path for skipping types.
 */
export function validateResourceOfTypes(types: readonly string[], validate: PropsValidation): ResourceValidation {
    const validation: ResourceValidation = (args, reportViolation) => {
        if (!types.includes(args.type)) {
            args.notApplicable(`Policy only applies to resources of type ${types.map(t => `'${t}'`).join(", ")}`);
        }
        validate(args.props, args, reportViolation);
    };
    if (types.length === 1) {
        (validation as { __pulumiType?: string }).__pulumiType = types[0];
    }
    return validation;
}

/** Stack resources of the given types (stack policies see outputs in `props`). */
export function resourcesOfTypes(args: StackValidationArgs, types: readonly string[]): PolicyResource[] {
    return args.resources.filter(resource => types.includes(resource.type));
}

/**
 * A stack check over the resources of `types`; not applicable when the stack has none of them.
 */
export function validateStackOfTypes(
    types: readonly string[],
    validate: (resources: PolicyResource[], args: StackValidationArgs, reportViolation: ReportViolation) => void,
): StackValidation {
    return (args, reportViolation) => {
        const resources = resourcesOfTypes(args, types);
        if (resources.length === 0) {
            args.notApplicable(`The stack has no resources of type ${types.map(t => `'${t}'`).join(", ")}`);
        }
        validate(resources, args, reportViolation);
    };
}

/**
 * Runs `check` on each resource. A value unknown during preview (the SDK's UnknownValueError) ends the check of that
 * resource only: the others are still checked and their violations reported; then the first unknown is rethrown, so
 * the SDK still reports the policy's advisory "can't run during preview" for what could not be decided.
 */
export function forEachDecidable<T>(resources: readonly T[], check: (resource: T) => void): void {
    let firstUnknown: UnknownValueError | undefined;
    for (const resource of resources) {
        try {
            check(resource);
        } catch (error) {
            if (!(error instanceof UnknownValueError)) {
                throw error;
            }
            firstUnknown ??= error;
        }
    }
    if (firstUnknown !== undefined) {
        throw firstUnknown;
    }
}
