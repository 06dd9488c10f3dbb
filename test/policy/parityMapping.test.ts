import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { allPolicies } from "../../policy-pack/policies";
import { HIPAA_MANAGED_RULES } from "../../components/compliance";

const DOCS = fs.readFileSync(path.resolve(__dirname, "..", "..", "docs", "policy.md"), "utf8");
const STATUSES = ["covered", "covered, not yet enforced", "accepted exception", "live only", "not applicable"];

/** The rows of the table whose header starts with `firstHeader`: cells of each row. */
function table(firstHeader: string): string[][] {
    const lines = DOCS.split("\n");
    const start = lines.findIndex(line => line.startsWith(`| ${firstHeader} |`));
    assert.ok(start >= 0, `docs/policy.md has a table headed ${firstHeader}`);
    const rows: string[][] = [];
    for (const line of lines.slice(start + 2)) {
        if (!line.startsWith("|")) break;
        rows.push(line.slice(1, -1).split(" | ").map(cell => cell.trim()));
    }
    return rows;
}

function policiesIn(cell: string): string[] {
    return [...cell.matchAll(/`(orthanc-[a-z0-9-]+)`/g)].map(match => match[1]);
}

/** `N covered and enforced, N covered but not yet enforced, N accepted exceptions...` of the summary line. */
function summary(prefix: string): Record<string, number> {
    const line = DOCS.split("\n").find(l => l.startsWith(`**${prefix}`));
    assert.ok(line, `summary line ${prefix}`);
    const number = (pattern: RegExp) => Number(pattern.exec(line!)?.[1]);
    return {
        total: number(/: (\d+) (rules|controls)/),
        covered: number(/(\d+) covered and enforced/),
        "covered, not yet enforced": number(/(\d+) covered but not yet enforced/),
        "accepted exception": number(/(\d+) accepted exceptions/),
        "live only": number(/(\d+) live only/),
        "not applicable": number(/(\d+) not applicable/),
    };
}

for (const [title, header, prefix] of [["AWS Config HIPAA", "AWS Config rule", "AWS Config HIPAA"], ["Security Hub FSBP", "FSBP control", "Security Hub FSBP"]]) {
    describe(`docs/policy.md: ${title} mapping`, () => {
        const rows = table(header);
        const statusColumn = header === "AWS Config rule" ? 1 : 2;
        const policyColumn = statusColumn + 1;

        it("names only policies the pack has, and a status from the legend for every row", () => {
            const names = new Set(allPolicies.map(p => p.name));
            assert.deepStrictEqual(rows.flatMap(row => policiesIn(row[policyColumn])).filter(name => !names.has(name)), []);
            assert.deepStrictEqual(rows.filter(row => !STATUSES.includes(row[statusColumn])).map(row => row[0]), []);
            assert.deepStrictEqual(rows.filter(row => row[statusColumn].startsWith("covered") && policiesIn(row[policyColumn]).length === 0).map(row => row[0]), []);
        });

        it("states counts equal to its rows", () => {
            const counts = summary(prefix);
            assert.strictEqual(counts.total, rows.length);
            for (const status of STATUSES) {
                assert.strictEqual(counts[status === "covered" ? "covered" : status], rows.filter(row => row[statusColumn] === status).length, status);
            }
            assert.strictEqual(new Set(rows.map(row => row[0])).size, rows.length, "each rule once");
        });
    });
}

describe("the live conformance pack", () => {
    it("runs every AWS Config rule the mapping covers or leaves to the live account", () => {
        const mapped = table("AWS Config rule").filter(row => ["covered", "covered, not yet enforced", "live only"].includes(row[1])).map(row => row[0]);
        const live = new Set(HIPAA_MANAGED_RULES);
        assert.deepStrictEqual(mapped.filter(rule => !live.has(rule)), []);
    });
});
