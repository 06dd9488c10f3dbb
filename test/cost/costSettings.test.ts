/** The cost settings and cheaper options: defaults, bounds, and the rules that keep the options safe. */
import * as assert from "node:assert/strict";
import { budgetAmount, budgetRecipients } from "../../components/cost";
import { budgetNotifications, stackCostFilter } from "../../components/cost/budgetSettings";
import { cohortAges, efsTierOf, gbByTier, s3TierOf } from "../../components/cost/storageTiers";
import { interfaceEndpointServices } from "../../components/network";
import { imageBucketLifecycleRules } from "../../components/data/bucketLifecycle";
import { parseStackConfig, StackConfigError } from "../../config/parse";
import { stackConfigFixture } from "../orthanc/fixtures";

function raw(settings: Record<string, unknown>, region = "us-east-1"): Record<string, string> {
    const map: Record<string, string> = { "aws:region": region };
    for (const [key, value] of Object.entries({ endpoint: { allowedCidrs: ["203.0.113.0/24"] }, ...settings })) map[`orthanc-aws:${key}`] = JSON.stringify(value);
    return map;
}

function problems(settings: Record<string, unknown>, region?: string): string[] {
    try {
        parseStackConfig(raw(settings, region), "test");
        return [];
    } catch (error) {
        assert.ok(error instanceof StackConfigError);
        return error.problems;
    }
}

describe("cost settings", () => {
    it("default to a small clinic's assumptions and a budget of the estimate + 20 %", () => {
        const config = parseStackConfig(raw({}), "test");
        assert.deepEqual(config.costAssumptions, {
            studiesPerMonth: 1000, mbPerStudy: 100, instancesPerStudy: 200, retentionYears: 7, estimateMonth: 12,
            egressGbPerMonth: 100, natGbPerMonth: 20, logGbPerMonth: 5, webRequestsPerMonth: 1_000_000,
        });
        assert.deepEqual(config.budget, { enabled: true, marginPercent: 20 });
        assert.deepEqual([config.compute.fargateSpot, config.compute.cpuArchitecture, config.storage.s3IntelligentTiering], [false, "x86_64", false]);
    });

    it("name the setting and the bounds of a bad value, and unknown keys", () => {
        assert.deepEqual(problems({ costAssumptions: { retentionYears: 0, studiesPerMonth: -1 }, budget: { marginPercent: "lots" } }), [
            "costAssumptions.studiesPerMonth: -1 is not allowed; use a whole number from 0 to 10000000",
            "costAssumptions.retentionYears: 0 is not allowed; use a whole number from 1 to 100",
            "budget.marginPercent: \"lots\" is not allowed; use a whole number from 0 to 1000",
        ]);
        assert.match(problems({ costAssumptions: { studies: 5 } })[0], /^costAssumptions\.studies: unknown setting; known settings here are costAssumptions\.studiesPerMonth/);
    });

    it("need a budget amount where the price table has no prices, instead of a budget of $0", () => {
        assert.deepEqual(problems({}, "eu-west-1"), [
            "budget.monthlyLimitUsd: is required in eu-west-1: the price table (components/cost/awsPrices.json, as of 2026-12-01) has prices for us-east-1 only, so the estimate cannot set the budget; set the amount, run `npm run prices:refresh -- --region eu-west-1` where the AWS price list is reachable, or set budget.enabled: false",
        ]);
        assert.equal(parseStackConfig(raw({ budget: { monthlyLimitUsd: 400 } }, "eu-west-1"), "t").budget.monthlyLimitUsd, 400);
        assert.equal(parseStackConfig(raw({ budget: { enabled: false } }, "eu-west-1"), "t").budget.enabled, false);
    });

    it("budget: a fixed amount wins, else the estimate plus the margin rounded up", () => {
        assert.equal(budgetAmount(100.01, { enabled: true, marginPercent: 20 }), 121);
        assert.equal(budgetAmount(100.01, { enabled: true, marginPercent: 0 }), 101);
        assert.equal(budgetAmount(100.01, { enabled: true, marginPercent: 20, monthlyLimitUsd: 90 }), 90);
    });

    it("budget: counts the cost of resources carrying all three identifying tags, alerts at 80 % actual and 100 % forecast", () => {
        assert.deepEqual(stackCostFilter({ Project: "orthanc-aws", Stack: "prod", Namespace: "pacs", ManagedBy: "pulumi" }), { ands: [
            { tags: { key: "Namespace", values: ["pacs"], matchOptions: ["EQUALS"] } },
            { tags: { key: "Project", values: ["orthanc-aws"], matchOptions: ["EQUALS"] } },
            { tags: { key: "Stack", values: ["prod"], matchOptions: ["EQUALS"] } },
        ] });
        assert.throws(() => stackCostFilter({ Project: "orthanc-aws" }), /needs the default tags Namespace, Stack/);
        assert.deepEqual(budgetNotifications(["it@clinic.example"]), [
            { comparisonOperator: "GREATER_THAN", threshold: 80, thresholdType: "PERCENTAGE", notificationType: "ACTUAL", subscriberEmailAddresses: ["it@clinic.example"] },
            { comparisonOperator: "GREATER_THAN", threshold: 100, thresholdType: "PERCENTAGE", notificationType: "FORECASTED", subscriberEmailAddresses: ["it@clinic.example"] },
        ]);
        assert.deepEqual(budgetNotifications([]), []);
    });

    it("budget: alerts the stack's alarm address (alarms.email)", () => {
        const config = stackConfigFixture();
        assert.deepEqual(budgetRecipients(config), []);
        assert.deepEqual(budgetRecipients({ ...config, alarms: { email: "alarms@clinic.example", fromLegacySetting: false } }), ["alarms@clinic.example"]);
    });
});

