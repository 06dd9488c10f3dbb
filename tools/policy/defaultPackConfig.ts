import * as fs from "fs";
import * as path from "path";
import { allPolicies } from "../../policy-pack/policies";
import { PackConfig, loadPackConfig } from "./packConfig";

export const PACK_CONFIG_DIR = path.resolve(__dirname, "..", "..", "policy-pack", "config");

/** The pack config committed for `stack` (`policy-pack/config/<stack>.json`); other stacks get prod's, the strictest. */
export function defaultPackConfig(stack: string): PackConfig {
    const own = path.join(PACK_CONFIG_DIR, `${stack}.json`);
    return loadPackConfig(fs.existsSync(own) ? own : path.join(PACK_CONFIG_DIR, "prod.json"), allPolicies);
}
