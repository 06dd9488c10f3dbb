import { asArray, asRecord, asString, parseJson } from "./values";

/** One ECS container definition, as the policies need it. */
export interface ContainerDefinition {
    name: string;
    privileged: boolean;
    readonlyRootFilesystem: boolean;
    /** `user` as given (`"1000"`, `"orthanc:orthanc"`), undefined when unset (the image's user, often root). */
    user: string | undefined;
    environment: Record<string, unknown>;
}

/**
 * Parses `containerDefinitions` (a JSON string in aws v7). Undefined when it is not a JSON array: callers report
 * that rather than passing a document they cannot read.
 */
export function parseContainerDefinitions(value: unknown): ContainerDefinition[] | undefined {
    const parsed = parseJson(value);
    if (!Array.isArray(parsed)) {
        return undefined;
    }
    return parsed.map((raw, index) => {
        const container = asRecord(raw);
        const environment: Record<string, unknown> = {};
        for (const entry of asArray(container.environment)) {
            const variable = asRecord(entry);
            const name = asString(variable.name);
            if (name !== undefined) {
                environment[name] = variable.value;
            }
        }
        return {
            name: asString(container.name) ?? `#${index}`,
            privileged: container.privileged === true,
            readonlyRootFilesystem: container.readonlyRootFilesystem === true,
            user: asString(container.user),
            environment,
        };
    });
}
