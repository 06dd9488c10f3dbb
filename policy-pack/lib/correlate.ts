import { PolicyResource } from "@pulumi/policy";
import { asString } from "./values";

/**
 * The values by which other resources refer to `target` (outputs): its `id`, plus the named output properties
 * (e.g. a bucket's `bucket` name and `arn`).
 */
function referenceValues(target: PolicyResource, keys: readonly string[]): Set<string> {
    const values = new Set<string>();
    for (const key of ["id", ...keys]) {
        const value = asString(target.props[key]);
        if (value !== undefined) {
            values.add(value);
        }
    }
    return values;
}

/**
 * The settings resources (e.g. `BucketVersioning`) whose `property` points at `target`. Uses the engine's
 * `propertyDependencies[property]` when present (works in preview, where a new bucket's id is still unknown), else
 * compares the property's value with the target's id and `targetKeys` outputs.
 */
export function settingsFor(
    target: PolicyResource, settings: readonly PolicyResource[], property: string, targetKeys: readonly string[],
): PolicyResource[] {
    let targetValues: Set<string> | undefined;
    return settings.filter(setting => {
        const dependencies = setting.propertyDependencies?.[property] ?? [];
        if (dependencies.length > 0) {
            return dependencies.some(dependency => dependency.urn === target.urn);
        }
        targetValues ??= referenceValues(target, targetKeys);
        const value = asString(setting.props[property]);
        return value !== undefined && targetValues.has(value);
    });
}
