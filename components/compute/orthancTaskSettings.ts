/**
 * The Orthanc container and the timings around it, as pure functions: container definition, health check,
 * grace period, CPU architecture and Auto Scaling bounds.
 */
import { ComputeConfig, LaunchType, StorageBackend } from "../../config/types";
import { databaseStartupBudgetSeconds, ORTHANC_DICOM_PORT, ORTHANC_HTTP_PORT, ORTHANC_STORAGE_DIRECTORY } from "./orthancConfiguration";
import { ContainerConfiguration } from "./orthancContainer";

export const ORTHANC_CONTAINER_NAME = "orthanc";
export const STORAGE_VOLUME_NAME = "orthanc-storage";

/** Seconds the container gets to start its process before its health check counts. */
export const CONTAINER_START_SECONDS = 30;

/** The NLB's target health check: a target is healthy after HEALTHY_THRESHOLD checks INTERVAL seconds apart. */
export const TARGET_HEALTH_CHECK_INTERVAL_SECONDS = 30;
export const TARGET_HEALTHY_THRESHOLD = 3;

/** ECS caps a container health check's start period at 300 s. */
const ECS_MAX_START_PERIOD_SECONDS = 300;

/** Covers Orthanc's database retries (10 × 5 s) plus its own start. */
export function containerStartPeriodSeconds(): number {
    return Math.min(databaseStartupBudgetSeconds() + CONTAINER_START_SECONDS, ECS_MAX_START_PERIOD_SECONDS);
}

/** The service ignores load-balancer health until a new task had its start period and the NLB its healthy checks. */
export function healthCheckGracePeriodSeconds(): number {
    return containerStartPeriodSeconds() + TARGET_HEALTHY_THRESHOLD * TARGET_HEALTH_CHECK_INTERVAL_SECONDS;
}

/**
 * The image's probe: an authenticated `GET /changes?last`, which touches the database; credentials and port are
 * read from the configuration the image generated.
 */
export const ORTHANC_HEALTH_CHECK = {
    command: ["CMD", "python3", "/probes/test-aliveness.py"],
    interval: 30,
    timeout: 10,
    retries: 3,
};

/** Graviton instance families carry a `g` after the generation digit (m7g, c7gn, r8g, t4g). */
export function cpuArchitecture(launchType: LaunchType, instanceType: string): "X86_64" | "ARM64" {
    return launchType === "ec2" && /^[a-z]+\d+g[a-z]*\./.test(instanceType) ? "ARM64" : "X86_64";
}

/** Public SSM parameter of the current ECS-optimized Amazon Linux 2023 AMI for the instance type's architecture. */
export function ecsOptimizedAmiParameter(instanceType: string): string {
    return cpuArchitecture("ec2", instanceType) === "ARM64"
        ? "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id"
        : "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id";
}

/** Deployments start new tasks before stopping old ones (up to this percentage of the desired count). */
export const DEPLOYMENT_MAXIMUM_PERCENT = 200;

/**
 * Container hosts for the EC2 launch type. Each awsvpc task takes an instance ENI, so size for the worst case of
 * one task per instance: `minCount` hosts at rest, room for a full second set of tasks during a deployment.
 */
export function containerHostBounds(compute: ComputeConfig): { minSize: number; maxSize: number } {
    return { minSize: compute.minCount, maxSize: Math.ceil(compute.maxCount * DEPLOYMENT_MAXIMUM_PERCENT / 100) };
}

export interface OrthancContainerInputs {
    image: string;
    container: ContainerConfiguration;
    logGroupName: string;
    region: string;
    storageBackend: StorageBackend;
}

/** The one container of the Orthanc task. */
export function orthancContainerDefinition(inputs: OrthancContainerInputs): object {
    return {
        name: ORTHANC_CONTAINER_NAME,
        image: inputs.image,
        essential: true,
        portMappings: [
            { name: "http", containerPort: ORTHANC_HTTP_PORT, protocol: "tcp" },
            { name: "dicom", containerPort: ORTHANC_DICOM_PORT, protocol: "tcp" },
        ],
        environment: inputs.container.environment,
        secrets: inputs.container.secrets,
        mountPoints: inputs.storageBackend === "efs"
            ? [{ sourceVolume: STORAGE_VOLUME_NAME, containerPath: ORTHANC_STORAGE_DIRECTORY, readOnly: false }]
            : [],
        healthCheck: { ...ORTHANC_HEALTH_CHECK, startPeriod: containerStartPeriodSeconds() },
        privileged: false,
        // The image's start-up script writes /tmp/orthanc.json and /etc/hostid, so the root file system stays writable.
        readonlyRootFilesystem: false,
        linuxParameters: { initProcessEnabled: true },
        stopTimeout: 30,
        logConfiguration: {
            logDriver: "awslogs",
            options: {
                "awslogs-group": inputs.logGroupName,
                "awslogs-region": inputs.region,
                "awslogs-stream-prefix": ORTHANC_CONTAINER_NAME,
                // A slow log pipe must never stall DICOM ingestion.
                mode: "non-blocking",
                "max-buffer-size": "25m",
            },
        },
    };
}
