/**
 * `npm run bench:indexer`: the indexer's throughput against pydicom's on the same files in one run, bytes read
 * against object sizes, and ranged requests per object, with the targets.
 *
 * Timing: CPU seconds of each contender's process (user + system, all its threads), not wall time: the cost
 * a Lambda pays per file, and on a shared machine other processes' load does not stretch it as it does wall time.
 * After untimed warm-up rounds (JIT, imports, page cache), the contenders' timed rounds alternate
 * (indexer, pydicom headers only, pydicom whole files, then again), pydicom running as a worker process, so that
 * each comparison is between rounds run moments apart: on a shared machine a load spike moves a few rounds, not
 * the result. Rates are medians of the rounds; the speedup's spread is shown by its median over each fifth of the
 * rounds. A verdict is "met" only when every fifth meets the target, "NOT met" when none does, else "unsettled".
 *
 * File set: objects with Pixel Data only (bytes-read targets mean nothing for SR or RT objects, which are read
 * whole by design): pydicom's own test files that both readers accept, plus dcmtk-made objects of clinical sizes
 * (CT 512x512, MR 256x256 with a 20 KB vendor private header, a 30-frame multi-frame, an MR with a 100 KB header).
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as readline from "node:readline";
import { buildItem, fileSize, fileSource, readHeader } from "../components/pipeline";
import { RICH_SHAPE, writeRichFile } from "../test/indexer/dcmtkFixtures";
import { pydicomDataDir, pydicomPython, runOracle } from "../test/indexer/oracle";

/** A non-negative integer setting from the environment, or its default. */
function countSetting(name: string, fallback: number, minimum: number): number {
    const raw = process.env[name];
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < minimum) throw new Error(`${name} must be an integer >= ${minimum}, got "${raw}"`);
    return value;
}

const ROUNDS = countSetting("BENCH_ROUNDS", 50, 5);
const WARMUP_ROUNDS = countSetting("BENCH_WARMUP_ROUNDS", 20, 0);
/** The rounds are cut into this many consecutive groups to show the speedup's spread. */
const GROUPS = 5;
const TARGETS = { speedup: 10, bytesShare: 0.35, requestsPerObject: 1.1 };

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** "met" when every group's figure meets the target, "NOT met" when none does, else "unsettled". */
function verdict(perGroup: number[], meets: (value: number) => boolean): string {
    const met = perGroup.filter(meets).length;
    return met === perGroup.length ? "met" : met === 0 ? "NOT met" : `unsettled (${met} of ${perGroup.length} groups of rounds meet it)`;
}

/** pydicom as a worker process: each call makes one pass over `files` in `mode` and resolves to its seconds. */
function pydicomWorker(files: string[]): { pass(mode: "header" | "whole"): Promise<number>; stop(): void } {
    const child = spawn(pydicomPython(), [path.join(__dirname, "pydicom_baseline.py"), ...files], { stdio: ["pipe", "pipe", "inherit"] });
    const lines = readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    return {
        async pass(mode) {
            child.stdin!.write(`${mode}\n`);
            const line = await lines.next();
            if (line.done) throw new Error("the pydicom worker stopped");
            return Number(line.value);
        },
        stop: () => child.stdin!.end(),
    };
}

/** Clinical-sized objects: [name, shape, copies]. */
const CLINICAL = [
    ["ct", { ...RICH_SHAPE, rows: 512, columns: 512, frames: 1, privateHeaderBytes: 2_000, contourValues: 10 }, 20],
    ["mr", { ...RICH_SHAPE, rows: 256, columns: 256, frames: 1, privateHeaderBytes: 20_000, contourValues: 10 }, 20],
    ["mr-big-header", { ...RICH_SHAPE, rows: 384, columns: 384, frames: 1, privateHeaderBytes: 100_000, contourValues: 10 }, 5],
    ["multiframe", { ...RICH_SHAPE, rows: 256, columns: 256, frames: 30, privateHeaderBytes: 2_000, contourValues: 10 }, 3],
] as const;

function benchFiles(dir: string): string[] {
    const candidates = fs.readdirSync(path.join(pydicomDataDir(), "test_files")).filter((f) => f.endsWith(".dcm")).map((f) => path.join(path.join(pydicomDataDir(), "test_files"), f));
    const oracle = runOracle(candidates);
    const withPixels = candidates.filter((f) => oracle.get(f)?.dicom?.["7FE00010"] !== undefined);
    const clinical = CLINICAL.flatMap(([name, shape, copies]) =>
        Array.from({ length: copies }, (_, i) => writeRichFile(dir, `${name}-${i}`, { ...shape, instance: i + 1 })));
    return [...withPixels, ...clinical];
}

interface Measured {
    file: string;
    objectSize: number;
    bytesRead: number;
    requests: number;
}

async function indexFile(file: string): Promise<Measured | undefined> {
    try {
        const objectSize = await fileSize(file);
        const read = await readHeader(fileSource(file), objectSize);
        buildItem(read, { bucket: "bench", key: path.basename(file) }, { sequencer: "1" });
        return { file, objectSize, bytesRead: read.bytesRead, requests: read.requests };
    } catch {
        return undefined; // truncated test files: excluded from the set below
    }
}

