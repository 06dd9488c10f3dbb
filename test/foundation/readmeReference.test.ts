import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { SETTINGS } from "../../config/parse";
import { PROJECT_DIR } from "../../tools/offline/evaluate";

/** The dotted settings the README's configuration table names in its first column. */
function documentedSettings(): Set<string> {
    const readme = fs.readFileSync(path.join(PROJECT_DIR, "README.md"), "utf8");
    const table = readme.slice(readme.indexOf("## Configuration reference"), readme.indexOf("\n## ", readme.indexOf("## Configuration reference") + 1));
    const names = new Set<string>();
    for (const row of table.split("\n").filter((line) => line.startsWith("| `"))) {
        const cell = row.split("|")[1];
        const keys = [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1]);
        // "`compute.minCount` / `compute.maxCount`": every key of the cell is documented by the row.
        for (const key of keys) names.add(key);
    }
    return names;
}

describe("README configuration reference", () => {
    it("documents every setting there is, and only those", () => {
        const expected = new Set<string>(["aws:region"]);
        for (const [section, keys] of Object.entries(SETTINGS)) {
            for (const key of keys) {
                const isSection = section === "" && key in SETTINGS;
                if (!isSection) expected.add(section === "" ? key : `${section}.${key}`);
            }
        }
        assert.deepStrictEqual([...documentedSettings()].sort(), [...expected].sort());
    });
});
