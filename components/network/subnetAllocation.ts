/**
 * Subnet CIDR blocks per availability zone, allocated exactly as awsx's `Vpc` with `subnetStrategy: "Auto"` did for
 * this program (pulumi/pulumi-awsx awsx/ec2/subnetDistributorNew.ts, allocateSubnetCidrBlocks, at e60adf3): each AZ
 * gets an equal, aligned block of the VPC (prefix + ceil(log2(AZs))); inside it the tiers follow in the order given,
 * each at the first address aligned to its own size after the previous one. Same blocks mean an `up` from the awsx
 * version keeps every subnet (and the database's subnet group) in place.
 *
 * awsx checked only that the tiers' sizes add up to an AZ's block, not that the aligned layout fits: with 3 AZs
 * public /21 + private /19 + isolated /21 run past a /18 and the first AZ's isolated subnet lands on the second AZ's
 * public one, which AWS refuses (InvalidSubnet.Conflict). No stack can exist with that layout, so there the tiers
 * are placed largest first, which always fits when the sizes do (power-of-two blocks, descending, pack exactly).
 */
import { SubnetMasks } from "./networkLayout";

export type SubnetTier = keyof SubnetMasks;
/** The awsx spec order of this program: public, private, isolated. */
export const SUBNET_TIERS: readonly SubnetTier[] = ["public", "private", "isolated"];

function parseIpv4(cidr: string): { base: number; prefix: number } {
    const [address, prefix] = cidr.split("/");
    const octets = address.split(".").map(Number);
    if (octets.length !== 4 || octets.some(o => !Number.isInteger(o) || o < 0 || o > 255) || !/^\d+$/.test(prefix ?? "")) {
        throw new Error(`not an IPv4 CIDR block: ${cidr}`);
    }
    const base = octets.reduce((acc, o) => acc * 256 + o, 0);
    return { base: base - (base % 2 ** (32 - Number(prefix))), prefix: Number(prefix) };
}

function formatIpv4(address: number, prefix: number): string {
    const octets = [24, 16, 8, 0].map(shift => Math.floor(address / 2 ** shift) % 256);
    return `${octets.join(".")}/${prefix}`;
}

/** The first block of size `prefix` that starts after the block containing `lastAddress` (awsx nextNetmask). */
function nextAligned(lastAddress: number, prefix: number): number {
    const size = 2 ** (32 - prefix);
    return lastAddress - (lastAddress % size) + size;
}

/** Start addresses of the tiers placed in `order` from `azBase`, and the last address used. */
function place(azBase: number, order: readonly SubnetTier[], masks: SubnetMasks): { starts: Record<SubnetTier, number>; last: number } {
    let last: number | undefined;
    const starts = {} as Record<SubnetTier, number>;
    for (const tier of order) {
        starts[tier] = last === undefined ? azBase : nextAligned(last, masks[tier]);
        last = starts[tier] + 2 ** (32 - masks[tier]) - 1;
    }
    return { starts, last: last! };
}

/** `[az][tier]` CIDR blocks. Throws when the tiers do not fit in an AZ's block (awsx refused such layouts too). */
export function allocateSubnets(vpcCidr: string, azCount: number, masks: SubnetMasks): Record<SubnetTier, string>[] {
    const vpc = parseIpv4(vpcCidr);
    const azPrefix = vpc.prefix + Math.ceil(Math.log2(azCount));
    const azSize = 2 ** (32 - azPrefix);
    const needed = SUBNET_TIERS.reduce((sum, tier) => sum + 2 ** (32 - masks[tier]), 0);
    if (needed > azSize) {
        throw new Error(`subnets need ${needed} addresses per AZ; an AZ's block of ${vpcCidr} has ${azSize}`);
    }
    const awsxOrder = place(vpc.base, SUBNET_TIERS, masks);
    const order = awsxOrder.last < vpc.base + azSize ? SUBNET_TIERS : [...SUBNET_TIERS].sort((a, b) => masks[a] - masks[b]);
    return Array.from({ length: azCount }, (_, az) => {
        const { starts } = place(vpc.base + az * azSize, order, masks);
        return Object.fromEntries(SUBNET_TIERS.map(tier => [tier, formatIpv4(starts[tier], masks[tier])])) as Record<SubnetTier, string>;
    });
}
