/**
 * The estimate of the committed stacks, pinned against figures computed here by hand from the price table; how a
 * setting moves it; and that the budget the program sets is the plan's estimate plus the margin, to the dollar.
 */
import * as assert from "node:assert/strict";
import { estimateCosts, PRICE_TABLE, PRICED_INPUTS, pricedInputs } from "../../components/cost";
import { PRICED_TYPES } from "../../components/cost/estimate";
import { costedResources, planEstimate } from "../../tools/costReport";
import { ConfigOverrides } from "../../tools/offline/evaluate";
import { Plan } from "../../tools/offline/planTypes";
import { single } from "../support/planQueries";
import { Evaluated, evaluated } from "./evaluatedStacks";

const PRICES = PRICE_TABLE.regions["us-east-1"];
const p = (key: string): number => PRICES[key].usd;
const H = 730;
/** What one more recorded resource costs a month: 30 Security Hub checks and 2 AWS Config configuration items (the estimate's assumptions). */
const RECORDED_RESOURCE_CHARGE = 30 * p("securityHub.check") + 2 * p("config.configurationItem");

/** The cloud resources AWS Config and Security Hub would record: every provider resource of the plan. */
function recordedResources(plan: Plan): number {
    return plan.resources.filter((resource) => resource.custom && !resource.type.startsWith("pulumi:")).length;
}

function close(actual: number, expected: number): void {
    assert.ok(Math.abs(actual - expected) < 1e-6, `expected ${expected.toFixed(4)}, got ${actual.toFixed(4)}`);
}

function pricedTypes({ plan, config }: Evaluated): string[] {
    const estimate = planEstimate(plan, config);
    return [...new Set(estimate.resources.filter((entry) => entry.cost.status === "priced").map((entry) => entry.type))].sort();
}

/** The monthly `limitAmount` the program gave its budget. */
function budgetLimit(plan: Plan): number {
    return Number(single(plan, "aws:budgets/budget:Budget").inputs.limitAmount);
}

/**
 * Keycloak (identity.mode keycloak, the default): one on-demand Fargate task of 1 vCPU and 2 GB (x86_64), its three
 * secrets, the Cloud Map namespace (a private hosted zone) and one registered task, its two mirrored images.
 */
const KEYCLOAK = H * (1 * p("fargate.x86_64.vcpuHour") + 2 * p("fargate.x86_64.gbHour")) + 3 * p("secretsManager.secret.month")
    + p("route53.hostedZone.month") + p("cloudMap.registeredResource.month") + 2 * 0.5 * p("ecr.storage.gbMonth");

/** Variants that also carry budget settings (free: they do not move the total), to spare evaluations. */
const SPOT: ConfigOverrides = { compute: { fargateSpot: true }, metadataPipeline: { alarmEmail: "it@clinic.example" } };
const ARM: ConfigOverrides = { compute: { cpuArchitecture: "arm64" }, budget: { enabled: false } };

