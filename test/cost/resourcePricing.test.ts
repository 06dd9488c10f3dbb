/**
 * Every priced resource type against figures computed here from the price table; unpriced and free types are
 * reported as such, never as a silent zero.
 */
import * as assert from "node:assert/strict";
import { CostedResource, estimateCosts, PRICE_TABLE } from "../../components/cost";
import { PRICED_TYPES } from "../../components/cost/estimate";
import { StackConfig } from "../../config/types";
import { stackConfigFixture } from "../orthanc/fixtures";

const PRICES = PRICE_TABLE.regions["us-east-1"];
const p = (key: string): number => {
    assert.ok(PRICES[key], `price table lacks ${key}`);
    return PRICES[key].usd;
};
const H = 730;

function config(overrides: Partial<StackConfig> = {}): StackConfig {
    return { ...stackConfigFixture(), region: "us-east-1", ...overrides };
}

function resource(type: string, inputs: Record<string, unknown>, outputs: Record<string, unknown> = {}, name = "r"): CostedResource {
    return { type, name, custom: true, remote: false, inputs, outputs };
}

/** Monthly cost of the first resource when priced among `resources`. */
function monthly(resources: CostedResource[], stack: StackConfig = config()): number {
    const estimate = estimateCosts(resources, stack);
    assert.equal(estimate.resources[0].cost.status, "priced", JSON.stringify(estimate.resources[0].cost));
    return estimate.resources[0].monthly;
}

function close(actual: number, expected: number): void {
    assert.ok(Math.abs(actual - expected) < 1e-9, `expected ${expected}, got ${actual}`);
}

const NAT_GB = stackConfigFixture().costAssumptions.natGbPerMonth;

