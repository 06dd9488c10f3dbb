/**
 * The Orthanc container and the timings around it, as pure functions: container definition, health check,
 * grace period, CPU architecture and Auto Scaling bounds.
 */
import { ComputeConfig, CpuArchitecture, LaunchType, StorageBackend } from "../../config/types";
import { ORTHANC_DICOM_PORT, ORTHANC_HTTP_PORT, ORTHANC_STORAGE_DIRECTORY } from "./orthancConfiguration";
import { CONTAINER_FILES_DIRECTORY, IMAGE_ENTRY_POINT, startupScript } from "./containerFiles";
import { ContainerHealthCheck } from "./failoverBudget";
import { peakTaskCount } from "./deploymentMode";
import { ContainerConfiguration } from "./orthancContainer";

export const ORTHANC_CONTAINER_NAME = "orthanc";

/**
 * The image's `orthanc` user and group (uid/gid 999), who owns what its start-up writes: /tmp, /etc/hostid and the
 * plugin folders (orthanc-builder docker/orthanc/Dockerfile). The EFS access point maps every NFS call to the same
 * identity, so the files Orthanc writes are owned by the user that runs it.
 */
export const ORTHANC_UID = 999;
export const ORTHANC_GID = 999;
export const STORAGE_VOLUME_NAME = "orthanc-storage";

/**
 * On EC2 the instance type decides: Graviton families carry a `g` after the generation digit (m7g, c7gn, r8g,
 * t4g). On Fargate it is the stack's choice (`compute.cpuArchitecture`).
 */
export function cpuArchitecture(launchType: LaunchType, instanceType: string, fargateArchitecture: CpuArchitecture = "x86_64"): "X86_64" | "ARM64" {
    if (launchType === "fargate") return fargateArchitecture === "arm64" ? "ARM64" : "X86_64";
    return /^[a-z]+\d+g[a-z]*\./.test(instanceType) ? "ARM64" : "X86_64";
}

/** Public SSM parameter of the current ECS-optimized Amazon Linux 2023 AMI for the instance type's architecture. */
export function ecsOptimizedAmiParameter(instanceType: string): string {
    return cpuArchitecture("ec2", instanceType) === "ARM64"
        ? "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id"
        : "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id";
}

/**
 * Container hosts for the EC2 launch type. Each awsvpc task takes an instance ENI, so size for the worst case of
 * one task per instance: `minCount` hosts at rest, room for a full second set of tasks during a deployment.
 */
export function containerHostBounds(compute: ComputeConfig): { minSize: number; maxSize: number } {
    return { minSize: compute.minCount, maxSize: peakTaskCount(compute) };
}

export interface OrthancContainerInputs {
    image: string;
    container: ContainerConfiguration;
    logGroupName: string;
    region: string;
    storageBackend: StorageBackend;
    /** None during a maintenance deployment (see deploymentMode.ts). */
    healthCheck?: ContainerHealthCheck;
    /** A sidecar Orthanc must not start before (the auth service: every request waits on it). */
    startsAfterHealthy?: string;
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
        // Writes the container's files from their variables, then runs the image's own entry point.
        entryPoint: ["/bin/bash", "-c"],
        command: [startupScript(inputs.container.files, CONTAINER_FILES_DIRECTORY, IMAGE_ENTRY_POINT, inputs.container.users)],
        user: `${ORTHANC_UID}:${ORTHANC_GID}`,
        environment: inputs.container.environment,
        secrets: inputs.container.secrets,
        mountPoints: inputs.storageBackend === "efs"
            ? [{ sourceVolume: STORAGE_VOLUME_NAME, containerPath: ORTHANC_STORAGE_DIRECTORY, readOnly: false }]
            : [],
        ...(inputs.healthCheck !== undefined ? { healthCheck: inputs.healthCheck } : {}),
        ...(inputs.startsAfterHealthy !== undefined ? { dependsOn: [{ containerName: inputs.startsAfterHealthy, condition: "HEALTHY" }] } : {}),
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
