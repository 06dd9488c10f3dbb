/** The README's cost section shows the committed stacks' estimates as `npm run plan` prints them (its summary lines). */
import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { planEstimate, renderEstimate } from "../../tools/costReport";
import { evaluated } from "./evaluatedStacks";

/** The plan's estimate without the per-charge lines (indented six spaces), as the README quotes it. */
export function summaryLines(text: string): string {
    return text.split("\n").filter((line) => !line.startsWith("      ")).join("\n").trim();
}

function readmeBlock(stack: string): string {
    const readme = readFileSync(join(__dirname, "..", "..", "README.md"), "utf8");
    const block = readme.split("```").find((part) => part.trimStart().startsWith(`Monthly cost estimate of stack "${stack}"`));
    assert.ok(block, `README.md has no estimate block for stack ${stack}`);
    return block.trim();
}

describe("cost: the README's estimates", function () {
    this.timeout(180_000);
    for (const stack of ["dev", "prod"]) {
        it(`quotes ${stack}'s estimate as the plan prints it`, async () => {
            const { plan, config } = await evaluated(stack);
            assert.equal(readmeBlock(stack), summaryLines(renderEstimate(plan, planEstimate(plan, config), config)));
        });
    }
});
