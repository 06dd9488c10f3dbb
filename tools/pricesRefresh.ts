/**
 * `npm run prices:refresh -- [--region <code>] [--offers <dir>]`: rewrites components/cost/awsPrices.json from the
 * AWS Price List offer files, downloaded from pricing.us-east-1.amazonaws.com or read from
 * `<dir>/<offer>/<region>/index.json`. Prints what changed and what it could not match; review the diff.
 */
import * as fs from "fs";
import * as https from "https";
import * as path from "path";
import { PRICE_TABLE } from "../components/cost";
import { parseCliArgs } from "./cliArgs";
import { formatPriceTable, OfferSource, refreshRegion } from "./prices/refresh";
import { PROJECT_DIR } from "./offline/evaluate";

const TABLE_FILE = path.join(PROJECT_DIR, "components", "cost", "awsPrices.json");
const OFFER_URL = (offer: string, region: string) => `https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/${offer}/current/${region}/index.json`;

function fileSource(directory: string): OfferSource {
    return async (offer, region) => {
        const file = path.join(directory, offer, region, "index.json");
        return fs.existsSync(file) ? fs.createReadStream(file, { encoding: "utf8" }) : undefined;
    };
}

const downloadSource: OfferSource = (offer, region) => new Promise((resolve, reject) => {
    https.get(OFFER_URL(offer, region), (response) => {
        if (response.statusCode === 404 || response.statusCode === 403) {
            response.resume();
            resolve(undefined);
        } else if (response.statusCode !== 200) {
            response.resume();
            reject(new Error(`${OFFER_URL(offer, region)} answered ${response.statusCode}`));
        } else {
            response.setEncoding("utf8");
            resolve(response);
        }
    }).on("error", (error) => reject(new Error(`cannot reach the AWS price list (${error.message}); run where pricing.us-east-1.amazonaws.com is reachable, or pass --offers <dir>`)));
});

const USAGE = "usage: npm run prices:refresh -- [--region <code>] [--offers <dir>]";

function cliOptions(): Record<string, string | boolean | undefined> {
    try {
        return parseCliArgs(process.argv.slice(2), { region: "string", offers: "string" }, USAGE).options;
    } catch (error) {
        console.error((error as Error).message.replace(/\n/g, "; "));
        return process.exit(2);
    }
}

async function main(): Promise<number> {
    const options = cliOptions();
    const regions = options.region ? [options.region as string] : Object.keys(PRICE_TABLE.regions);
    const source = options.offers ? fileSource(options.offers as string) : downloadSource;
    let table = PRICE_TABLE;
    const asOf = new Date().toISOString().slice(0, 10);
    for (const region of regions) {
        const result = await refreshRegion(table, region, source, asOf);
        table = result.table;
        for (const change of result.changes) console.log(`${region} ${change.key}: ${change.from ?? "new"} → ${change.to}`);
        for (const entry of result.unmatched) console.log(`${region} ${entry.key}: kept (${entry.reason})`);
        console.log(`${region}: ${result.changes.length} changed, ${result.unmatched.length} kept unmatched`);
    }
    fs.writeFileSync(TABLE_FILE, formatPriceTable(table));
    console.log(`wrote ${path.relative(process.cwd(), TABLE_FILE)} (as of ${asOf}); review the diff before committing`);
    return 0;
}

main().then((code) => process.exit(code), (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
});
