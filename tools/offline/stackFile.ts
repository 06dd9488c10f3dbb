/** Reads `Pulumi.<stack>.yaml` into the flat config map Pulumi gives a program (`project:key` → text). */
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { UsageError } from "../cliArgs";

export interface StackSettings {
    /** `namespace:key` → text; structured values as JSON text, as Pulumi passes them. */
    config: Record<string, string>;
    /** Keys whose values are secret (`secure:` in the file); offline they hold a placeholder. */
    secretKeys: string[];
}

/** Stands in for a `secure:` value, which cannot be decrypted without the Pulumi CLI and the stack's key. */
export const OFFLINE_SECRET_PLACEHOLDER = "offline-secret-placeholder";

export function stackFilePath(projectDir: string, stack: string): string {
    return path.join(projectDir, `Pulumi.${stack}.yaml`);
}

/** The stacks that have a `Pulumi.<stack>.yaml` in `projectDir`. */
export function committedStacks(projectDir: string): string[] {
    return fs.readdirSync(projectDir).filter((entry) => /^Pulumi\..+\.yaml$/.test(entry)).map((entry) => entry.slice(7, -5)).sort();
}

export function readStackFile(projectDir: string, stack: string): StackSettings {
    const file = stackFilePath(projectDir, stack);
    if (!fs.existsSync(file)) {
        const stacks = committedStacks(projectDir);
        throw new UsageError(`No stack file ${path.basename(file)}; stacks here: ${stacks.join(", ") || "none"}`);
    }
    const document = parseYaml(file);
    const config = document?.config ?? {};
    if (typeof config !== "object" || config === null || Array.isArray(config)) {
        throw new UsageError(`${path.basename(file)}: "config" must be a map of settings`);
    }
    return toConfigMap(config as Record<string, unknown>);
}

/** The stack file's document; a syntax error names the file, line and column, as an editor would. */
function parseYaml(file: string): { config?: unknown } | null {
    try {
        return yaml.load(fs.readFileSync(file, "utf8")) as { config?: unknown } | null;
    } catch (error) {
        if (!(error instanceof yaml.YAMLException)) throw error;
        throw new UsageError(`${path.basename(file)}:${error.mark.line + 1}:${error.mark.column + 1}: ${error.reason}`);
    }
}

export function toConfigMap(values: Record<string, unknown>): StackSettings {
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [key, value] of Object.entries(values)) {
        if (isSecure(value)) {
            config[key] = OFFLINE_SECRET_PLACEHOLDER;
            secretKeys.push(key);
        } else {
            config[key] = typeof value === "string" ? value : JSON.stringify(value);
        }
    }
    return { config, secretKeys };
}

function isSecure(value: unknown): boolean {
    return typeof value === "object" && value !== null && Object.keys(value).length === 1 && "secure" in value;
}
