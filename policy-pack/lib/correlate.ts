import { PolicyResource, UnknownValueError } from "@pulumi/policy";
import { asString } from "./values";

/**
 * The known values by which other resources refer to `target` (outputs): the named output properties first (e.g. a
 * bucket's `bucket` name, known in preview once auto-named), then its `id`. A value unknown during preview is
 * skipped: a literal in another resource cannot name an id the provider has yet to assign.
 */
function referenceValues(target: PolicyResource, keys: readonly string[]): Set<string> {
    const values = new Set<string>();
    for (const key of [...keys, "id"]) {
        try {
            const value = asString(target.props[key]);
            if (value !== undefined) {
                values.add(value);
            }
        } catch (error) {
            if (!(error instanceof UnknownValueError)) {
                throw error;
            }
        }
    }
    return values;
}

/**
 * The settings resources (e.g. `BucketVersioning`) whose `property` points at `target`. Uses the engine's
 * `propertyDependencies[property]` when present (works in preview, where a new bucket's id is still unknown), else
 * compares the property's value with the target's `targetKeys` outputs and id. Reading a setting's own value that is
 * unknown still throws: the caller decides per target (`forEachDecidable`).
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
