import * as assert from "assert";
import { isInternetWide, parseCidr } from "../../policy-pack/lib/cidr";

describe("CIDR ranges open to the internet", () => {
    it("treats every spelling of the whole IPv4 and IPv6 internet as internet-wide", () => {
        for (const cidr of ["0.0.0.0/0", "::/0", "::0/0", "0::0/0", "0:0:0:0:0:0:0:0/0", "0000:0000::/0", "::0.0.0.0/0", " ::/0 "]) {
            assert.ok(isInternetWide(cidr), cidr);
        }
    });

    it("treats public IPv4 ranges up to /8 and IPv6 ranges up to /16 as internet-wide", () => {
        for (const cidr of ["0.0.0.0/1", "128.0.0.0/1", "52.0.0.0/8", "10.0.0.0/7", "11.0.0.0/8", "8000::/1", "2000::/3",
            "2001::/16", "::ffff:0.0.0.0/96", "::ffff:0:0/97", "52.1.2.3/8"]) {
            assert.ok(isInternetWide(cidr), cidr);
        }
    });

    it("leaves narrower ranges, private ranges and non-CIDR text alone", () => {
        for (const cidr of ["10.0.0.0/8", "10.1.0.0/16", "52.0.0.0/9", "203.0.113.0/24", "172.16.0.0/12", "192.168.0.0/16",
            "fc00::/7", "fd00::/8", "fe80::/10", "2001:db8::/32", "2001::/17", "::ffff:10.0.0.0/104", "::ffff:52.0.0.0/105",
            "sg-123", "pl-123", "0.0.0.0", "300.0.0.0/8", "1::2::3/0", "0.0.0.0/33", "::/129", "1:2:3:4:5:6:7:8:9/0"]) {
            assert.ok(!isInternetWide(cidr), cidr);
        }
    });

    it("clears host bits and reads compressed IPv6 addresses", () => {
        assert.deepStrictEqual(parseCidr("10.1.2.3/8"), { version: 4, network: 0x0a000000n, prefix: 8 });
        assert.deepStrictEqual(parseCidr("fe80::1/10"), { version: 6, network: 0xfe80n << 112n, prefix: 10 });
        assert.deepStrictEqual(parseCidr("1:0:0:0:0:0:0:2/128"), parseCidr("1::2/128"));
    });
});
