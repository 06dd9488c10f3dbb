/**
 * The dated price table (awsPrices.json: on-demand list prices per region, each with the offer file and usage
 * type it comes from) and the lookup every cost figure goes through. A price the table lacks is recorded, never
 * read as zero: the estimate reports it.
 */
import table from "./awsPrices.json";

export interface PriceEntry {
    /** Price in USD per `unit` of the offer file. */
    usd: number;
    unit: string;
    /** Price List offer code (`AmazonEC2`) and the product's `usagetype` attribute in that offer's regional file. */
    offer: string;
    usageType: string;
    /** Further attributes that single out the product when the usage type is shared (ELB, EC2, RDS). */
    productFamily?: string;
    operatingSystem?: string;
    databaseEngine?: string;
    note?: string;
}

export interface PriceTable {
    currency: string;
    /** Date the figures were taken (curated or refreshed). */
    asOf: string;
    source: string;
    regions: Record<string, Record<string, PriceEntry>>;
}

export const PRICE_TABLE: PriceTable = table;

/** Hours in a month as AWS's pricing pages and calculator count them (24 × 365 / 12). */
export const HOURS_PER_MONTH = 730;
/** Days in an average month, for lifecycle ages. */
export const DAYS_PER_MONTH = 365 / 12;

export function pricedRegions(priceTable: PriceTable = PRICE_TABLE): string[] {
    return Object.keys(priceTable.regions).sort();
}

/** Prices of one region; `price` records every key it cannot answer. */
export class RegionPrices {
    readonly missing = new Set<string>();
    private readonly entries: Record<string, PriceEntry> | undefined;

    constructor(readonly region: string, readonly priceTable: PriceTable = PRICE_TABLE) {
        this.entries = priceTable.regions[region];
    }

    get regionPriced(): boolean {
        return this.entries !== undefined;
    }

    /** The price of `key`, or undefined (recorded as missing) when the table has none for this region. */
    price(key: string): number | undefined {
        const entry = this.entries?.[key];
        if (entry === undefined) {
            this.missing.add(key);
            return undefined;
        }
        return entry.usd;
    }
}
