/**
 * vCPUs and memory of the EC2 instance types a container host may be, as data, and what of them the ECS agent
 * offers to tasks. Curated from the EC2 instance-type specifications:
 * https://docs.aws.amazon.com/ec2/latest/instancetypes/gp.html (general purpose: m, t),
 * https://docs.aws.amazon.com/ec2/latest/instancetypes/co.html (compute optimized: c),
 * https://docs.aws.amazon.com/ec2/latest/instancetypes/mo.html (memory optimized: r).
 * In these families memory is a fixed multiple of the vCPUs and `<n>xlarge` has 4·n vCPUs; `metal` sizes vary and
 * are left out. Only sizes the provider's `InstanceType` enum lists are kept (test/foundation/ec2InstanceSizes.test.ts).
 */
import * as aws from "@pulumi/aws";

export interface InstanceSize {
    vcpus: number;
    memoryMib: number;
}

/** GiB of memory per vCPU, by family (current generations, x86 and Graviton). */
const MEMORY_GIB_PER_VCPU: Record<string, number> = Object.fromEntries([
    ...["m5", "m5a", "m6i", "m6a", "m6g", "m7i", "m7a", "m7g", "m8g"].map((family) => [family, 4]),
    ...["c5", "c5a", "c6i", "c6a", "c6g", "c7i", "c7a", "c7g", "c8g"].map((family) => [family, 2]),
    ...["r5", "r5a", "r6i", "r6a", "r6g", "r7i", "r7a", "r7g", "r8g"].map((family) => [family, 8]),
]);

/** Burstable families: fixed per size, not per vCPU (gp.html, "T3", "T3a", "T4g"). */
const BURSTABLE_SIZES: Record<string, InstanceSize> = {
    nano: { vcpus: 2, memoryMib: 512 },
    micro: { vcpus: 2, memoryMib: 1024 },
    small: { vcpus: 2, memoryMib: 2048 },
    medium: { vcpus: 2, memoryMib: 4096 },
    large: { vcpus: 2, memoryMib: 8192 },
    xlarge: { vcpus: 4, memoryMib: 16384 },
    "2xlarge": { vcpus: 8, memoryMib: 32768 },
};
const BURSTABLE_FAMILIES = ["t3", "t3a", "t4g"];

function vcpusOfSize(size: string): number | undefined {
    if (size === "medium") return 1;
    if (size === "large") return 2;
    if (size === "xlarge") return 4;
    const multiple = /^(\d+)xlarge$/.exec(size);
    return multiple ? 4 * Number(multiple[1]) : undefined;
}

const PROVIDER_INSTANCE_TYPES: ReadonlySet<string> = new Set(Object.values(aws.ec2.InstanceType));

/** Whether the installed provider knows the instance type (its `aws.ec2.InstanceType` enum). */
export function isKnownInstanceType(instanceType: string): boolean {
    return PROVIDER_INSTANCE_TYPES.has(instanceType);
}

/** The families this table sizes, for error messages. */
export const SIZED_FAMILIES: readonly string[] = [...Object.keys(MEMORY_GIB_PER_VCPU), ...BURSTABLE_FAMILIES];

/** vCPUs and memory of an instance type, or undefined when the table does not size it. */
export function instanceSize(instanceType: string): InstanceSize | undefined {
    if (!isKnownInstanceType(instanceType)) return undefined;
    const [family, size] = instanceType.split(".");
    if (BURSTABLE_FAMILIES.includes(family)) return BURSTABLE_SIZES[size];
    const perVcpu = MEMORY_GIB_PER_VCPU[family];
    const vcpus = vcpusOfSize(size);
    return perVcpu === undefined || vcpus === undefined ? undefined : { vcpus, memoryMib: vcpus * perVcpu * 1024 };
}

/**
 * Share of an instance's memory left to tasks. The ECS agent registers less than the installed memory (kernel and
 * platform overhead: 7,985 of 8,192 MiB on an m4.large) and AWS recommends keeping 5 % for the agent and system
 * processes (ECS_RESERVED_MEMORY): https://docs.aws.amazon.com/AmazonECS/latest/developerguide/memory-management.html,
 * https://docs.aws.amazon.com/batch/latest/userguide/ecs-reserved-memory.html
 */
export const TASK_MEMORY_SHARE = 0.95;
/** CPU units per vCPU the agent registers (all of them). */
export const CPU_UNITS_PER_VCPU = 1024;

/** CPU units and MiB of memory a container host of this size offers to tasks. */
export function taskCapacity(size: InstanceSize): { cpu: number; memory: number } {
    return { cpu: size.vcpus * CPU_UNITS_PER_VCPU, memory: Math.floor(size.memoryMib * TASK_MEMORY_SHARE) };
}
