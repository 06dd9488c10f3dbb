import * as assert from "assert";
import { allPolicies } from "../../policy-pack/policies";
import { checkPlan, Violation } from "../../tools/policy/checkPlan";
import { defaultPackConfig } from "../../tools/policy/defaultPackConfig";
import { compliantResources } from "./baseline";
import { BROKEN_CASES } from "./brokenCases";
import { planOf, urnOf } from "./planBuilder";

async function violationsOf(mutate: (specs: ReturnType<typeof compliantResources>) => void, environment: "dev" | "prod") {
    const specs = compliantResources();
    mutate(specs);
    return { specs, violations: await checkPlan(planOf(specs), defaultPackConfig(environment)) };
}

describe("policy pack over hand-built aws v7 plans", () => {
    for (const environment of ["dev", "prod"] as const) {
        it(`finds nothing in the compliant baseline (${environment} pack config)`, async () => {
            const violations = await checkPlan(planOf(compliantResources()), defaultPackConfig(environment));
            assert.deepStrictEqual(violations, []);
        });
    }

    it("accepts a log group kept forever (retentionInDays: 0) as meeting every minimum", async () => {
        for (const environment of ["dev", "prod"] as const) {
            const { violations } = await violationsOf(specs => {
                const logs = specs.find(s => s.name === "logs")!;
                logs.inputs = { ...logs.inputs, retentionInDays: 0 };
            }, environment);
            assert.deepStrictEqual(violations, []);
        }
    });

    it("has a compliant resource and at least one broken case for every policy", () => {
        const covered = new Set(BROKEN_CASES.map(c => c.policy));
        assert.deepStrictEqual(allPolicies.map(p => p.name).filter(name => !covered.has(name)), []);
        const unknown = [...covered].filter(name => !allPolicies.some(p => p.name === name));
        assert.deepStrictEqual(unknown, []);
    });

    describe("each deliberately broken plan is caught at its configured level", () => {
        for (const brokenCase of BROKEN_CASES) {
            it(`${brokenCase.policy}: ${brokenCase.title} (${brokenCase.environment}, ${brokenCase.level ?? "mandatory"})`, async () => {
                const { specs, violations } = await violationsOf(brokenCase.mutate, brokenCase.environment);
                const target = specs.find(s => s.name === brokenCase.resource);
                assert.ok(target, `case names resource ${brokenCase.resource}`);
                const ofPolicy = violations.filter((v: Violation) => v.policy === brokenCase.policy);
                assert.deepStrictEqual(ofPolicy, [{
                    policy: brokenCase.policy,
                    enforcementLevel: brokenCase.level ?? "mandatory",
                    urn: urnOf(target.type, target.name),
                    message: brokenCase.message,
                }]);
            });
        }
    });

    it("reports prod-only safeguards as advisory under the dev pack config", async () => {
        const { violations } = await violationsOf(specs => {
            const db = specs.find(s => s.name === "db")!;
            db.inputs = { ...db.inputs, deletionProtection: false };
            db.protect = false;
            db.inputs.skipFinalSnapshot = true;
        }, "dev");
        assert.deepStrictEqual(violations.map(v => [v.policy, v.enforcementLevel]), [
            ["orthanc-deletion-protection", "advisory"],
            ["orthanc-phi-stores-protected", "advisory"],
        ]);
    });
});
