import * as assert from "assert";
import { deploymentSettings, peakTaskCount } from "../../components/compute/deploymentMode";
import {
    containerHealthCheck, DATABASE_RETRY_INTERVAL_SECONDS, databaseConnectionRetries, databaseOutageBudgetSeconds, ECS_HEALTH_CHECK_LIMITS,
    healthCheckGracePeriodSeconds, MULTI_AZ_FAILOVER_SECONDS, unhealthyAfterSeconds,
} from "../../components/compute/failoverBudget";
import { stackConfigFixture } from "../orthanc/fixtures";

describe("failover budget and deployment modes", () => {
    it("derives every timing from one outage budget that exceeds AWS's documented Multi-AZ failover", () => {
        assert.strictEqual(databaseOutageBudgetSeconds(), 180);
        assert.ok(databaseOutageBudgetSeconds() > MULTI_AZ_FAILOVER_SECONDS);
        assert.strictEqual(databaseConnectionRetries(), 36);
        assert.ok(databaseConnectionRetries() * DATABASE_RETRY_INTERVAL_SECONDS >= databaseOutageBudgetSeconds(), "the plugin retries through the outage");
        const check = containerHealthCheck();
        assert.deepStrictEqual(check, { command: ["CMD", "python3", "/probes/test-aliveness.py"], interval: 30, timeout: 10, retries: 7, startPeriod: 210 });
        assert.ok(unhealthyAfterSeconds(check) > databaseOutageBudgetSeconds(), "ECS does not replace a task during a failover");
        assert.ok(check.retries <= ECS_HEALTH_CHECK_LIMITS.maxRetries && check.startPeriod <= ECS_HEALTH_CHECK_LIMITS.maxStartPeriodSeconds);
        assert.strictEqual(healthCheckGracePeriodSeconds(), 300, "start period + 3 NLB checks 30 s apart");
    });

    it("rolls by default: new tasks beside the old, autoscaling within the configured bounds", () => {
        const { compute } = stackConfigFixture();
        assert.deepStrictEqual(deploymentSettings(compute), {
            minimumHealthyPercent: 100, maximumPercent: 200, minTasks: 2, maxTasks: 4, healthCheck: containerHealthCheck(), gracePeriodSeconds: 300,
        });
        assert.strictEqual(peakTaskCount(compute), 8);
    });

    it("runs a maintenance deployment: every old task stopped first, one task, no container check, a long grace period", () => {
        const { compute } = stackConfigFixture();
        compute.deployment = "maintenance";
        compute.maintenanceStartSeconds = 2400;
        assert.deepStrictEqual(deploymentSettings(compute), {
            minimumHealthyPercent: 0, maximumPercent: 100, minTasks: 1, maxTasks: 1, healthCheck: undefined, gracePeriodSeconds: 2490,
        });
    });
});