describe("cheaper options", () => {
    it("Fargate Spot: Fargate only, and only for stacks whose data stores are not protected (non-production)", () => {
        assert.deepEqual(problems({ compute: { fargateSpot: true }, protectDataStores: false }), []);
        assert.deepEqual(problems({ compute: { fargateSpot: true } }), ["compute.fargateSpot: Fargate Spot stops tasks at two minutes' notice when AWS needs the capacity back: it is for non-production stacks; set protectDataStores: false for such a stack, or leave fargateSpot off"]);
        assert.deepEqual(problems({ compute: { fargateSpot: true, launchType: "ec2" }, protectDataStores: false }), ["compute.fargateSpot: requires compute.launchType: fargate (the EC2 container hosts are on-demand instances)"]);
    });

    it("arm64: Fargate only, and with an orthancteam/orthanc image built for linux/arm64 (24.3.5 on)", () => {
        assert.deepEqual(problems({ compute: { cpuArchitecture: "arm64" } }), []);
        assert.deepEqual(problems({ compute: { cpuArchitecture: "arm64", image: "orthancteam/orthanc:24.3.4" } }), ["compute.cpuArchitecture: \"arm64\" needs an image built for linux/arm64: orthancteam/orthanc publishes one from 24.3.5, not orthancteam/orthanc:24.3.4"]);
        assert.deepEqual(problems({ compute: { cpuArchitecture: "arm64", image: "orthancteam/orthanc:24.3.5" } }), []);
        assert.deepEqual(problems({ compute: { cpuArchitecture: "arm64", launchType: "ec2" } }), ["compute.cpuArchitecture: applies to Fargate tasks; on EC2 the instance type decides (a Graviton type such as m7g.large runs arm64)"]);
        assert.deepEqual(problems({ compute: { cpuArchitecture: "sparc" } }), ["compute.cpuArchitecture: \"sparc\" is not allowed; use one of x86_64, arm64"]);
    });

    it("interface endpoints per service: a list of known services, in the fixed order; none of them may be missing without NAT", () => {
        const config = parseStackConfig(raw({ network: { interfaceEndpoints: ["logs", "ecr.dkr", "ecr.api"] } }), "t");
        assert.deepEqual(interfaceEndpointServices(config.network, "fargate"), ["ecr.api", "ecr.dkr", "logs"]);
        assert.deepEqual(interfaceEndpointServices({ interfaceEndpoints: true }, "fargate"), ["ecr.api", "ecr.dkr", "logs", "secretsmanager", "ssm", "kms", "sts"]);
        assert.deepEqual(interfaceEndpointServices({ interfaceEndpoints: false }, "ec2"), []);
        assert.match(problems({ network: { interfaceEndpoints: ["s3"] } })[0], /^network\.interfaceEndpoints: \["s3"\] is not allowed; use true \(all\), false \(none\) or a list of services from ecr\.api/);
        assert.match(problems({ network: { interfaceEndpoints: [] } })[0], /^network\.interfaceEndpoints: \[\] is not allowed/);
        assert.deepEqual(problems({ network: { interfaceEndpoints: ["ecs-agent"] } }), ["network.interfaceEndpoints: [\"ecs-agent\"] is not allowed; only the ECS agent on EC2 container hosts uses these; with compute.launchType \"fargate\" choose from ecr.api, ecr.dkr, logs, secretsmanager, ssm, kms, sts"]);
        // Basic mode, to name only the endpoints (keycloak mode without NAT, its sidecar's image mirrored: identityConfig.test.ts).
        assert.deepEqual(problems({ network: { natGateways: "none", interfaceEndpoints: ["ecr.api", "ecr.dkr", "logs"] }, compute: { mirrorImage: true },
            identity: { mode: "basic", users: [{ name: "it.boss", role: "admin" }] } }),
            ["network.natGateways: \"none\" leaves tasks without a route to secretsmanager, ssm, kms, sts; set network.interfaceEndpoints: true or use \"single\" / \"perAz\""]);
    });

    it("Intelligent-Tiering: replaces the Glacier transitions from day 0, and refuses explicit Glacier days beside it", () => {
        const storage = { ...stackConfigFixture().storage, backend: "s3" as const, s3IntelligentTiering: true };
        assert.deepEqual(imageBucketLifecycleRules(storage)[0], { id: "intelligent-tiering", status: "Enabled", filter: {}, transitions: [{ days: 0, storageClass: "INTELLIGENT_TIERING" }] });
        assert.equal(imageBucketLifecycleRules(storage).filter((rule) => rule.id === "archive-current-versions").length, 0);
        assert.deepEqual(problems({ storage: { s3IntelligentTiering: true, s3GlacierInstantRetrievalAfterDays: 30 } }),
            ["storage.s3GlacierInstantRetrievalAfterDays: must be 0 or unset with storage.s3IntelligentTiering: true (Intelligent-Tiering moves objects between tiers itself; a lifecycle transition would take them out of it)"]);
        assert.deepEqual(problems({ storage: { s3IntelligentTiering: true, s3GlacierInstantRetrievalAfterDays: 0 } }), []);
    });
});

