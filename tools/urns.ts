/**
 * `npm run urns:update [-- --stack <name>]`: rewrites `test/fixtures/urns.<stack>.txt` from the offline plan of every
 * committed stack (or one). A deliberate act: review the diff, where a removed stateful line is a deletion.
 */
import * as fs from "fs";
import * as path from "path";
import { isStackConfigError } from "../config/parse";
import { parseCliArgs } from "./cliArgs";
import { evaluateStack, PROJECT_DIR } from "./offline/evaluate";
import { committedStacks } from "./offline/stackFile";
import { inventoryOf, renderInventory } from "./offline/urnInventory";

export const URN_FIXTURE_DIR = path.join(PROJECT_DIR, "test", "fixtures");

export function urnFixturePath(stack: string): string {
    return path.join(URN_FIXTURE_DIR, `urns.${stack}.txt`);
}

async function main(): Promise<number> {
    const { options, positional } = parseCliArgs(process.argv.slice(2), { stack: "string" }, "usage: npm run urns:update [-- --stack <name>]");
    if (positional.length > 0) throw new Error(`unexpected argument ${positional[0]}; usage: npm run urns:update [-- --stack <name>]`);
    const stacks = options.stack !== undefined ? [options.stack as string] : committedStacks(PROJECT_DIR);
    for (const stack of stacks) {
        const plan = await evaluateStack(stack);
        fs.writeFileSync(urnFixturePath(stack), renderInventory(inventoryOf(plan)));
        console.log(`${path.relative(PROJECT_DIR, urnFixturePath(stack))}: ${plan.resources.length} URNs`);
    }
    return 0;
}

if (require.main === module) {
    main().then((code) => process.exit(code), (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        console.error(isStackConfigError(error) ? message : message.split("\n")[0]);
        process.exit(2);
    });
}
