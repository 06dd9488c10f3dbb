import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";

/** `npm run bench:cstore -- ARG`, without starting anything when ARG is refused. */
function runBench(args: string[]): { status: number | null; stderr: string } {
    const result = spawnSync(process.execPath, [require.resolve("ts-node/dist/bin.js"), "--transpile-only", "bench/cstore.ts", ...args],
        { encoding: "utf8", timeout: 60_000 });
    return { status: result.status, stderr: result.stderr };
}

describe("npm run bench:cstore's arguments", () => {
    for (const args of [["abc"], ["0"], ["1.5"], ["300", "extra"]]) {
        it(`answers ${JSON.stringify(args)} with exit 2 and one usage line`, () => {
            const { status, stderr } = runBench(args);
            assert.equal(status, 2);
            assert.equal(stderr.trim().split("\n").length, 1, stderr);
            assert.match(stderr, /^usage: npm run bench:cstore -- \[instances=300\] \(a positive integer; got /);
        });
    }
});