const CASES: Record<string, () => void> = {
    "aws:ec2/natGateway:NatGateway": () => {
        const nat = resource("aws:ec2/natGateway:NatGateway", { subnetId: "subnet-1" });
        close(monthly([nat, { ...nat, name: "second" }]), H * p("natGateway.hour") + NAT_GB / 2 * p("natGateway.gb"));
    },
    "aws:ec2/eip:Eip": () => close(monthly([resource("aws:ec2/eip:Eip", { domain: "vpc" })]), H * p("publicIpv4.hour")),
    "aws:ec2/vpcEndpoint:VpcEndpoint": () => {
        close(monthly([resource("aws:ec2/vpcEndpoint:VpcEndpoint", { vpcEndpointType: "Interface", subnetIds: ["a", "b", "c"] })]), 3 * H * p("vpcEndpoint.interface.azHour"));
        assert.equal(estimateCosts([resource("aws:ec2/vpcEndpoint:VpcEndpoint", { vpcEndpointType: "Gateway" })], config()).resources[0].cost.status, "free");
    },
    "aws:lb/loadBalancer:LoadBalancer": () => {
        close(monthly([resource("aws:lb/loadBalancer:LoadBalancer", { loadBalancerType: "network", internal: false, subnets: ["a", "b"] })]),
            H * (p("nlb.hour") + p("nlb.lcuHour") + 2 * p("publicIpv4.hour")));
        close(monthly([resource("aws:lb/loadBalancer:LoadBalancer", { loadBalancerType: "application", internal: true, subnets: ["a", "b"] })]),
            H * (p("alb.hour") + p("alb.lcuHour")));
    },
    "aws:rds/instance:Instance": () => {
        const db = (multiAz: boolean) => resource("aws:rds/instance:Instance", { engine: "postgres", instanceClass: "db.t4g.medium", multiAz, storageType: "gp3", allocatedStorage: 20, manageMasterUserPassword: true });
        close(monthly([db(false)]), H * p("rds.postgres.db.t4g.medium.singleAz.hour") + 20 * p("rds.gp3.singleAz.gbMonth") + p("secretsManager.secret.month"));
        close(monthly([db(true)]), H * p("rds.postgres.db.t4g.medium.multiAz.hour") + 20 * p("rds.gp3.multiAz.gbMonth") + p("secretsManager.secret.month"));
    },
    "aws:ecs/service:Service": () => {
        const task = (architecture: string) => resource("aws:ecs/taskDefinition:TaskDefinition", { cpu: "1024", memory: "3072", runtimePlatform: { cpuArchitecture: architecture } }, { arn: "arn:task" });
        const onDemand = resource("aws:ecs/service:Service", { desiredCount: 2, launchType: "FARGATE", taskDefinition: "arn:task" });
        close(monthly([onDemand, task("X86_64")]), 2 * H * (1 * p("fargate.x86_64.vcpuHour") + 3 * p("fargate.x86_64.gbHour")));
        close(monthly([onDemand, task("ARM64")]), 2 * H * (1 * p("fargate.arm64.vcpuHour") + 3 * p("fargate.arm64.gbHour")));
        const spot = resource("aws:ecs/service:Service", { desiredCount: 3, taskDefinition: "arn:task", capacityProviderStrategies: [{ capacityProvider: "FARGATE", base: 1, weight: 1 }, { capacityProvider: "FARGATE_SPOT", weight: 1 }] });
        close(monthly([spot, task("X86_64")]), 2 * H * (p("fargate.x86_64.vcpuHour") + 3 * p("fargate.x86_64.gbHour")) + 1 * H * (p("fargateSpot.x86_64.vcpuHour") + 3 * p("fargateSpot.x86_64.gbHour")));
        const onEc2 = resource("aws:ecs/service:Service", { desiredCount: 2, taskDefinition: "arn:task", capacityProviderStrategies: [{ capacityProvider: "hosts", weight: 1 }] });
        assert.equal(estimateCosts([onEc2, task("X86_64")], config()).resources[0].cost.status, "free");
        assert.equal(estimateCosts([onDemand], config()).resources[0].cost.status, "unpriced");
    },
    "aws:autoscaling/group:Group": () => {
        const template = resource("aws:ec2/launchTemplate:LaunchTemplate", { instanceType: "m6i.large", blockDeviceMappings: [{ ebs: { volumeSize: 30, volumeType: "gp3" } }] }, { id: "lt-1" });
        close(monthly([resource("aws:autoscaling/group:Group", { minSize: 2, maxSize: 6, launchTemplate: { id: "lt-1" } }), template]), 2 * H * p("ec2.m6i.large.hour") + 2 * 30 * p("ebs.gp3.gbMonth"));
        close(monthly([resource("aws:autoscaling/group:Group", { minSize: 2, desiredCapacity: 3, launchTemplate: { id: "lt-1" } }), template]), 3 * H * p("ec2.m6i.large.hour") + 3 * 30 * p("ebs.gp3.gbMonth"));
    },
    "aws:ec2/instance:Instance": () => close(monthly([resource("aws:ec2/instance:Instance", { instanceType: "t3.medium" })]), H * p("ec2.t3.medium.hour")),
    "aws:kms/key:Key": () => close(monthly([resource("aws:kms/key:Key", {})]), p("kms.key.month")),
    "aws:secretsmanager/secret:Secret": () => close(monthly([resource("aws:secretsmanager/secret:Secret", {})]), p("secretsManager.secret.month")),
    "aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace": () =>
        close(monthly([resource("aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace", { name: "orthanc-dev.internal" })]), p("route53.hostedZone.month")),
    "aws:servicediscovery/service:Service": () => close(monthly([resource("aws:servicediscovery/service:Service", { name: "keycloak" })]), p("cloudMap.registeredResource.month")),
    "aws:ec2/vpnConnection:VpnConnection": () => close(monthly([resource("aws:ec2/vpnConnection:VpnConnection", {})]), H * p("vpn.connection.hour")),
    "aws:ec2clientvpn/networkAssociation:NetworkAssociation": () => close(monthly([resource("aws:ec2clientvpn/networkAssociation:NetworkAssociation", {})]), H * p("clientVpn.association.hour")),
    "aws:cloudwatch/metricAlarm:MetricAlarm": () => {
        close(monthly([resource("aws:cloudwatch/metricAlarm:MetricAlarm", { period: 60 })]), p("cloudwatch.alarm.metricMonth"));
        close(monthly([resource("aws:cloudwatch/metricAlarm:MetricAlarm", { period: 10 })]), p("cloudwatch.alarm.highResolutionMetricMonth"));
        close(monthly([resource("aws:cloudwatch/metricAlarm:MetricAlarm", { metricQueries: [{ metric: {} }, { metric: {} }, { expression: "m1+m2" }] })]), 2 * p("cloudwatch.alarm.metricMonth"));
    },
    "aws:cloudwatch/compositeAlarm:CompositeAlarm": () => close(monthly([resource("aws:cloudwatch/compositeAlarm:CompositeAlarm", {})]), p("cloudwatch.alarm.metricMonth")),
    "aws:cloudwatch/dashboard:Dashboard": () => close(monthly([resource("aws:cloudwatch/dashboard:Dashboard", {})]), p("cloudwatch.dashboard.month")),
    "aws:ecr/repository:Repository": () => close(monthly([resource("aws:ecr/repository:Repository", {})]), 0.5 * p("ecr.storage.gbMonth")),
    "aws:wafv2/webAcl:WebAcl": () => close(monthly([resource("aws:wafv2/webAcl:WebAcl", { rules: [{}, {}, {}] })]),
        p("waf.webAcl.month") + 3 * p("waf.rule.month") + stackConfigFixture().costAssumptions.webRequestsPerMonth * p("waf.request")),
    "aws:cloudtrail/trail:Trail": () => {
        assert.equal(estimateCosts([resource("aws:cloudtrail/trail:Trail", {})], config()).resources[0].cost.status, "free");
        const instances = 1000 * 200;
        close(monthly([resource("aws:cloudtrail/trail:Trail", { advancedEventSelectors: [{ fieldSelectors: [{ field: "resources.type", equals: ["AWS::S3::Object"] }] }] })]), instances * 2 * p("cloudtrail.dataEvent"));
        close(monthly([resource("aws:cloudtrail/trail:Trail", { advancedEventSelectors: [
            { fieldSelectors: [{ field: "resources.type", equals: ["AWS::S3::Object"] }] },
            { fieldSelectors: [{ field: "resources.type", equals: ["AWS::DynamoDB::Table"] }] },
        ] })]), instances * (2 + 1) * p("cloudtrail.dataEvent"));
    },
    "aws:cfg/recorder:Recorder": () => close(monthly([resource("aws:cfg/recorder:Recorder", {}), resource("aws:kms/key:Key", {})]), 2 * 2 * p("config.configurationItem")),
    "aws:cfg/rule:Rule": () => close(monthly([resource("aws:cfg/rule:Rule", {}), resource("aws:kms/key:Key", {}), resource("aws:kms/key:Key", {})]), 3 * 2 * p("config.ruleEvaluation")),
    "aws:guardduty/detector:Detector": () => close(monthly([resource("aws:guardduty/detector:Detector", { enable: true })]),
        100_000 * p("guardduty.cloudTrailEvent") + 1 * p("guardduty.flowLogGb") + 1000 * 200 * 2 * p("guardduty.s3DataEvent")),
    "aws:securityhub/account:Account": () => close(monthly([resource("aws:securityhub/account:Account", {}), resource("aws:kms/key:Key", {})]), 2 * 30 * p("securityHub.check")),
};

