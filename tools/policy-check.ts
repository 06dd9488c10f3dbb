/**
 * `npm run policy:check -- --stack <name> [--config FILE] [--json]` or `-- --plan FILE [--stack <name>] ...`: runs the
 * offline plan of the stack (or reads a plan written by `npm run plan -- --json`, whose stack it checks under) and
 * every policy of the pack over it, as `pulumi preview --policy-pack policy-pack` would. Exit status 1 when any
 * violation is mandatory, 2 when the check could not run (tools/cliArgs.ts).
 */
import * as fs from "fs";
import { parseCliArgs, runCommand, UsageError } from "./cliArgs";
import { evaluateStack } from "./offline/evaluate";
import { Plan } from "./offline/planTypes";
import { choosePackConfig } from "./policy/defaultPackConfig";
import { policyVerdict } from "./policy/verdict";

const USAGE = "usage: npm run policy:check -- --stack <name> | --plan FILE [--config FILE] [--json]";

function readPlan(file: string): Plan {
    let plan: Plan;
    try {
        plan = JSON.parse(fs.readFileSync(file, "utf8")) as Plan;
    } catch (error) {
        throw new UsageError(`Cannot read plan ${file}: ${(error as Error).message}`);
    }
    if (!Array.isArray(plan?.resources) || typeof plan.stack !== "string") {
        throw new UsageError(`${file} is not a plan document (no "resources" array and "stack"); write one with npm run plan -- --stack <name> --json`);
    }
    return plan;
}

async function main(): Promise<number> {
    const { options } = parseCliArgs(process.argv.slice(2),
        { stack: "string", plan: "string", config: "string", json: "boolean" }, USAGE);
    const planFile = options.plan as string | undefined;
    const plan = planFile !== undefined ? readPlan(planFile) : undefined;
    const stack = (options.stack as string | undefined) ?? plan?.stack;
    if (stack === undefined) throw new UsageError(`--stack or --plan is required, e.g. npm run policy:check -- --stack dev (${USAGE})`);
    if (plan !== undefined && plan.stack !== stack) {
        throw new UsageError(`${planFile} is a plan of stack "${plan.stack}", not "${stack}"; drop --stack or write the plan of "${stack}"`);
    }
    const planned = plan ?? await evaluateStack(stack);
    const chosen = choosePackConfig(stack, options.config as string | undefined);
    const verdict = await policyVerdict(stack, planned, chosen);
    if (options.json) {
        process.stdout.write(`${JSON.stringify({ stack, policyConfiguration: chosen.file, violations: verdict.violations }, null, 2)}\n`);
    } else {
        console.log(verdict.text);
    }
    return verdict.blocked ? 1 : 0;
}

runCommand(main);
