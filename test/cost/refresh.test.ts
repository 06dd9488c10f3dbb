/** The price refresh against small offer files in AWS's format (test/fixtures/offers). */
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { PRICE_TABLE, PriceTable } from "../../components/cost";
import { OfferProduct, OfferScanner, OnDemandTerms } from "../../tools/prices/offerFile";
import { baseUsageType, formatPriceTable, OfferSource, onDemandPrice, refreshRegion } from "../../tools/prices/refresh";
import { PROJECT_DIR } from "../../tools/offline/evaluate";

const OFFERS = path.join(PROJECT_DIR, "test", "fixtures", "offers");

/** Offer files from the fixtures, read in 7-character chunks so that members straddle chunk boundaries. */
const fixtures: OfferSource = async (offer, region) => {
    const file = path.join(OFFERS, offer, region, "index.json");
    if (!fs.existsSync(file)) return undefined;
    const text = fs.readFileSync(file, "utf8");
    return (async function* chunks() {
        for (let at = 0; at < text.length; at += 7) yield text.slice(at, at + 7);
    })();
};

function scan(text: string): { products: Record<string, OfferProduct>; terms: Record<string, OnDemandTerms> } {
    const found = { products: {} as Record<string, OfferProduct>, terms: {} as Record<string, OnDemandTerms> };
    const scanner = new OfferScanner({
        product: (sku, product) => { found.products[sku] = product; },
        onDemand: (sku, terms) => { found.terms[sku] = terms; },
    });
    scanner.write(text);
    return found;
}

describe("cost: the price refresh", () => {
    const fixture = fs.readFileSync(path.join(OFFERS, "AmazonEC2", "us-east-1", "index.json"), "utf8");

    it("streams every product and on-demand term of an offer file, pretty-printed or compact, and skips reserved terms", () => {
        const document = JSON.parse(fixture);
        const pretty = scan(fixture);
        assert.deepEqual(pretty.products, document.products);
        assert.deepEqual(pretty.terms, document.terms.OnDemand);
        assert.deepEqual(scan(JSON.stringify(document)), pretty);
    });

    it("takes the lowest paid tier in the entry's unit", () => {
        const tiered: OnDemandTerms = {
            T: { priceDimensions: {
                free: { unit: "GB", beginRange: "0", endRange: "100", pricePerUnit: { USD: "0.0000000000" } },
                second: { unit: "GB", beginRange: "10240", endRange: "51200", pricePerUnit: { USD: "0.0850000000" } },
                first: { unit: "GB", beginRange: "100", endRange: "10240", pricePerUnit: { USD: "0.0900000000" } },
                other: { unit: "Hrs", beginRange: "0", pricePerUnit: { USD: "1.0000000000" } },
            } },
        };
        assert.equal(onDemandPrice(tiered, "GB"), 0.09);
        assert.equal(onDemandPrice(tiered, "Requests"), undefined);
    });

    it("compares usage types without their region code", () => {
        assert.deepEqual(["EU-NatGateway-Hours", "USE1-Fargate-GB-Hours", "EUW2-BoxUsage:m6i.large", "KMS-Keys", "Multi-AZUsage:db.t4g.medium"].map(baseUsageType),
            ["NatGateway-Hours", "Fargate-GB-Hours", "BoxUsage:m6i.large", "KMS-Keys", "Multi-AZUsage:db.t4g.medium"]);
    });

    it("updates the entries an offer file prices (Linux, shared, used capacity only) and keeps and reports the rest", async () => {
        const result = await refreshRegion(PRICE_TABLE, "us-east-1", fixtures, "2027-01-15");
        const region = result.table.regions["us-east-1"];
        assert.equal(result.table.asOf, "2027-01-15");
        assert.equal(region["natGateway.hour"].usd, 0.05);
        assert.equal(region["ec2.m6i.large.hour"].usd, 0.1); // not Windows 0.188, reserved capacity 0.096 or SQL 0.5
        assert.deepEqual(result.changes, [
            { key: "natGateway.hour", from: 0.045, to: 0.05 },
            { key: "ec2.m6i.large.hour", from: 0.096, to: 0.1 },
        ]);
        assert.equal(region["kms.key.month"].usd, PRICE_TABLE.regions["us-east-1"]["kms.key.month"].usd);
        assert.ok(result.unmatched.some((entry) => entry.key === "kms.key.month" && entry.reason === "no awskms offer file for us-east-1"));
        assert.ok(result.unmatched.some((entry) => entry.key === "ec2.t3.medium.hour" && /no on-demand Hrs price/.test(entry.reason)));
        assert.deepEqual(Object.keys(region), Object.keys(PRICE_TABLE.regions["us-east-1"]));
    });

    it("adds a new region with only what its offer files price, under that region's usage types", async () => {
        const result = await refreshRegion(PRICE_TABLE, "eu-west-1", fixtures, "2027-01-15");
        assert.deepEqual(result.table.regions["eu-west-1"], {
            "natGateway.hour": { ...PRICE_TABLE.regions["us-east-1"]["natGateway.hour"], usd: 0.048, usageType: "EU-NatGateway-Hours" },
            "natGateway.gb": { ...PRICE_TABLE.regions["us-east-1"]["natGateway.gb"], usd: 0.045, usageType: "EU-NatGateway-Bytes" },
            "ec2.m6i.large.hour": { ...PRICE_TABLE.regions["us-east-1"]["ec2.m6i.large.hour"], usd: 0.1, usageType: "EU-BoxUsage:m6i.large" },
            "ebs.gp3.gbMonth": { ...PRICE_TABLE.regions["us-east-1"]["ebs.gp3.gbMonth"], usd: 0.08, usageType: "EU-EBS:VolumeUsage.gp3" },
        });
        assert.deepEqual(result.table.regions["us-east-1"], PRICE_TABLE.regions["us-east-1"]);
    });

    it("writes the table in the committed layout: formatting the committed table reproduces its file", () => {
        const committed = fs.readFileSync(path.join(PROJECT_DIR, "components", "cost", "awsPrices.json"), "utf8");
        assert.equal(formatPriceTable(PRICE_TABLE), committed);
        const reparsed = JSON.parse(formatPriceTable(PRICE_TABLE)) as PriceTable;
        assert.deepEqual(reparsed, PRICE_TABLE);
    });

    it("the committed table is dated, sourced, and gives every entry a positive price, a unit, an offer and a usage type", () => {
        assert.match(PRICE_TABLE.asOf, /^\d{4}-\d{2}-\d{2}$/);
        assert.match(PRICE_TABLE.source, /pricing\.us-east-1\.amazonaws\.com\/offers\/v1\.0\/aws/);
        for (const [region, entries] of Object.entries(PRICE_TABLE.regions)) {
            for (const [key, entry] of Object.entries(entries)) {
                assert.ok(entry.usd > 0 && entry.unit && entry.offer && entry.usageType, `${region} ${key}`);
            }
        }
    });
});
