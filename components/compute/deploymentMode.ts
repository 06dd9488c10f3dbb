/**
 * How a new task definition reaches the service. `rolling` (the default, an image bump): new tasks start beside the
 * old ones and the old stop once the new are healthy. `maintenance` (a schema revision): Orthanc's book requires
 * every old node stopped before a node of the new version opens the database, so ECS stops all tasks first, runs
 * one task with a long start period (the upgrade runs at its start), and autoscaling is pinned to that one task
 * until the stack returns to `rolling`.
 * Orthanc Book, FAQ "Scalability" (https://orthanc.uclouvain.be/book/faq/scalability.html); ECS rolling updates:
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html
 */
import { ComputeConfig } from "../../config/types";
import { ContainerHealthCheck, containerHealthCheck, healthCheckGracePeriodSeconds } from "./failoverBudget";

/** Rolling deployments start new tasks before stopping old ones, up to this percentage of the desired count. */
export const ROLLING_MAXIMUM_PERCENT = 200;

export interface DeploymentSettings {
    minimumHealthyPercent: number;
    maximumPercent: number;
    /** Autoscaling bounds while this mode is on. */
    minTasks: number;
    maxTasks: number;
    /** The container's health check; none in maintenance, where only the load balancer judges the one task after its grace period. */
    healthCheck?: ContainerHealthCheck;
    gracePeriodSeconds: number;
}

export function deploymentSettings(compute: ComputeConfig): DeploymentSettings {
    if (compute.deployment === "maintenance") {
        return {
            minimumHealthyPercent: 0,
            maximumPercent: 100,
            minTasks: 1,
            maxTasks: 1,
            healthCheck: undefined,
            gracePeriodSeconds: healthCheckGracePeriodSeconds(compute.maintenanceStartSeconds),
        };
    }
    const healthCheck = containerHealthCheck();
    return {
        minimumHealthyPercent: 100,
        maximumPercent: ROLLING_MAXIMUM_PERCENT,
        minTasks: compute.minCount,
        maxTasks: compute.maxCount,
        healthCheck,
        gracePeriodSeconds: healthCheckGracePeriodSeconds(healthCheck.startPeriod),
    };
}

/** Most tasks that can hold database connections at once: `maxCount` during a rolling deployment at its maximum. */
export function peakTaskCount(compute: Pick<ComputeConfig, "maxCount">): number {
    return Math.ceil(compute.maxCount * ROLLING_MAXIMUM_PERCENT / 100);
}
