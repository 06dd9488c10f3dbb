/**
 * Refreshes the price table from AWS Price List offer files: each entry names its offer and usage type; the
 * product with that usage type (and the entry's other attributes) gives its on-demand USD price in the entry's
 * unit. Entries nothing matches keep their curated price and are reported.
 */
import { PriceEntry, PriceTable } from "../../components/cost";
import { OfferProduct, OfferScanner, OnDemandTerms } from "./offerFile";

/** The region whose entries are the template for a region the table does not have yet. */
export const TEMPLATE_REGION = "us-east-1";

/** Text chunks of `<offer>`'s regional offer file, or undefined when there is none to read. */
export type OfferSource = (offer: string, region: string) => Promise<AsyncIterable<string> | undefined>;

export interface PriceChange {
    key: string;
    from: number | undefined;
    to: number;
}

export interface RefreshResult {
    table: PriceTable;
    changes: PriceChange[];
    /** Entries kept as they were, and why. */
    unmatched: { key: string; reason: string }[];
}

/** Usage types carry a region code in most regions (`EUW1-`, `USE1-`, `EU-`); us-east-1 often has none. */
const REGION_CODE_PREFIX = /^(?:US[EW]\d|CAN\d|CAW\d|EU[CNSW]?\d?|AP[NSE]\d|SAE\d|ME[SC]\d|AFS\d|ILC\d|MXC\d|UG[EW]\d?)-/;

export function baseUsageType(usageType: string): string {
    return usageType.replace(REGION_CODE_PREFIX, "");
}

/** Shared-tenancy, on-demand, no pre-installed software, no bring-your-own licence: the list price this table means. */
export function productMatches(entry: PriceEntry, product: OfferProduct): boolean {
    const attributes = product.attributes ?? {};
    if (attributes.usagetype === undefined || baseUsageType(attributes.usagetype) !== baseUsageType(entry.usageType)) return false;
    if (entry.productFamily !== undefined && product.productFamily !== entry.productFamily) return false;
    if (entry.operatingSystem !== undefined && attributes.operatingSystem !== entry.operatingSystem) return false;
    if (entry.databaseEngine !== undefined && attributes.databaseEngine !== entry.databaseEngine) return false;
    const absentOr = (name: string, value: string) => attributes[name] === undefined || attributes[name] === value;
    return absentOr("tenancy", "Shared") && absentOr("preInstalledSw", "NA") && absentOr("capacitystatus", "Used")
        && attributes.licenseModel !== "Bring your own license";
}

/** The lowest tier with a price: the first paid tier where the first units are free. */
export function onDemandPrice(terms: OnDemandTerms, unit: string): number | undefined {
    const dimensions = Object.values(terms).flatMap((term) => Object.values(term.priceDimensions ?? {}))
        .filter((dimension) => dimension.unit.toLowerCase() === unit.toLowerCase())
        .map((dimension) => ({ begin: Number(dimension.beginRange ?? 0), usd: Number(dimension.pricePerUnit?.USD) }))
        .filter((dimension) => Number.isFinite(dimension.usd) && dimension.usd > 0)
        .sort((a, b) => a.begin - b.begin);
    return dimensions[0]?.usd;
}

export async function refreshRegion(table: PriceTable, region: string, source: OfferSource, asOf: string): Promise<RefreshResult> {
    const current = table.regions[region] ?? table.regions[TEMPLATE_REGION];
    const refreshed: Record<string, PriceEntry> = {};
    const changes: PriceChange[] = [];
    const unmatched: { key: string; reason: string }[] = [];
    const offers = [...new Set(Object.values(current).map((entry) => entry.offer))].sort();
    for (const offer of offers) {
        const entries = Object.entries(current).filter(([, entry]) => entry.offer === offer);
        const chunks = await source(offer, region);
        const found = chunks ? await scanOffer(chunks, entries) : new Map<string, Found[]>();
        for (const [key, entry] of entries) {
            const candidates = found.get(key) ?? [];
            const prices = [...new Set(candidates.map((candidate) => candidate.usd))];
            if (!chunks || prices.length !== 1) {
                unmatched.push({ key, reason: !chunks ? `no ${offer} offer file for ${region}` : prices.length === 0 ? `no on-demand ${entry.unit} price for usage type ${entry.usageType}` : `${candidates.length} products with different prices` });
                if (table.regions[region]) refreshed[key] = entry;
                continue;
            }
            const previous = table.regions[region]?.[key]?.usd;
            if (previous !== prices[0]) changes.push({ key, from: previous, to: prices[0] });
            refreshed[key] = { ...entry, usd: prices[0], usageType: candidates[0].usageType };
        }
    }
    const ordered = Object.fromEntries(Object.keys(current).filter((key) => refreshed[key]).map((key) => [key, refreshed[key]]));
    return { table: { ...table, asOf, regions: { ...table.regions, [region]: ordered } }, changes, unmatched };
}

interface Found {
    usd: number;
    usageType: string;
}

async function scanOffer(chunks: AsyncIterable<string>, entries: [string, PriceEntry][]): Promise<Map<string, Found[]>> {
    const wanted = new Map<string, { keys: string[]; usageType: string }>();
    const found = new Map<string, Found[]>();
    const scanner = new OfferScanner({
        product(sku, product) {
            const keys = entries.filter(([, entry]) => productMatches(entry, product)).map(([key]) => key);
            if (keys.length > 0) wanted.set(sku, { keys, usageType: product.attributes.usagetype });
        },
        onDemand(sku, terms) {
            const match = wanted.get(sku);
            if (!match) return;
            for (const key of match.keys) {
                const entry = entries.find(([candidate]) => candidate === key)![1];
                const usd = onDemandPrice(terms, entry.unit);
                if (usd !== undefined) found.set(key, [...(found.get(key) ?? []), { usd, usageType: match.usageType }]);
            }
        },
    });
    for await (const chunk of chunks) scanner.write(chunk);
    return found;
}

/** The committed layout: one line per entry, so a refresh reads as a diff of prices. */
export function formatPriceTable(table: PriceTable): string {
    const field = (value: unknown) => typeof value === "number" && !Number.isInteger(value) ? value.toFixed(12).replace(/0+$/, "") : JSON.stringify(value);
    const entry = (value: PriceEntry) => `{ ${Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${field(item)}`).join(", ")} }`;
    const regions = Object.entries(table.regions).map(([region, entries]) => `    ${JSON.stringify(region)}: {\n${Object.entries(entries)
        .map(([key, value]) => `      ${JSON.stringify(key)}: ${entry(value)}`).join(",\n")}\n    }`);
    return `{\n  "currency": ${JSON.stringify(table.currency)},\n  "asOf": ${JSON.stringify(table.asOf)},\n  "source": ${JSON.stringify(table.source)},\n  "regions": {\n${regions.join(",\n")}\n  }\n}\n`;
}
