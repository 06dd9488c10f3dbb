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

export function isIpv6Cidr(text: string): boolean {
    const match = /^([0-9a-fA-F:]+)\/(\d{1,3})$/.exec(text);
    if (!match || Number(match[2]) > 128) return false;
    const address = match[1];
    const halves = address.split("::");
    if (halves.length > 2) return false;
    const groups = halves.flatMap((half) => (half === "" ? [] : half.split(":")));
    if (!groups.every((group) => /^[0-9a-fA-F]{1,4}$/.test(group))) return false;
    return halves.length === 2 ? groups.length < 8 : groups.length === 8;
}

/** True for ranges that admit every address: 0.0.0.0/0 or ::/0. */
export function isAnyAddress(text: string): boolean {
    return text === "0.0.0.0/0" || text === "::/0";
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
