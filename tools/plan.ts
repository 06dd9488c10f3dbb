/**
 * `npm run plan -- --stack <name> [--json]`: evaluates the program for `Pulumi.<name>.yaml` offline (no Pulumi
 * CLI, no AWS credentials) and prints what `pulumi up` would create, then the policy pack's verdict on it.
 */
import { isStackConfigError, parseStackConfig } from "../config/parse";
import { estimateDocument, planEstimate, renderEstimate, resourceCostDocument } from "./costReport";
import { evaluateProgram, stackSettings } from "./offline/evaluate";
import { renderPlanTree, renderTypeCounts, summarizePlan } from "./planReport";
import { parseCliArgs } from "./cliArgs";
import { policyVerdict } from "./policy/verdict";

async function main(): Promise<number> {
    const { options } = parseCliArgs(process.argv.slice(2), { stack: "string", json: "boolean" },
        "usage: npm run plan -- --stack <name> [--json]");
    const stack = options.stack as string | undefined;
    if (!stack) throw new Error("--stack is required, e.g. npm run plan -- --stack dev");

    const settings = stackSettings(stack);
    const plan = await evaluateProgram(stack, settings);
    const config = parseStackConfig(settings.config, stack);
    const estimate = planEstimate(plan, config);
    if (options.json) {
        const document = {
            ...plan,
            resources: plan.resources.map((resource, index) => ({ ...resource, cost: resourceCostDocument(estimate.resources[index].cost, estimate.resources[index].monthly) })),
            cost: estimateDocument(plan, estimate, config),
        };
        // Wait until the text is flushed: process.exit would cut a piped document beyond the pipe's buffer.
        await new Promise<void>((resolve) => process.stdout.write(`${JSON.stringify(document, null, 2)}\n`, () => resolve()));
        return 0;
    }
    const { total, custom, components } = summarizePlan(plan);
    console.log(`Offline plan of stack "${stack}": ${total} resources (${custom} AWS and provider resources, ${components} components)\n`);
    console.log(renderPlanTree(plan));
    console.log(`\nResources by type:\n${renderTypeCounts(plan)}`);
    console.log(`\nStack outputs:\n${JSON.stringify(plan.outputs, null, 2)}`);
    console.log(`\n${renderEstimate(plan, estimate, config)}`);
    // The same verdict `pulumi preview --policy-pack policy-pack` would give: a mandatory violation stops the plan.
    const verdict = await policyVerdict(stack, plan);
    console.log(`\n${verdict.text}`);
    return verdict.blocked ? 1 : 0;
}

main().then((code) => process.exit(code), (error: unknown) => {
    // A config error is the user's to fix: its message says everything, a stack trace would only distract.
    console.error(isStackConfigError(error) ? error.message : error);
    process.exit(isStackConfigError(error) ? 2 : 1);
});
