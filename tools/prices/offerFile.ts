/**
 * Reads an AWS Price List offer file (https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/reading-an-offer.html)
 * as a stream: the regional EC2 file is several GB, too large for `JSON.parse`. A small scanner tracks strings and
 * nesting and parses each member of `products` and of `terms.OnDemand` on its own.
 */

export interface OfferProduct {
    sku: string;
    productFamily?: string;
    attributes: Record<string, string>;
}

export interface PriceDimension {
    unit: string;
    pricePerUnit: Record<string, string>;
    beginRange?: string;
    endRange?: string;
    description?: string;
}

/** `terms.OnDemand[sku]`: offer terms by code, each with its price dimensions by rate code. */
export type OnDemandTerms = Record<string, { priceDimensions: Record<string, PriceDimension> }>;

export interface OfferMembers {
    product(sku: string, product: OfferProduct): void;
    onDemand(sku: string, terms: OnDemandTerms): void;
}

/** Feeds text chunks; calls back for every product and every on-demand term set, in file order. */
export class OfferScanner {
    private readonly keys: (string | undefined)[] = [];
    private depth = 0;
    private inString = false;
    private escaped = false;
    private token = "";
    private lastString = "";
    private capture: { path: string[]; text: string; depth: number } | undefined;

    constructor(private readonly members: OfferMembers) {}

    write(chunk: string): void {
        for (const char of chunk) this.step(char);
    }

    private step(char: string): void {
        if (this.capture) this.capture.text += char;
        if (this.inString) {
            if (this.escaped) this.escaped = false;
            else if (char === "\\") this.escaped = true;
            else if (char === "\"") {
                this.inString = false;
                this.lastString = this.token;
            } else this.token += char;
            return;
        }
        if (char === "\"") {
            this.inString = true;
            this.token = "";
        } else if (char === ":") {
            this.keys[this.depth] = this.lastString;
            this.maybeStartCapture();
        } else if (char === "{" || char === "[") {
            this.depth += 1;
            this.keys[this.depth] = undefined;
        } else if (char === "}" || char === "]") {
            this.depth -= 1;
            // The bracket that closes the captured member's parent ends the member.
            if (this.capture && this.depth < this.capture.depth) this.emit(this.capture);
        } else if (char === "," && this.capture && this.depth === this.capture.depth) {
            this.emit(this.capture);
        }
    }

    /** After `"key":` at depth 2 under `products`, or depth 3 under `terms.OnDemand`. */
    private maybeStartCapture(): void {
        if (this.capture) return;
        const path = this.keys.slice(1, this.depth + 1) as string[];
        const wanted = (path.length === 2 && path[0] === "products") || (path.length === 3 && path[0] === "terms" && path[1] === "OnDemand");
        if (wanted) this.capture = { path, text: "", depth: this.depth };
    }

    /** The captured text ends with the `,` or bracket that ended the member. */
    private emit(capture: { path: string[]; text: string }): void {
        this.capture = undefined;
        const value = JSON.parse(capture.text.slice(0, -1));
        const sku = capture.path[capture.path.length - 1];
        if (capture.path[0] === "products") this.members.product(sku, value as OfferProduct);
        else this.members.onDemand(sku, value as OnDemandTerms);
    }
}
