import * as pulumi from "@pulumi/pulumi";
import { readStackConfig } from "./parse";
import { StackConfig } from "./types";

/**
 * Reads and validates the current stack's configuration; throws `StackConfigError` before anything is created.
 * Warnings (config/warnings.ts) go to the engine's log, so `pulumi preview` and `pulumi up` show them.
 */
export function loadStackConfig(): StackConfig {
    const { config, warnings } = readStackConfig(pulumi.runtime.allConfig(), pulumi.getStack());
    for (const warning of warnings) void pulumi.log.warn(`${warning.setting}: ${warning.message}`);
    return config;
}
