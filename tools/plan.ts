/**
 * `npm run plan -- --stack <name> [--json]`: evaluates the program for `Pulumi.<name>.yaml` offline (no Pulumi
 * CLI, no AWS credentials) and prints what `pulumi up` would create.
 */
import { isStackConfigError } from "../config/parse";
import { evaluateStack } from "./offline/evaluate";
import { renderPlanTree, renderTypeCounts, summarizePlan } from "./planReport";
import { parseCliArgs } from "./cliArgs";

async function main(): Promise<number> {
    const { options } = parseCliArgs(process.argv.slice(2), { stack: "string", json: "boolean" },
        "usage: npm run plan -- --stack <name> [--json]");
    const stack = options.stack as string | undefined;
    if (!stack) throw new Error("--stack is required, e.g. npm run plan -- --stack dev");

    const plan = await evaluateStack(stack);
    if (options.json) {
        process.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
        return 0;
    }
    const { total, custom, components } = summarizePlan(plan);
    console.log(`Offline plan of stack "${stack}": ${total} resources (${custom} AWS and provider resources, ${components} components)\n`);
    console.log(renderPlanTree(plan));
    console.log(`\nResources by type:\n${renderTypeCounts(plan)}`);
    console.log(`\nStack outputs:\n${JSON.stringify(plan.outputs, null, 2)}`);
    return 0;
}

main().then((code) => process.exit(code), (error: unknown) => {
    // A config error is the user's to fix: its message says everything, a stack trace would only distract.
    console.error(isStackConfigError(error) ? error.message : error);
    process.exit(isStackConfigError(error) ? 2 : 1);
});