describe("cost: each priced resource type", () => {
    it("has a case here for every type the model prices", () => {
        assert.deepEqual(Object.keys(CASES).sort(), [...PRICED_TYPES].sort());
    });
    for (const [type, check] of Object.entries(CASES)) it(type, check);
});

describe("cost: what the model does not price", () => {
    it("reports a cloud resource type it does not know, with the number of resources, and marks the estimate incomplete", () => {
        const estimate = estimateCosts([resource("aws:neptune/cluster:Cluster", {}), resource("aws:neptune/cluster:Cluster", {}, {}, "b"), resource("aws:kms/key:Key", {})], config());
        assert.deepEqual(estimate.unpriced, [{ type: "aws:neptune/cluster:Cluster", count: 2, reason: "no price model for this type" }]);
        assert.equal(estimate.complete, false);
        close(estimate.fixedMonthly, p("kms.key.month"));
    });
    it("reports the children of a remote component it cannot see", () => {
        const estimate = estimateCosts([{ ...resource("awsx:lb:ApplicationLoadBalancer", {}), custom: false, remote: true }], config());
        assert.equal(estimate.unpriced[0].type, "awsx:lb:ApplicationLoadBalancer");
    });
    it("reports a price the table lacks (an instance class it does not list) instead of pricing it at zero", () => {
        const estimate = estimateCosts([resource("aws:rds/instance:Instance", { engine: "postgres", instanceClass: "db.x2g.16xlarge", multiAz: false, storageType: "gp3", allocatedStorage: 20 })], config());
        assert.deepEqual(estimate.missingPrices, ["rds.postgres.db.x2g.16xlarge.singleAz.hour"]);
        assert.equal(estimate.complete, false);
        const cost = estimate.resources[0].cost;
        assert.ok(cost.status === "priced" && cost.lines[0].missingPrice === "rds.postgres.db.x2g.16xlarge.singleAz.hour");
    });
    it("reports every price as missing in a region the table does not cover", () => {
        const estimate = estimateCosts([resource("aws:kms/key:Key", {})], config({ region: "ap-southeast-7" }));
        assert.equal(estimate.regionPriced, false);
        assert.equal(estimate.complete, false);
        assert.ok(estimate.missingPrices.includes("kms.key.month") && estimate.missingPrices.includes("dataTransfer.internetOut.gb"));
        assert.equal(estimate.totalMonthly, 0);
    });
    it("names free and usage-priced types with a reason, and skips components", () => {
        const estimate = estimateCosts([
            resource("aws:iam/role:Role", {}), resource("aws:s3/bucket:Bucket", {}), { ...resource("orthanc-aws:data:Database", {}), custom: false },
        ], config());
        assert.deepEqual(estimate.resources.map((entry) => entry.cost.status), ["free", "usage", "structural"]);
        assert.equal(estimate.complete, true);
    });
});
