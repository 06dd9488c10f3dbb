import * as fs from "fs";
import { EnforcementLevel, Policies, Policy } from "@pulumi/policy";
import { UsageError } from "../cliArgs";

/** Pack config as `--policy-pack-config` takes it: `"all"` and per-policy levels or objects. */
export type PackConfig = Record<string, unknown>;

export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

function isEnforcementLevel(value: unknown): value is EnforcementLevel {
    return typeof value === "string" && (ENFORCEMENT_LEVELS as readonly string[]).includes(value);
}

/** The level a config entry sets: the string itself, or its `enforcementLevel` field. */
function configuredLevel(entry: unknown): EnforcementLevel | undefined {
    if (isEnforcementLevel(entry)) {
        return entry;
    }
    if (typeof entry === "object" && entry !== null && isEnforcementLevel((entry as Record<string, unknown>).enforcementLevel)) {
        return (entry as Record<string, EnforcementLevel>).enforcementLevel;
    }
    return undefined;
}

/**
 * The CLI's resolution order: the policy's own entry in the pack config, then `"all"`, then the policy's declared
 * level, then the pack's level, then advisory.
 */
export function resolveEnforcementLevel(
    policy: Policy, packConfig: PackConfig, packLevel: EnforcementLevel | undefined): EnforcementLevel {
    return configuredLevel(packConfig[policy.name])
        ?? configuredLevel(packConfig.all)
        ?? policy.enforcementLevel
        ?? packLevel
        ?? "advisory";
}

/** What `args.getConfig()` returns: the schema's defaults overlaid with the policy's config entry (minus its level). */
export function policyConfig(policy: Policy, packConfig: PackConfig): Record<string, unknown> {
    const config: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
        const fallback = (schema as { default?: unknown }).default;
        if (fallback !== undefined) {
            config[key] = fallback;
        }
    }
    const entry = packConfig[policy.name];
    if (typeof entry === "object" && entry !== null) {
        for (const [key, value] of Object.entries(entry)) {
            if (key !== "enforcementLevel") {
                config[key] = value;
            }
        }
    }
    return config;
}

/**
 * Checks a pack config against the pack: every key is `all` or a policy name, every level is a known level, every
 * property is declared in the policy's config schema. Throws one message listing every problem.
 */
export function validatePackConfig(packConfig: PackConfig, policies: Policies): void {
    const byName = new Map(policies.map(policy => [policy.name, policy]));
    const problems: string[] = [];
    for (const [key, entry] of Object.entries(packConfig)) {
        const policy = byName.get(key);
        if (key !== "all" && policy === undefined) {
            problems.push(`unknown policy '${key}' (known: all, ${[...byName.keys()].join(", ")})`);
            continue;
        }
        if (typeof entry === "string" || key === "all") {
            if (!isEnforcementLevel(entry)) {
                problems.push(`'${key}': enforcement level must be one of ${ENFORCEMENT_LEVELS.join(", ")}, got ${JSON.stringify(entry)}`);
            }
            continue;
        }
        if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
            problems.push(`'${key}': expected an enforcement level or an object, got ${JSON.stringify(entry)}`);
            continue;
        }
        const record = entry as Record<string, unknown>;
        if ("enforcementLevel" in record && !isEnforcementLevel(record.enforcementLevel)) {
            problems.push(`'${key}.enforcementLevel' must be one of ${ENFORCEMENT_LEVELS.join(", ")}`);
        }
        const declared = Object.keys(policy?.configSchema?.properties ?? {});
        for (const property of Object.keys(record).filter(p => p !== "enforcementLevel" && !declared.includes(p))) {
            problems.push(`'${key}.${property}' is not a setting of this policy (settings: ${declared.join(", ") || "none"})`);
        }
    }
    if (problems.length > 0) {
        throw new UsageError(`Invalid policy pack config: ${problems.join("; ")}.`);
    }
}

/** Reads and validates a pack-config JSON file. */
export function loadPackConfig(file: string, policies: Policies): PackConfig {
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
        throw new UsageError(`Cannot read policy pack config ${file}: ${(error as Error).message}`);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        throw new UsageError(`Policy pack config ${file} must be a JSON object.`);
    }
    validatePackConfig(parsed as PackConfig, policies);
    return parsed as PackConfig;
}
