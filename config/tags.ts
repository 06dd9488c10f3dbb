import { StackConfig } from "./types";

/** Tags every AWS resource carries, through the provider's `defaultTags`. */
export function defaultTags(config: StackConfig, project: string): Record<string, string> {
    return {
        Project: project,
        Stack: config.stack,
        Namespace: config.namespace,
        // Everything this program builds stores, moves or protects patient data, or logs about it.
        DataClassification: "PHI",
        ManagedBy: "pulumi",
    };
}