describe("cost: the committed stacks' estimates", function () {
    this.timeout(180_000);
    let dev: Evaluated;
    let prod: Evaluated;
    before(async () => {
        dev = await evaluated("dev");
        prod = await evaluated("prod");
    });

    it("dev: one NAT, the NLB and the ALB, a Single-AZ t4g.medium, one Fargate task, EFS for 50 studies a month kept a year", () => {
        assert.deepEqual(pricedTypes(dev), [
            "aws:cloudwatch/dashboard:Dashboard", "aws:cloudwatch/metricAlarm:MetricAlarm", "aws:ec2/eip:Eip", "aws:ec2/natGateway:NatGateway",
            "aws:ecr/repository:Repository", "aws:ecs/service:Service", "aws:kms/key:Key", "aws:lb/loadBalancer:LoadBalancer",
            "aws:rds/instance:Instance", "aws:secretsmanager/secret:Secret",
            "aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace", "aws:servicediscovery/service:Service",
        ]);
        const fixed = H * (p("natGateway.hour") + p("publicIpv4.hour")) + 10 * p("natGateway.gb") // 1 NAT, 10 GB through it
            + H * (p("nlb.hour") + p("nlb.lcuHour") + 2 * p("publicIpv4.hour")) // NLB in 2 zones
            + H * (p("alb.hour") + p("alb.lcuHour") + 2 * p("publicIpv4.hour")) // ALB in 2 zones (no WAF: web.waf follows protectDataStores, off)
            + H * p("rds.postgres.db.t4g.medium.singleAz.hour") + 20 * p("rds.gp3.singleAz.gbMonth") + p("secretsManager.secret.month")
            + H * (1 * p("fargate.x86_64.vcpuHour") + 2 * p("fargate.x86_64.gbHour")) // 1 task, 1 vCPU, 2 GB
            + 2 * p("secretsManager.secret.month") + 4 * p("kms.key.month") // admin and auth-service secrets, 3 keys + the alarm topic's
            + 16 * p("cloudwatch.alarm.metricMonth") + p("cloudwatch.dashboard.month") // 15 service alarms (one of 2 metrics), the dashboard
            // The trail records management events only (no image bucket, no header table): its first copy is free.
            + 2 * 0.5 * p("ecr.storage.gbMonth") // Orthanc's and the auth-service sidecar's mirrored images, 0.5 GB each assumed
            + KEYCLOAK;
        // 5 GB a month, 12 monthly cohorts at month 12: the youngest (half a month old) in Standard, 11 moved to IA after 30 days.
        const usage = 5 * p("efs.standard.gbMonth") + 55 * p("efs.ia.gbMonth") + 5 * p("efs.elastic.writeGb") + 10 * p("efs.elastic.readGb") + 5 * p("efs.ia.tieringGb")
            + 60 * p("backup.efs.warmGbMonth") + 20 * p("backup.rds.gbMonth")
            + 1 * p("cloudwatch.logs.ingestGb") + 1 * (30 / (365 / 12)) * p("cloudwatch.logs.storageGbMonth") // 30-day retention
            // The audit trail: 10,000 instances a month × 1,000 bytes, held the 11 months of 12 beyond the 30-day retention.
            + 50 * 200 * 1000 / 1e9 * (12 - 30 / (365 / 12)) * p("cloudwatch.logs.storageGbMonth")
            + 10 * p("dataTransfer.internetOut.gb");
        close(dev.total, fixed + usage);
    });

    it("prod: 3 NATs, 10 endpoints in 3 zones, Multi-AZ m7g.large, 2 m6i.large hosts, S3 with Glacier IR after 90 days, the pipeline", () => {
        assert.deepEqual(pricedTypes(prod), [
            "aws:autoscaling/group:Group", "aws:cfg/recorder:Recorder", "aws:cloudtrail/trail:Trail", "aws:cloudwatch/dashboard:Dashboard", "aws:cloudwatch/metricAlarm:MetricAlarm",
            "aws:ec2/eip:Eip", "aws:ec2/natGateway:NatGateway", "aws:ec2/vpcEndpoint:VpcEndpoint", "aws:ecr/repository:Repository",
            "aws:ecs/service:Service", "aws:guardduty/detector:Detector", "aws:kms/key:Key", "aws:lb/loadBalancer:LoadBalancer", "aws:rds/instance:Instance",
            "aws:secretsmanager/secret:Secret", "aws:securityhub/account:Account",
            "aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace", "aws:servicediscovery/service:Service", "aws:wafv2/webAcl:WebAcl",
        ]);
        const fixed = 3 * H * (p("natGateway.hour") + p("publicIpv4.hour")) + 20 * p("natGateway.gb")
            + 10 * 3 * H * p("vpcEndpoint.interface.azHour")
            + H * (p("nlb.hour") + p("nlb.lcuHour") + 3 * p("publicIpv4.hour"))
            + H * (p("alb.hour") + p("alb.lcuHour") + 3 * p("publicIpv4.hour"))
            // The web ACL: 4 managed-group rules (the common group twice, uploads and the rest), 1 million requests (costAssumptions.webRequestsPerMonth).
            + p("waf.webAcl.month") + 4 * p("waf.rule.month") + 1_000_000 * p("waf.request")
            // Trail data events: 2 S3 events and 1 DynamoDB event per instance.
            + (400_000 + 200_000) * p("cloudtrail.dataEvent")
            + H * p("rds.postgres.db.m7g.large.multiAz.hour") + 100 * p("rds.gp3.multiAz.gbMonth") + p("secretsManager.secret.month")
            + 2 * H * p("ec2.m6i.large.hour") + 2 * 30 * p("ebs.gp3.gbMonth")
            + 2 * p("secretsManager.secret.month") + 4 * p("kms.key.month") + 4 * p("cloudwatch.alarm.metricMonth") // admin and auth-service secrets
            + 15 * p("cloudwatch.alarm.metricMonth") + p("cloudwatch.dashboard.month")
            + 2 * 0.5 * p("ecr.storage.gbMonth") // Orthanc's and the auth-service sidecar's mirrored images
            + KEYCLOAK
            // AWS Config, GuardDuty and Security Hub over every resource the stack records (the estimate's assumptions).
            + 100_000 * p("guardduty.cloudTrailEvent") + 1 * p("guardduty.flowLogGb") + 400_000 * p("guardduty.s3DataEvent")
            + recordedResources(prod.plan) * RECORDED_RESOURCE_CHARGE;
        const instances = 1000 * 200;
        // 100 GB a month: 3 cohorts younger than 90 days in Standard, 9 in Glacier IR.
        const usage = 300 * p("s3.standard.gbMonth") + 900 * p("s3.glacierIr.gbMonth") + instances * (p("s3.putRequest") + p("s3.transition.glacierIr"))
            + 1200 * p("backup.s3.gbMonth") + 100 * p("backup.rds.gbMonth")
            + instances * (0.1 * p("lambda.request") + 0.025 * p("lambda.arm64.gbSecond") + 1.2 * p("sqs.request") + p("s3.getRequest") + 5 * p("dynamodb.writeRequestUnit"))
            + instances * 12 * 5 / 1e6 * p("dynamodb.storage.gbMonth")
            + 5 * p("cloudwatch.logs.ingestGb") + 5 * 12 * p("cloudwatch.logs.storageGbMonth")
            + 100 * p("dataTransfer.internetOut.gb");
        close(prod.total, fixed + usage);
    });

    it("the inputs the program's recorder keeps (PRICED_INPUTS) price each committed stack as all its inputs do", () => {
        for (const { plan, config } of [dev, prod]) {
            const reduced = costedResources(plan).map((resource) => ({ ...resource, inputs: pricedInputs(resource.type, resource.inputs) }));
            assert.deepEqual(estimateCosts(reduced, config), planEstimate(plan, config));
        }
        const missing = PRICED_TYPES.filter((type) => PRICED_INPUTS[type] === undefined);
        assert.deepEqual(missing, [], "every priced type names the inputs it reads");
    });

    it("the program's budget is the plan's estimate plus the 20 % margin, rounded up to the dollar", () => {
        assert.equal(budgetLimit(dev.plan), Math.ceil(dev.total * 1.2));
        assert.equal(budgetLimit(prod.plan), Math.ceil(prod.total * 1.2));
    });

    it("the budget: monthly, in USD, over the stack's tags, alerting the configured address at 80 % actual and 100 % forecast", async () => {
        const budget = single(prod.plan, "aws:budgets/budget:Budget").inputs;
        assert.deepEqual([budget.name, budget.budgetType, budget.timeUnit, budget.limitUnit], ["orthanc-prod-budget-monthly", "COST", "MONTHLY", "USD"]);
        assert.deepEqual((budget.filterExpression as { ands: { tags: { key: string; values: string[] } }[] }).ands.map((and) => [and.tags.key, and.tags.values]),
            [["Namespace", ["orthanc"]], ["Project", ["orthanc-aws"]], ["Stack", ["prod"]]]);
        assert.deepEqual(budget.notifications, []);
        const alerted = await evaluated("dev", SPOT);
        const notifications = single(alerted.plan, "aws:budgets/budget:Budget").inputs.notifications as Record<string, unknown>[];
        assert.deepEqual(notifications.map((n) => [n.notificationType, n.threshold, n.subscriberEmailAddresses]), [["ACTUAL", 80, ["it@clinic.example"]], ["FORECASTED", 100, ["it@clinic.example"]]]);
        const off = await evaluated("dev", ARM);
        assert.equal(off.plan.resources.filter((resource) => resource.type === "aws:budgets/budget:Budget").length, 0);
    });

    it("natGateways single saves two NAT gateways and their addresses", async () => {
        const cheaper = await evaluated("prod", { network: { natGateways: "single" } });
        // Also 4 fewer recorded resources (2 NAT gateways, 2 addresses) for the account's compliance services.
        close(prod.total - cheaper.total, 2 * H * (p("natGateway.hour") + p("publicIpv4.hour")) + 4 * RECORDED_RESOURCE_CHARGE);
        assert.equal(budgetLimit(cheaper.plan), Math.ceil(cheaper.total * 1.2));
    });

    it("interface endpoints per service: three of the ten save seven endpoints in three zones", async () => {
        const cheaper = await evaluated("prod", { network: { interfaceEndpoints: ["ecr.api", "ecr.dkr", "logs"] } });
        close(prod.total - cheaper.total, 7 * 3 * H * p("vpcEndpoint.interface.azHour") + 7 * RECORDED_RESOURCE_CHARGE);
    });

    it("Fargate Spot and Graviton move the task's price to their rates", async () => {
        const spot = await evaluated("dev", SPOT);
        const strategy = [{ base: 0, capacityProvider: "FARGATE_SPOT", weight: 1 }];
        assert.deepEqual(single(spot.plan, "aws:ecs/service:Service", "-orthanc-service").inputs.capacityProviderStrategies, strategy);
        assert.equal(single(spot.plan, "aws:ecs/service:Service", "-orthanc-service").inputs.launchType, undefined);
        assert.deepEqual(single(spot.plan, "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders").inputs.capacityProviders, ["FARGATE", "FARGATE_SPOT"]);
        close(dev.total - spot.total, H * ((p("fargate.x86_64.vcpuHour") - p("fargateSpot.x86_64.vcpuHour")) + 2 * (p("fargate.x86_64.gbHour") - p("fargateSpot.x86_64.gbHour"))));
        const arm = await evaluated("dev", ARM);
        assert.deepEqual(single(arm.plan, "aws:ecs/taskDefinition:TaskDefinition", "-orthanc-task-definition").inputs.runtimePlatform, { cpuArchitecture: "ARM64", operatingSystemFamily: "LINUX" });
        close(dev.total - arm.total, H * ((p("fargate.x86_64.vcpuHour") - p("fargate.arm64.vcpuHour")) + 2 * (p("fargate.x86_64.gbHour") - p("fargate.arm64.gbHour"))));
    });

    it("Intelligent-Tiering replaces the Glacier tiers by its own and adds the per-object monitoring", async () => {
        const tiered = await evaluated("prod", { storage: { s3IntelligentTiering: true, s3GlacierInstantRetrievalAfterDays: null } });
        const instances = 1000 * 200;
        const glacier = 300 * p("s3.standard.gbMonth") + 900 * p("s3.glacierIr.gbMonth") + instances * p("s3.transition.glacierIr");
        // 1 cohort under 30 days (Frequent), 2 under 90 (Infrequent), 9 in Archive Instant Access; 12 × 200,000 objects monitored.
        const intelligent = 100 * p("s3.intelligentTiering.frequent.gbMonth") + 200 * p("s3.intelligentTiering.infrequent.gbMonth")
            + 900 * p("s3.intelligentTiering.archiveInstant.gbMonth") + instances * p("s3.transition.intelligentTiering")
            + 12 * instances * p("s3.intelligentTiering.monitoringObjectMonth");
        close(tiered.total - prod.total, intelligent - glacier);
    });
});
