/**
 * `npm run policy:check -- --stack <name> [--plan FILE] [--config FILE] [--json]`: runs the offline plan of the stack
 * (or reads a plan written by `npm run plan -- --json`) and every policy of the pack over it, as
 * `pulumi preview --policy-pack policy-pack` would. Exit status 1 when any violation is mandatory.
 */
import * as fs from "fs";
import { isStackConfigError } from "../config/parse";
import { parseCliArgs } from "./cliArgs";
import { evaluateStack } from "./offline/evaluate";
import { Plan } from "./offline/planTypes";
import { loadPackConfig } from "./policy/packConfig";
import { policyVerdict } from "./policy/verdict";
import { allPolicies } from "../policy-pack/policies";

const USAGE = "usage: npm run policy:check -- --stack <name> [--plan FILE] [--config FILE] [--json]";

function readPlan(file: string): Plan {
    const plan = JSON.parse(fs.readFileSync(file, "utf8")) as Plan;
    if (!Array.isArray(plan?.resources)) {
        throw new Error(`${file} is not a plan document (no "resources" array); write one with npm run plan -- --stack <name> --json`);
    }
    return plan;
}

async function main(): Promise<number> {
    const { options } = parseCliArgs(process.argv.slice(2),
        { stack: "string", plan: "string", config: "string", json: "boolean" }, USAGE);
    const stack = options.stack as string | undefined;
    if (!stack) {
        throw new Error(`--stack is required, e.g. npm run policy:check -- --stack dev\n${USAGE}`);
    }
    const plan = options.plan ? readPlan(options.plan as string) : await evaluateStack(stack);
    // Without --config, the stack's committed pack config (policy-pack/config/<stack>.json).
    const packConfig = options.config ? loadPackConfig(options.config as string, allPolicies) : undefined;
    const verdict = await policyVerdict(stack, plan, packConfig);
    if (options.json) {
        process.stdout.write(`${JSON.stringify({ violations: verdict.violations }, null, 2)}\n`);
    } else {
        console.log(verdict.text);
    }
    return verdict.blocked ? 1 : 0;
}

// Exit 2 for a run that could not check (bad arguments, config, plan file): distinct from "violations found".
main().then(code => process.exit(code), (error: unknown) => {
    console.error(isStackConfigError(error) || error instanceof Error ? error.message : error);
    process.exit(2);
});
