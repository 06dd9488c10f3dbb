/** What `npm run plan` prints of the estimate: source and date, every assumption beside its figure, per-resource JSON. */
import * as assert from "node:assert/strict";
import { estimateDocument, planEstimate, renderEstimate, resourceCostDocument } from "../../tools/costReport";
import { Plan } from "../../tools/offline/planTypes";
import { StackConfig } from "../../config/types";
import { evaluated } from "./evaluatedStacks";

describe("cost: the plan's estimate output", function () {
    this.timeout(120_000);
    let plan: Plan;
    let config: StackConfig;
    before(async () => {
        ({ plan, config } = await evaluated("prod"));
    });

    it("prints the price table's source and date, each component, each assumption beside its line, the total and the budget", () => {
        const text = renderEstimate(plan, planEstimate(plan, config), config);
        assert.match(text, /^Monthly cost estimate of stack "prod" in us-east-1, month 12 of operation$/m);
        assert.match(text, /^Prices: components\/cost\/awsPrices\.json, on-demand list prices as of 2026-12-01 \(AWS Price List offer files/m);
        assert.match(text, /^ {2}orthanc-prod-network +\$329\.40$/m);
        for (const zone of [1, 2, 3]) {
            assert.match(text, new RegExp(`orthanc-prod-network-vpc-${zone} NAT gateway: 1 NAT gateway × 730 h × \\$0\\.045 +\\$32\\.85$`, "m"));
            assert.match(text, new RegExp(`orthanc-prod-network-vpc-${zone} NAT data processing: 20 GB \\(costAssumptions\\.natGbPerMonth\\) shared by the NAT gateways × \\$0\\.045 +\\$0\\.30$`, "m"));
        }
        assert.match(text, /S3 Standard: 300 GB \(1,000 studies × 100 MB a month, month 12, studies kept 7 years\) × \$0\.023 +\$6\.90$/m);
        assert.match(text, /data transfer out: 100 GB \(costAssumptions\.egressGbPerMonth\) × \$0\.09 +\$9\.00$/m);
        assert.match(text, /^Total +\$980\.57$/m);
        assert.match(text, /^Usage as storage grows: month 12 \$102\.17, month 36 \$241\.37, month 84 \$517\.98, month 96 \$517\.98/m);
        assert.match(text, /^Budget: \$1,177\.00 a month \(the estimate \+ budget\.marginPercent 20 %\)/m);
        assert.doesNotMatch(text, /Not priced/);
    });

    it("lists what it cannot price under the total instead of counting it as free", () => {
        const withUnknown: Plan = { ...plan, resources: [...plan.resources, { ...plan.resources[plan.resources.length - 1], urn: "urn:x", type: "aws:neptune/cluster:Cluster", name: "graph", custom: true, parent: null }] };
        const text = renderEstimate(withUnknown, planEstimate(withUnknown, config), config);
        // The unpriced resource still counts as one more for the account's compliance services ($0.036).
        assert.match(text, /^Total \(incomplete: see below\) +\$980\.61$/m);
        assert.match(text, /^Not priced \(left out of the total\):\n {2}aws:neptune\/cluster:Cluster × 1: no price model for this type$/m);
    });

    it("--json: each resource's cost and the totals, the per-resource figures adding up to the fixed total", () => {
        const estimate = planEstimate(plan, config);
        const document = estimateDocument(plan, estimate, config);
        const perResource = estimate.resources.map((entry) => resourceCostDocument(entry.cost, entry.monthly));
        const sum = perResource.reduce((total, entry) => total + ((entry.monthly as number | undefined) ?? 0), 0);
        assert.ok(Math.abs(sum - (document.fixedMonthly as number)) < 0.05);
        assert.equal(document.totalMonthly, 980.57);
        assert.deepEqual(document.budget, { monthlyLimitUsd: 1177, emails: [] });
        const database = perResource[plan.resources.findIndex((resource) => resource.type === "aws:rds/instance:Instance")];
        assert.equal(database.status, "priced");
        assert.equal(database.monthly, 268.68);
        const role = perResource[plan.resources.findIndex((resource) => resource.type === "aws:iam/role:Role")];
        assert.deepEqual(role, { status: "free", reason: "IAM is free" });
    });
});