describe("storage by tier over time", () => {
    it("holds one cohort a month, each half a month into its month, and none older than the retention", () => {
        assert.deepEqual(cohortAges(3, 84).map((age) => Number(age.toFixed(3))), [15.208, 45.625, 76.042]);
        assert.equal(cohortAges(120, 84).length, 84);
        assert.deepEqual(cohortAges(0, 84), []);
    });

    it("places cohorts by the lifecycle: Standard, Glacier IR, Deep Archive; EFS Standard then IA", () => {
        const storage = { ...stackConfigFixture().storage, s3GlacierInstantRetrievalAfterDays: 90, s3DeepArchiveAfterDays: 180 };
        assert.deepEqual([...gbByTier(10, cohortAges(12, 84), s3TierOf(storage))], [["standard", 30], ["glacierIr", 30], ["deepArchive", 60]]);
        assert.deepEqual([...gbByTier(10, cohortAges(12, 84), s3TierOf({ ...storage, s3GlacierInstantRetrievalAfterDays: 0, s3DeepArchiveAfterDays: 0 }))], [["standard", 120]]);
        assert.deepEqual([...gbByTier(10, cohortAges(4, 84), efsTierOf({ ...storage, efsTransitionToIa: "AFTER_60_DAYS" }))], [["standard", 20], ["ia", 20]]);
        assert.deepEqual([...gbByTier(10, cohortAges(2, 84), efsTierOf({ ...storage, efsTransitionToIa: "AFTER_1_DAY" }))], [["ia", 20]]);
    });
});
