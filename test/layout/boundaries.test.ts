import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const CONCERNS = fs.readdirSync(path.join(ROOT, "components"), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

function tsFiles(dir: string): string[] {
    return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
        const relative = path.join(dir, entry.name);
        if (entry.isDirectory()) return entry.name === "node_modules" ? [] : tsFiles(relative);
        return entry.name.endsWith(".ts") ? [relative] : [];
    });
}

/** Relative module specifiers of a file's imports, resolved to paths from the repository root (no extension). */
function relativeImports(file: string): string[] {
    const source = fs.readFileSync(path.join(ROOT, file), "utf8");
    const specifiers = [...source.matchAll(/(?:from|import|require\()\s*["'](\.{1,2}\/[^"']+)["']/g)].map((m) => m[1]);
    return specifiers.map((spec) => path.normalize(path.join(path.dirname(file), spec)));
}

/** `components/<concern>` of a path inside components/, or undefined. */
function concernOf(file: string): string | undefined {
    const [top, concern] = file.split(path.sep);
    return top === "components" && concern !== undefined && CONCERNS.includes(concern) ? concern : undefined;
}

const PROGRAM_FILES = ["index.ts", ...tsFiles("components")];
const COMMAND_FILES = [...tsFiles("tools"), ...tsFiles("bench")];

describe("layout by concern", () => {
    it("has the concern folders the component type tokens name, each with an index", () => {
        for (const concern of ["network", "security", "data", "endpoint", "compute", "pipeline"]) {
            assert.ok(CONCERNS.includes(concern), `components/${concern}/ missing`);
        }
        assert.deepStrictEqual(CONCERNS.filter((c) => !fs.existsSync(path.join(ROOT, "components", c, "index.ts"))), []);
        assert.deepStrictEqual(fs.readdirSync(path.join(ROOT, "components")).filter((f) => f.endsWith(".ts")), [], "no loose files in components/");
    });

    it("registers components under their folder's concern: orthanc-aws:<folder>:<Name>", () => {
        const misplaced = tsFiles("components").flatMap((file) => {
            const tokens = [...fs.readFileSync(path.join(ROOT, file), "utf8").matchAll(/super\("orthanc-aws:([a-z]+):[A-Za-z]+"/g)].map((m) => m[1]);
            return tokens.filter((token) => token !== concernOf(file)).map((token) => `${file}: ${token}`);
        });
        assert.deepStrictEqual(misplaced, []);
    });

    it("index.ts imports only config/ and components/", () => {
        const outside = relativeImports("index.ts").filter((target) => !/^(config|components)\//.test(target));
        assert.deepStrictEqual(outside, []);
    });

    it("the program never imports a tool", () => {
        const offending = PROGRAM_FILES.flatMap((file) => relativeImports(file).filter((t) => t.startsWith(`tools${path.sep}`)).map((t) => `${file} → ${t}`));
        assert.deepStrictEqual(offending, []);
    });

    it("other folders, the program and the commands reach a concern only through its index", () => {
        const offending = [...PROGRAM_FILES, ...COMMAND_FILES].flatMap((file) => relativeImports(file).flatMap((target) => {
            const concern = concernOf(target);
            if (concern === undefined || concern === concernOf(file)) return [];
            const viaIndex = target === path.join("components", concern) || target === path.join("components", concern, "index");
            return viaIndex ? [] : [`${file} → ${target}`];
        }));
        assert.deepStrictEqual(offending, []);
    });
});
