/** CIDR notation checks for the stack config (no network calls, no external library needed for this little). */

export interface Ipv4Cidr {
    address: number;
    prefix: number;
}

export function parseIpv4Cidr(text: string): Ipv4Cidr | undefined {
    const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
    if (!match) return undefined;
    const octets = match.slice(1, 5).map(Number);
    const prefix = Number(match[5]);
    if (octets.some((octet) => octet > 255) || prefix > 32) return undefined;
    const address = octets.reduce((acc, octet) => acc * 256 + octet, 0);
    const hostBits = 2 ** (32 - prefix);
    // A CIDR whose host bits are set (10.0.0.1/16) is almost always a typo: AWS would silently mask it.
    if (address % hostBits !== 0) return undefined;
    return { address, prefix };
}

export interface Ipv6Cidr {
    address: bigint;
    prefix: number;
}

/** Parses IPv6 CIDR notation (with `::` shortening); undefined when malformed or host bits are set. */
export function parseIpv6Cidr(text: string): Ipv6Cidr | undefined {
    const match = /^([0-9a-fA-F:]+)\/(\d{1,3})$/.exec(text);
    if (!match || Number(match[2]) > 128) return undefined;
    const halves = match[1].split("::");
    if (halves.length > 2) return undefined;
    const [head, tail] = halves.map((half) => (half === "" ? [] : half.split(":")));
    const groups = tail === undefined ? head : [...head, ...Array(8 - head.length - tail.length).fill("0"), ...tail];
    if (groups.length !== 8 || (tail !== undefined && head.length + tail.length > 7)) return undefined;
    if (!groups.every((group) => /^[0-9a-fA-F]{1,4}$/.test(group))) return undefined;
    const address = groups.reduce((acc, group) => (acc << 16n) | BigInt(parseInt(group, 16)), 0n);
    const prefix = Number(match[2]);
    const hostMask = (1n << BigInt(128 - prefix)) - 1n;
    if ((address & hostMask) !== 0n) return undefined;
    return { address, prefix };
}

/**
 * True for ranges that admit the whole internet or a large part of it: any IPv4 range of /8 or wider that is not
 * private (0.0.0.0/0, but also 0.0.0.0/1 + 128.0.0.0/1), and any IPv6 range of /16 or wider (::/0 in any spelling).
 */
export function isInternetWide(text: string): boolean {
    const ipv4 = parseIpv4Cidr(text);
    if (ipv4) return ipv4.prefix <= 8 && !isPrivateIpv4Range(ipv4);
    const ipv6 = parseIpv6Cidr(text);
    return ipv6 !== undefined && ipv6.prefix <= 16;
}

/** True when the whole range lies in RFC 1918 private space. */
export function isPrivateIpv4Range(cidr: Ipv4Cidr): boolean {
    const privateBlocks: Ipv4Cidr[] = [
        { address: 10 * 2 ** 24, prefix: 8 },
        { address: (172 * 256 + 16) * 2 ** 16, prefix: 12 },
        { address: (192 * 256 + 168) * 2 ** 16, prefix: 16 },
    ];
    return privateBlocks.some((block) => cidr.prefix >= block.prefix
        && Math.floor(cidr.address / 2 ** (32 - block.prefix)) === Math.floor(block.address / 2 ** (32 - block.prefix)));
}
