/**
 * `npm run urns:update [-- --stack <name>]`: rewrites `test/fixtures/urns.<stack>.txt` from the offline plan of every
 * committed stack (or one). A deliberate act: review the diff, where a removed stateful line is a deletion.
 */
import * as fs from "fs";
import * as path from "path";
import { parseCliArgs, runCommand } from "./cliArgs";
import { evaluateStack, PROJECT_DIR } from "./offline/evaluate";
import { committedStacks } from "./offline/stackFile";
import { inventoryOf, renderInventory } from "./offline/urnInventory";

export const URN_FIXTURE_DIR = path.join(PROJECT_DIR, "test", "fixtures");

export function urnFixturePath(stack: string): string {
    return path.join(URN_FIXTURE_DIR, `urns.${stack}.txt`);
}

async function main(): Promise<number> {
    const { options } = parseCliArgs(process.argv.slice(2), { stack: "string" }, "usage: npm run urns:update [-- --stack <name>]");
    const stacks = options.stack !== undefined ? [options.stack as string] : committedStacks(PROJECT_DIR);
    for (const stack of stacks) {
        const plan = await evaluateStack(stack);
        fs.writeFileSync(urnFixturePath(stack), renderInventory(inventoryOf(plan)));
        console.log(`${path.relative(PROJECT_DIR, urnFixturePath(stack))}: ${plan.resources.length} URNs`);
    }
    return 0;
}

if (require.main === module) runCommand(main);