async function main(): Promise<void> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-indexer-"));
    try {
        const firstPass = await Promise.all(benchFiles(dir).map(indexFile));
        const measured = firstPass.filter((m): m is Measured => m !== undefined);
        const files = measured.map((m) => m.file);

        const indexerPass = async () => {
            const start = process.cpuUsage();
            for (const file of files) await indexFile(file);
            const used = process.cpuUsage(start);
            return (used.user + used.system) / 1e6;
        };
        const pydicom = pydicomWorker(files);
        const seconds = { indexer: [] as number[], pydicomHeader: [] as number[], pydicomWhole: [] as number[] };
        try {
            for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
                const timed = [await indexerPass(), await pydicom.pass("header"), await pydicom.pass("whole")];
                if (round < WARMUP_ROUNDS) continue;
                seconds.indexer.push(timed[0]);
                seconds.pydicomHeader.push(timed[1]);
                seconds.pydicomWhole.push(timed[2]);
            }
        } finally {
            pydicom.stop();
        }
        const rate = (passes: number[]) => files.length / median(passes);
        const [indexerRate, pydicomHeaderRate, pydicomWholeRate] = [rate(seconds.indexer), rate(seconds.pydicomHeader), rate(seconds.pydicomWhole)];
        const speedup = indexerRate / pydicomHeaderRate;
        const groupSize = Math.floor(ROUNDS / GROUPS);
        const groupSpeedups = Array.from({ length: GROUPS }, (_, g) => {
            const group = (passes: number[]) => passes.slice(g * groupSize, (g + 1) * groupSize);
            return median(group(seconds.pydicomHeader)) / median(group(seconds.indexer));
        });

        const sum = (f: (m: Measured) => number, set = measured) => set.reduce((total, m) => total + f(m), 0);
        const share = (set: Measured[]) => sum((m) => m.bytesRead, set) / sum((m) => m.objectSize, set);
        const medianShare = (set: Measured[]) => median(set.map((m) => m.bytesRead / m.objectSize));
        const percent = (fraction: number) => `${(100 * fraction).toFixed(1)} %`;
        const clinical = measured.filter((m) => m.file.startsWith(dir));
        const pydicomSet = measured.filter((m) => !m.file.startsWith(dir));
        const requestsPerObject = sum((m) => m.requests) / measured.length;
        const bytesVerdict = (fraction: number) => (fraction <= TARGETS.bytesShare ? "met" : "NOT met");

        const lines = [
            `files: ${measured.length} with Pixel Data (${pydicomSet.length} pydicom test files, ${clinical.length} dcmtk clinical-sized); ` +
                `${WARMUP_ROUNDS} warm-up + ${ROUNDS} timed rounds, the contenders alternating; rates are files per CPU second, medians of the timed rounds`,
            `indexer: ${indexerRate.toFixed(0)} files/s; pydicom stop_before_pixels + to_json_dict: ${pydicomHeaderRate.toFixed(0)} files/s; ` +
                `pydicom whole file + to_json_dict: ${pydicomWholeRate.toFixed(0)} files/s`,
            `speedup over pydicom reading headers only: ${speedup.toFixed(1)}x (per fifth of the rounds: ${groupSpeedups.map((x) => x.toFixed(1)).join(", ")}; ` +
                `target >= ${TARGETS.speedup}x): ${verdict(groupSpeedups, (x) => x >= TARGETS.speedup)}; over pydicom reading whole files: ${(indexerRate / pydicomWholeRate).toFixed(1)}x`,
            `bytes read / object size (target <= ${percent(TARGETS.bytesShare)}): all bytes together ${percent(share(measured))} (${bytesVerdict(share(measured))}), ` +
                `median object ${percent(medianShare(measured))} (${bytesVerdict(medianShare(measured))})`,
            `  pydicom test files: together ${percent(share(pydicomSet))}, median object ${percent(medianShare(pydicomSet))}; ` +
                `clinical-sized: together ${percent(share(clinical))}, median object ${percent(medianShare(clinical))}`,
            `requests per object: ${requestsPerObject.toFixed(3)}, at most ${Math.max(...measured.map((m) => m.requests))} (target <= ${TARGETS.requestsPerObject}): ` +
                `${requestsPerObject <= TARGETS.requestsPerObject ? "met" : "NOT met"}`,
        ];
        for (const [name] of CLINICAL) {
            const set = clinical.filter((m) => new RegExp(`^${name}-\\d+\\.dcm$`).test(path.basename(m.file)));
            lines.push(`  ${name}: ${set.length} objects of ${(set[0].objectSize / 1024).toFixed(0)} KiB, ${(100 * share(set)).toFixed(1)} % read, ${(sum((m) => m.requests, set) / set.length).toFixed(2)} requests each`);
        }
        process.stdout.write(`${lines.join("\n")}\n`);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
});
