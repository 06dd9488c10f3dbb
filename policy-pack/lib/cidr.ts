/** Address ranges parsed from CIDR notation, to tell internet-wide sources from network-local ones. */

interface Range {
    version: 4 | 6;
    /** The network address, host bits cleared. */
    network: bigint;
    prefix: number;
}

const BITS = { 4: 32, 6: 128 } as const;

/** IPv4 prefixes at or below which a range counts as internet-wide; IPv6 likewise. */
export const INTERNET_WIDE_PREFIX = { 4: 8, 6: 16 } as const;

/** Private ranges that may be this short: RFC 1918 10/8, IPv6 unique-local fc00::/7 and link-local fe80::/10. */
const PRIVATE_RANGES: readonly Range[] = [
    { version: 4, network: 0x0a000000n, prefix: 8 },
    { version: 6, network: 0xfcn << 120n, prefix: 7 },
    { version: 6, network: 0xfe80n << 112n, prefix: 10 },
];

/** IPv4-mapped IPv6 addresses (::ffff:0:0/96) stand for the IPv4 internet. */
const IPV4_MAPPED: Range = { version: 6, network: 0xffffn << 32n, prefix: 96 };

function parseIpv4(text: string): bigint | undefined {
    const parts = text.split(".");
    if (parts.length !== 4 || !parts.every(part => /^\d{1,3}$/.test(part) && Number(part) <= 255)) {
        return undefined;
    }
    return parts.reduce((value, part) => (value << 8n) | BigInt(Number(part)), 0n);
}

function parseGroups(text: string): bigint[] | undefined {
    if (text === "") {
        return [];
    }
    const groups = text.split(":");
    const last = groups[groups.length - 1];
    const values: bigint[] = [];
    for (const group of groups.slice(0, -1)) {
        if (!/^[0-9a-f]{1,4}$/i.test(group)) {
            return undefined;
        }
        values.push(BigInt(`0x${group}`));
    }
    if (last.includes(".")) {
        const ipv4 = parseIpv4(last);
        return ipv4 === undefined ? undefined : [...values, ipv4 >> 16n, ipv4 & 0xffffn];
    }
    return /^[0-9a-f]{1,4}$/i.test(last) ? [...values, BigInt(`0x${last}`)] : undefined;
}

/** Every spelling of an IPv6 address: full, `::`-compressed, with leading zeros, with an embedded IPv4 tail. */
function parseIpv6(text: string): bigint | undefined {
    const halves = text.split("::");
    if (halves.length > 2) {
        return undefined;
    }
    const head = parseGroups(halves[0]);
    const tail = halves.length === 2 ? parseGroups(halves[1]) : [];
    if (head === undefined || tail === undefined) {
        return undefined;
    }
    const missing = 8 - head.length - tail.length;
    if (halves.length === 2 ? missing < 1 : missing !== 0) {
        return undefined;
    }
    return [...head, ...Array<bigint>(missing).fill(0n), ...tail].reduce((value, group) => (value << 16n) | group, 0n);
}

/** Parses `address/prefix` (IPv4 or IPv6); undefined when it is not a CIDR block. */
export function parseCidr(cidr: string): Range | undefined {
    const match = /^([^/]+)\/(\d{1,3})$/.exec(cidr.trim());
    if (match === null) {
        return undefined;
    }
    const version = match[1].includes(":") ? 6 : 4;
    const address = version === 4 ? parseIpv4(match[1]) : parseIpv6(match[1]);
    const prefix = Number(match[2]);
    if (address === undefined || prefix > BITS[version]) {
        return undefined;
    }
    const hostBits = BigInt(BITS[version] - prefix);
    return { version, network: (address >> hostBits) << hostBits, prefix };
}

function within(range: Range, outer: Range): boolean {
    const shift = BigInt(BITS[outer.version] - outer.prefix);
    return range.version === outer.version && range.prefix >= outer.prefix
        && range.network >> shift === outer.network >> shift;
}

/**
 * True when the CIDR opens to the internet at large: IPv4 prefixes up to /8 and IPv6 up to /16 (`0.0.0.0/0`,
 * `0.0.0.0/1`, `::0/0`, `0:0::/0`, ...), IPv4-mapped IPv6 ranges judged as their IPv4 range, unless the range lies
 * inside a private range (10.0.0.0/8, fc00::/7, fe80::/10). Text that is no CIDR is not a range AWS would accept.
 */
export function isInternetWide(cidr: string): boolean {
    let range = parseCidr(cidr);
    if (range !== undefined && range.version === 6 && within(range, IPV4_MAPPED)) {
        range = { version: 4, network: range.network & 0xffffffffn, prefix: range.prefix - IPV4_MAPPED.prefix };
    }
    return range !== undefined
        && range.prefix <= INTERNET_WIDE_PREFIX[range.version]
        && !PRIVATE_RANGES.some(privateRange => within(range, privateRange));
}

/** RFC 1918 private IPv4 space: 10/8, 172.16/12, 192.168/16. */
const RFC1918_RANGES: readonly Range[] = [
    { version: 4, network: 0x0a000000n, prefix: 8 },
    { version: 4, network: 0xac100000n, prefix: 12 },
    { version: 4, network: 0xc0a80000n, prefix: 16 },
];

/** True when the CIDR is an IPv4 range wholly inside RFC 1918 private space. */
export function isRfc1918(cidr: string): boolean {
    const range = parseCidr(cidr);
    return range !== undefined && RFC1918_RANGES.some(privateRange => within(range, privateRange));
}
