/** Reads and checks the `compute` section: launch type, task size and count, container hosts, image. */
import { parseImageReference } from "../components/compute/imageReference";
import { FARGATE_MEMORY_BY_CPU } from "./awsLimits";
import { instanceSize, isKnownInstanceType, SIZED_FAMILIES, taskCapacity, TASK_MEMORY_SHARE } from "./ec2InstanceSizes";
import { SectionReader } from "./fields";
import { ComputeConfig, ImageSource } from "./types";

/** Orthanc image used when `compute.image` is not set: orthancteam 26.8.1 = Orthanc 1.13.0, PostgreSQL plugin 10.3, DICOMweb 1.24, S3 plugin 2.5.4. */
export const DEFAULT_ORTHANC_IMAGE = "orthancteam/orthanc:26.8.1";

const DIGEST = "@sha256:[a-f0-9]{64}";
/** `[registry[:port]/]repository` then `:tag`, `@sha256:digest` or both (Docker reference grammar; one is required). */
const PINNED_IMAGE = new RegExp("^(?:[a-z0-9.-]+(?::\\d+)?/)?[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*"
    + `(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}(?:${DIGEST})?|${DIGEST})$`);

export function readCompute(section: SectionReader, keys: readonly string[]): ComputeConfig {
    section.rejectUnknown(keys);
    const launchType = section.enumOf("launchType", ["fargate", "ec2"] as const, "fargate");
    const compute: ComputeConfig = {
        launchType,
        instanceType: section.text("instanceType", /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/, "use an EC2 instance type such as m6i.large", "m6i.large"),
        cpu: section.integer("cpu", 128, 16384, 1024),
        memory: section.integer("memory", 512, 122880, 2048),
        desiredCount: section.integer("desiredCount", 1, 100, 2),
        minCount: section.integer("minCount", 1, 100, 2),
        maxCount: section.integer("maxCount", 1, 100, 4),
        image: section.text("image", PINNED_IMAGE,
            "use an image pinned by tag, digest or both, e.g. orthancteam/orthanc:26.8.1 or orthancteam/orthanc:26.8.1@sha256:<64 hex digits>", DEFAULT_ORTHANC_IMAGE),
        fargateSpot: section.boolean("fargateSpot", false),
        cpuArchitecture: section.enumOf("cpuArchitecture", ["x86_64", "arm64"] as const, "x86_64"),
        imageSource: readImageSource(section),
        pullThroughCacheCredentialArn: section.text("pullThroughCacheCredentialArn", /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:ecr-pullthroughcache\/[A-Za-z0-9/_+=.@-]+$/,
            "use the ARN of a Secrets Manager secret whose name starts with ecr-pullthroughcache/ (ECR reads no other)"),
        deployment: section.enumOf("deployment", ["rolling", "maintenance"] as const, "rolling"),
        maintenanceStartSeconds: section.integer("maintenanceStartSeconds", 300, 7200, 1800),
    };
    const image = parseImageReference(compute.image);
    if (image.tag === "latest" && image.digest === undefined) {
        section.problems.invalid(section.path("image"), compute.image, "pin a version tag or digest; `latest` changes under a running service");
    }
    if (launchType === "fargate") {
        const memories = FARGATE_MEMORY_BY_CPU.get(compute.cpu);
        if (!memories) section.problems.invalid(section.path("cpu"), compute.cpu, `Fargate accepts ${[...FARGATE_MEMORY_BY_CPU.keys()].join(", ")}`);
        else if (!memories.includes(compute.memory)) section.problems.invalid(section.path("memory"), compute.memory, `with compute.cpu ${compute.cpu} Fargate accepts ${memories.join(", ")}`);
    }
    if (section.has("instanceType") || launchType === "ec2") checkInstanceType(section, compute);
    if (compute.minCount > compute.desiredCount || compute.desiredCount > compute.maxCount) {
        section.problems.add(section.path("desiredCount"), `must satisfy compute.minCount (${compute.minCount}) ≤ compute.desiredCount (${compute.desiredCount}) ≤ compute.maxCount (${compute.maxCount})`);
    }
    return compute;
}

/** The type must exist (the provider's `InstanceType` enum) and, for EC2 hosts, hold one task after the agent's reserve. */
function checkInstanceType(section: SectionReader, compute: ComputeConfig): void {
    const setting = section.path("instanceType");
    if (!isKnownInstanceType(compute.instanceType)) {
        section.problems.invalid(setting, compute.instanceType, "use an EC2 instance type such as m6i.large (the AWS provider's aws.ec2.InstanceType list)");
        return;
    }
    const size = instanceSize(compute.instanceType);
    if (size === undefined) {
        section.problems.invalid(setting, compute.instanceType, `its vCPUs and memory are not in config/ec2InstanceSizes.ts, so the task's fit cannot be checked; use a size of ${SIZED_FAMILIES.join(", ")}`);
        return;
    }
    const capacity = taskCapacity(size);
    if (compute.launchType === "ec2" && (compute.cpu > capacity.cpu || compute.memory > capacity.memory)) {
        section.problems.invalid(setting, compute.instanceType,
            `it offers tasks ${capacity.cpu} CPU units and ${capacity.memory} MiB (${size.vcpus} vCPUs, ${size.memoryMib} MiB, ${Math.round((1 - TASK_MEMORY_SHARE) * 100)} % kept for the ECS agent and system), `
            + `less than the task's compute.cpu ${compute.cpu} and compute.memory ${compute.memory}; choose a larger type or a smaller task`);
    }
}

/** `compute.imageSource`, or the old `compute.mirrorImage` it replaces (true = mirror, false = pulled as named). */
function readImageSource(section: SectionReader): ImageSource {
    const sources = ["mirror", "pullThroughCache", "registry"] as const;
    if (section.has("mirrorImage")) {
        const mirror = section.boolean("mirrorImage", true);
        if (section.has("imageSource")) section.problems.add(section.path("mirrorImage"), `was replaced by ${section.path("imageSource")}; remove it`);
        return section.enumOf("imageSource", sources, mirror ? "mirror" : "registry");
    }
    return section.enumOf("imageSource", sources, "mirror");
}
