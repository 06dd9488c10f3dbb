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

/** One prod setting weakened at a time: the real program's resources must then fail the named policy. */
const WEAKENED_PROD: { overrides: Record<string, unknown>; policy: string }[] = [
    { overrides: { database: { backupRetentionDays: 7 } }, policy: "orthanc-rds-backup-retention" },
    { overrides: { database: { deletionProtection: false } }, policy: "orthanc-deletion-protection" },
    { overrides: { protectDataStores: false }, policy: "orthanc-phi-stores-protected" },
    { overrides: { logRetentionDays: 30 }, policy: "orthanc-log-retention" },
];

describe("the program's prod plan with one setting weakened", () => {
    for (const { overrides, policy } of WEAKENED_PROD) {
        it(`${JSON.stringify(overrides)} is caught by ${policy} as mandatory`, async () => {
            const violations = await checkPlan(await evaluateStack("prod", overrides), defaultPackConfig("prod"));
            const caught = violations.filter(v => v.policy === policy);
            assert.ok(caught.length > 0, JSON.stringify(violations, null, 2));
            assert.ok(caught.every(v => v.enforcementLevel === "mandatory"));
        });
    }
});
