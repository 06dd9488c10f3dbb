import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { evaluateStack } from "../../tools/offline/evaluate";
import { checkPlan } from "../../tools/policy/checkPlan";
import { defaultPackConfig } from "../../tools/policy/defaultPackConfig";

const PROJECT_DIR = path.resolve(__dirname, "..", "..");
/** Every committed stack: the test grows with the program and its stacks. */
const STACKS = fs.readdirSync(PROJECT_DIR)
    .map(file => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
    .filter((stack): stack is string => stack !== undefined);

describe("the program's own plans pass the pack", () => {
    it("finds the committed stacks", () => {
        assert.ok(STACKS.includes("dev") && STACKS.includes("prod"), STACKS.join(", "));
    });

    for (const stack of STACKS) {
        it(`${stack}: no mandatory violation over every registered resource`, async () => {
            const plan = await evaluateStack(stack);
            const violations = await checkPlan(plan, defaultPackConfig(stack));
            const mandatory = violations.filter(v => v.enforcementLevel === "mandatory");
            assert.deepStrictEqual(mandatory, [], JSON.stringify(mandatory, null, 2));
            // Offline every value is known: a policy that could not run would be a blind spot, not a pass.
            const blind = violations.filter(v => v.message.startsWith("can't run policy"));
            assert.deepStrictEqual(blind, [], JSON.stringify(blind, null, 2));
            // The policies did see the program's AWS resources (not an empty or component-only plan).
            assert.ok(plan.resources.filter(r => r.type.startsWith("aws:")).length > 0);
        });
    }
});
