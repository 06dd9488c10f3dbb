import * as fs from "fs";
import * as path from "path";
import { allPolicies } from "../../policy-pack/policies";
import { UsageError } from "../cliArgs";
import { PackConfig, loadPackConfig } from "./packConfig";

export const PACK_CONFIG_DIR = path.resolve(__dirname, "..", "..", "policy-pack", "config");

/** A pack config and where it came from, for the one line every check prints. */
export interface ChosenPackConfig {
    packConfig: PackConfig;
    /** The file, relative to the working directory when inside it. */
    file: string;
    /** `--config` or the stack's committed file. */
    origin: "--config" | "the stack's own";
}

/**
 * `--config FILE` when given, else the stack's committed `policy-pack/config/<stack>.json`. A stack with no file of
 * its own gets none silently (not prod's, not dev's): the user chooses with `--config`, as they would with
 * `pulumi preview --policy-pack-config`.
 */
export function choosePackConfig(stack: string, configFile?: string): ChosenPackConfig {
    if (configFile !== undefined) return { packConfig: loadPackConfig(configFile, allPolicies), file: configFile, origin: "--config" };
    const own = path.join(PACK_CONFIG_DIR, `${stack}.json`);
    const shown = path.relative(process.cwd(), own);
    if (!fs.existsSync(own)) {
        const committed = fs.readdirSync(PACK_CONFIG_DIR).filter((file) => file.endsWith(".json")).map((file) => path.join(path.relative(process.cwd(), PACK_CONFIG_DIR), file));
        throw new UsageError(`No policy configuration for stack "${stack}" (${shown}); choose one with --config FILE, e.g. --config ${committed.find((file) => file.endsWith("prod.json")) ?? committed[0]}, or commit ${shown}`);
    }
    return { packConfig: loadPackConfig(own, allPolicies), file: shown, origin: "the stack's own" };
}

/** The committed pack config of a stack that has one (`policy-pack/config/<stack>.json`). */
export function defaultPackConfig(stack: string): PackConfig {
    return choosePackConfig(stack).packConfig;
}

/** The line that says which pack config a check used. */
export function describePackConfig(chosen: ChosenPackConfig): string {
    return `Policy configuration: ${chosen.file} (${chosen.origin})`;
}
