import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const DOC = fs.readFileSync(path.join(ROOT, "docs", "architecture.md"), "utf8");

/** The table's rows: folder → the entries of its Files column. */
function documentedFiles(): Map<string, string[]> {
    const rows = new Map<string, string[]>();
    for (const line of DOC.split("\n")) {
        const cells = line.split("|").map((cell) => cell.trim());
        const folder = /^`(components\/[a-z]+\/)`$/.exec(cells[1] ?? "")?.[1];
        if (folder === undefined) continue;
        rows.set(folder, [...(cells[5] ?? "").matchAll(/`([^`]+)`/g)].map((m) => m[1]));
    }
    return rows;
}

describe("docs/architecture.md", () => {
    it("lists every folder under components/ and exactly the files in it", () => {
        const documented = documentedFiles();
        const folders = fs.readdirSync(path.join(ROOT, "components"), { withFileTypes: true }).filter((d) => d.isDirectory());
        assert.deepStrictEqual([...documented.keys()].sort(), folders.map((d) => `components/${d.name}/`).sort());
        for (const folder of folders) {
            const entries = fs.readdirSync(path.join(ROOT, "components", folder.name), { withFileTypes: true })
                .map((e) => (e.isDirectory() ? `${e.name}/` : e.name)).filter((name) => name.endsWith(".ts") || name.endsWith("/"));
            assert.deepStrictEqual([...documented.get(`components/${folder.name}/`)!].sort(), entries.sort(), `components/${folder.name}/`);
        }
    });

    it("is linked from the README", () => {
        assert.match(fs.readFileSync(path.join(ROOT, "README.md"), "utf8"), /\(docs\/architecture\.md\)/);
    });
});
