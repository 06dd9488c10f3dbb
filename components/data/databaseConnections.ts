/**
 * How many connections an RDS for PostgreSQL instance admits by default, estimated from its instance class, so
 * that `IndexConnectionsCount` × tasks stays below it. RDS sets `max_connections` to
 * LEAST(DBInstanceClassMemory / 9531392, 5000); DBInstanceClassMemory is the nominal memory less what the OS and
 * RDS keep, so the estimate takes three quarters of the nominal memory.
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html#RDS_Limits.MaxConnections
 */

const BYTES_PER_CONNECTION = 9_531_392;
const RDS_CONNECTION_CEILING = 5000;
const USABLE_MEMORY_SHARE = 0.75;

/** Used when the class is not recognised: what a 1 GiB instance admits. */
export const FALLBACK_MAX_CONNECTIONS = 80;

/** Burstable classes below `large` by their size. */
const SMALL_SIZES_GIB: Record<string, number> = { micro: 1, small: 2, medium: 4 };

/** GiB of memory per vCPU by family letter: general purpose, memory optimised, memory intensive. */
const GIB_PER_VCPU: Record<string, number> = { t: 4, m: 4, r: 8, x: 16 };

/** vCPUs of `large`, `xlarge`, `Nxlarge`. */
function vcpus(size: string): number | undefined {
    if (size === "large") return 2;
    const match = /^(\d*)xlarge$/.exec(size);
    return match ? 4 * Number(match[1] === "" ? 1 : match[1]) : undefined;
}

/** Nominal memory of `db.<family>.<size>` in GiB, or undefined for a class this table does not know. */
export function instanceClassMemoryGiB(instanceClass: string): number | undefined {
    const match = /^db\.([a-z])[a-z0-9-]*\.([a-z0-9]+)$/.exec(instanceClass);
    if (match === null) return undefined;
    const [, familyLetter, size] = match;
    if (familyLetter === "t" && size in SMALL_SIZES_GIB) return SMALL_SIZES_GIB[size];
    const perVcpu = GIB_PER_VCPU[familyLetter];
    const count = vcpus(size);
    return perVcpu !== undefined && count !== undefined ? perVcpu * count : undefined;
}

/** A conservative estimate of the instance's default `max_connections`. */
export function estimatedMaxConnections(instanceClass: string): number {
    const memoryGiB = instanceClassMemoryGiB(instanceClass);
    if (memoryGiB === undefined) return FALLBACK_MAX_CONNECTIONS;
    const usableBytes = memoryGiB * 1024 ** 3 * USABLE_MEMORY_SHARE;
    return Math.min(Math.floor(usableBytes / BYTES_PER_CONNECTION), RDS_CONNECTION_CEILING);
}
