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
import { checkPlan, hasMandatoryViolation } from "./policy/checkPlan";
import { defaultPackConfig } from "./policy/defaultPackConfig";
import { loadPackConfig } from "./policy/packConfig";
import { renderViolations } from "./policy/report";
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
    const packConfig = options.config
        ? loadPackConfig(options.config as string, allPolicies)
        : defaultPackConfig(stack);
    const violations = await checkPlan(plan, packConfig);
    if (options.json) {
        process.stdout.write(`${JSON.stringify({ violations }, null, 2)}\n`);
    } else {
        console.log(renderViolations(stack, plan, violations));
    }
    return hasMandatoryViolation(violations) ? 1 : 0;
}

// Exit 2 for a run that could not check (bad arguments, config, plan file): distinct from "violations found".
main().then(code => process.exit(code), (error: unknown) => {
    console.error(isStackConfigError(error) || error instanceof Error ? error.message : error);
    process.exit(2);
});
