/**
 * How long the Orthanc service rides out a database outage before anything gives up, derived in one place: the
 * PostgreSQL plugin's connection retries, the container health check, its start period and the service's grace
 * period all follow from one figure, so that a Multi-AZ failover never makes ECS replace every task at once.
 */

/**
 * AWS documents Multi-AZ failovers as "typically 60–120 seconds" (Multi-AZ DB instance deployments, Failover
 * process). https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html
 */
export const MULTI_AZ_FAILOVER_SECONDS = 120;
/** Margin beyond AWS's typical worst case: DNS propagation of the new primary's address, TLS and login. */
export const FAILOVER_MARGIN_SECONDS = 60;

/** Seconds between two attempts of the PostgreSQL plugin to (re)open its connections. */
export const DATABASE_RETRY_INTERVAL_SECONDS = 5;

/** Seconds Orthanc's tasks must tolerate an unreachable database. */
export function databaseOutageBudgetSeconds(): number {
    return MULTI_AZ_FAILOVER_SECONDS + FAILOVER_MARGIN_SECONDS;
}

/** The plugin's `MaximumConnectionRetries`: attempts that together span the outage budget. */
export function databaseConnectionRetries(): number {
    return Math.ceil(databaseOutageBudgetSeconds() / DATABASE_RETRY_INTERVAL_SECONDS);
}

/** Seconds the container gets to start its process, on top of waiting for its database. */
export const CONTAINER_START_SECONDS = 30;

/** ECS limits of a container health check (ContainerDefinition HealthCheck). https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html */
export const ECS_HEALTH_CHECK_LIMITS = { maxRetries: 10, maxStartPeriodSeconds: 300, maxIntervalSeconds: 300, maxTimeoutSeconds: 120 };

export interface ContainerHealthCheck {
    command: string[];
    interval: number;
    timeout: number;
    retries: number;
    startPeriod: number;
}

const HEALTH_CHECK_INTERVAL_SECONDS = 30;
const HEALTH_CHECK_TIMEOUT_SECONDS = 10;

/**
 * The image's probe (`/probes/test-aliveness.py`: an authenticated `GET /changes?last`, which touches the database),
 * failing long enough to span the outage budget before ECS calls the container unhealthy: `retries` consecutive
 * failures `interval` seconds apart must exceed it.
 */
export function containerHealthCheck(): ContainerHealthCheck {
    const retries = Math.ceil(databaseOutageBudgetSeconds() / HEALTH_CHECK_INTERVAL_SECONDS) + 1;
    const startPeriod = databaseOutageBudgetSeconds() + CONTAINER_START_SECONDS;
    if (retries > ECS_HEALTH_CHECK_LIMITS.maxRetries || startPeriod > ECS_HEALTH_CHECK_LIMITS.maxStartPeriodSeconds) {
        throw new Error(`A database outage budget of ${databaseOutageBudgetSeconds()} s exceeds what an ECS health check can wait for.`);
    }
    return {
        command: ["CMD", "python3", "/probes/test-aliveness.py"],
        interval: HEALTH_CHECK_INTERVAL_SECONDS,
        timeout: HEALTH_CHECK_TIMEOUT_SECONDS,
        retries,
        startPeriod,
    };
}

/** Seconds of consecutive failed probes after which ECS replaces a task (the first failure is at second 0). */
export function unhealthyAfterSeconds(check: ContainerHealthCheck): number {
    return check.retries * check.interval;
}

/** The NLB's target health check: a target is healthy after HEALTHY_THRESHOLD checks INTERVAL seconds apart. */
export const TARGET_HEALTH_CHECK_INTERVAL_SECONDS = 30;
export const TARGET_HEALTHY_THRESHOLD = 3;

/** The service ignores load-balancer health until a new task had its start period and the NLB its healthy checks. */
export function healthCheckGracePeriodSeconds(startSeconds: number = containerHealthCheck().startPeriod): number {
    return startSeconds + TARGET_HEALTHY_THRESHOLD * TARGET_HEALTH_CHECK_INTERVAL_SECONDS;
}
