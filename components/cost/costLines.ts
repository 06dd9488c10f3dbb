/** One priced line of the estimate: what is charged, how much a month, and the arithmetic behind it. */
import { RegionPrices } from "./priceTable";

export interface CostLine {
    label: string;
    /** USD a month; 0 with `missingPrice` set when the table has no price (reported, never silently free). */
    monthly: number;
    /** The quantity and the unit price, e.g. `3 NAT gateways × 730 h × $0.045`. */
    basis: string;
    missingPrice?: string;
}

/**
 * `quantity` units at the table's price for `key`; `quantityText` says what the quantity is (and the assumption
 * behind it, where one drives it).
 */
export function charge(prices: RegionPrices, label: string, quantity: number, key: string, quantityText: string): CostLine {
    const price = prices.price(key);
    if (price === undefined) {
        return { label, monthly: 0, basis: `${quantityText}: no price for "${key}" in ${prices.region}`, missingPrice: key };
    }
    return { label, monthly: quantity * price, basis: `${quantityText} × ${unitPrice(price)}` };
}

export function sumLines(lines: readonly CostLine[]): number {
    return lines.reduce((sum, line) => sum + line.monthly, 0);
}

/** `$1,234.56` */
export function usd(amount: number): string {
    return `$${amount.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** Unit prices keep their significant digits: `$0.004445`, `$0.0000002`. */
function unitPrice(price: number): string {
    return `$${price.toFixed(10).replace(/\.?0+$/, "")}`;
}

/** `2,190`, `12.5`, `0.25` */
export function quantity(value: number): string {
    return value.toLocaleString("en-US", { maximumFractionDigits: value < 10 ? 3 : 1 });
}
