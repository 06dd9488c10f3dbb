/**
 * `npm run plan -- --stack <name> [--config FILE] [--json]`: evaluates the program for `Pulumi.<name>.yaml` offline
 * (no Pulumi CLI, no AWS credentials) and prints what a user checks before `pulumi up` (key settings, warnings, what
 * the VPC will hold), what `pulumi up` would create, then the policy pack's verdict under the stack's pack config
 * (or `--config FILE`).
 */
import { readStackConfig } from "../config/parse";
import { vpcContents, vpcResourceCount } from "../components/network";
import { parseCliArgs, runCommand, UsageError } from "./cliArgs";
import { keySettings, renderBlock, vpcLines } from "./keySettings";
import { evaluateStack, PROJECT_DIR } from "./offline/evaluate";
import { readStackFile } from "./offline/stackFile";
import { markPlaceholders, renderPlanTree, renderTypeCounts, summarizePlan } from "./planReport";
import { choosePackConfig } from "./policy/defaultPackConfig";
import { policyVerdict } from "./policy/verdict";

const USAGE = "usage: npm run plan -- --stack <name> [--config FILE] [--json]";

async function main(): Promise<number> {
    const { options } = parseCliArgs(process.argv.slice(2), { stack: "string", config: "string", json: "boolean" }, USAGE);
    const stack = options.stack as string | undefined;
    if (!stack) throw new UsageError(`--stack is required, e.g. npm run plan -- --stack dev (${USAGE})`);

    const plan = await evaluateStack(stack);
    if (options.json) {
        // Wait until the text is flushed: process.exit would cut a piped document beyond the pipe's buffer.
        await new Promise<void>((resolve) => process.stdout.write(`${JSON.stringify(plan, null, 2)}\n`, () => resolve()));
        return 0;
    }
    const chosen = choosePackConfig(stack, options.config as string | undefined);
    const { config } = readStackConfig(readStackFile(PROJECT_DIR, stack).config, stack);
    const vpc = vpcContents(config.network);
    // A remote awsx VPC's children are invisible offline: count what the config says it will hold.
    const hidden = plan.resources.some((resource) => resource.type === "awsx:ec2:Vpc" && resource.remote) ? vpcResourceCount(vpc) : 0;
    const summary = summarizePlan(plan, hidden);
    console.log(`Offline plan of stack "${stack}": ${summary.total} resources (${summary.custom} AWS and provider resources, `
        + `${hidden} of them inside the VPC component, ${summary.components} components)\n`);
    console.log(renderBlock("Key settings (check these before pulumi up):", keySettings(config)));
    console.log(plan.warnings.length === 0 ? "\nWarnings: none"
        : `\n${renderBlock("Warnings:", plan.warnings.map((warning) => [warning.setting, warning.message]))}`);
    console.log(`\n${renderBlock("The VPC will hold (computed from network.*):", vpcLines(vpc))}\n`);
    console.log(renderPlanTree(plan));
    console.log(`\nResources by type:\n${renderTypeCounts(plan)}`);
    console.log(`\nStack outputs (‹placeholder›: made up offline, e.g. account 123456789012; AWS assigns the real value):\n${JSON.stringify(markPlaceholders(plan.outputs), null, 2)}`);
    // The same verdict `pulumi preview --policy-pack policy-pack` would give: a mandatory violation stops the plan.
    const verdict = await policyVerdict(stack, plan, chosen);
    console.log(`\n${verdict.text}`);
    return verdict.blocked ? 1 : 0;
}

runCommand(main);
