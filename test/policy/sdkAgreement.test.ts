import * as assert from "assert";
import { allPolicies, PACK_NAME } from "../../policy-pack/policies";
import { checkPlan, Violation } from "../../tools/policy/checkPlan";
import { evaluateStack } from "../../tools/offline/evaluate";
import { UNKNOWN_MARKER } from "../../tools/offline/planTypes";
import { compliantResources } from "./baseline";
import { BROKEN_CASES } from "./brokenCases";
import { planOf } from "./planBuilder";
import { SdkAnalyzer, startSdkAnalyzer } from "./sdkAnalyzer";

function sorted(violations: Violation[]): Violation[] {
    return [...violations].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/**
 * The offline runner must give the verdict of the policy SDK's own analyzer, which is what `pulumi preview
 * --policy-pack` runs. The pack is started as the CLI starts it and fed the plans over gRPC (no pack config, as the
 * CLI sends none without --policy-pack-config).
 */
describe("offline runner agrees with the policy SDK's analyzer (policy-pack/index.ts over gRPC)", function () {
    this.timeout(60_000); // starting the pack loads ts-node and @pulumi/pulumi
    let analyzer: SdkAnalyzer;
    before(async () => {
        analyzer = await startSdkAnalyzer(new Map(allPolicies.map(p => [p.name, p.description])));
    });
    after(() => analyzer?.stop());

    it("serves the pack with every policy", async () => {
        const info = await analyzer.info();
        assert.strictEqual(info.name, PACK_NAME);
        assert.deepStrictEqual(info.policies, allPolicies.map(p => p.name));
    });

    it("on the compliant baseline and on every broken plan", async function () {
        this.timeout(300_000); // one gRPC round trip per plan, a plan per broken case
        const plans = [planOf(compliantResources()), ...BROKEN_CASES.map(brokenCase => {
            const specs = compliantResources();
            brokenCase.mutate(specs);
            return planOf(specs);
        })];
        for (const plan of plans) {
            const [offline, sdk] = [await checkPlan(plan, {}), await analyzer.analyze(plan)];
            assert.deepStrictEqual(sorted(offline), sorted(sdk));
        }
    });

    it("on values unknown at preview: both report an advisory 'can't run'", async () => {
        const specs = compliantResources();
        const task = specs.find(s => s.name === "orthanc-task")!;
        task.inputs = { ...task.inputs, containerDefinitions: UNKNOWN_MARKER };
        const plan = planOf(specs);
        const offline = await checkPlan(plan, {});
        assert.deepStrictEqual(offline.map(v => [v.policy, v.enforcementLevel]), [
            ["orthanc-no-plaintext-secrets-in-environment", "advisory"],
            ["orthanc-ecs-containers-not-privileged", "advisory"],
            ["orthanc-ecs-readonly-root-filesystem", "advisory"],
        ]);
        const sdk = (await analyzer.analyze(plan)).map(v => ({ ...v, message: v.message.replace(/ from policy pack '[^']+'/, "") }));
        assert.deepStrictEqual(sorted(offline), sorted(sdk));
    });

    for (const stack of ["dev", "prod"]) {
        it(`on the program's ${stack} plan`, async () => {
            const plan = await evaluateStack(stack);
            assert.deepStrictEqual(sorted(await checkPlan(plan, {})), sorted(await analyzer.analyze(plan)));
        });
    }
});
