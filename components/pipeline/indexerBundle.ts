/**
 * Builds the DICOM indexer's Lambda bundle with esbuild: one minified CommonJS file with every dependency
 * (pinned AWS SDK, Powertools, the dictionary) inside, for the Node.js 22 runtime. The code is plain JavaScript,
 * so the same bundle runs on arm64 and x86_64. Synchronous, so the Pulumi program can call it while it evaluates;
 * `npm run build:indexer` runs it as a build step.
 */
import * as esbuild from "esbuild";
import * as path from "node:path";

export const INDEXER_ENTRY = path.join(__dirname, "indexer", "handler.ts");
/** The Lambda `handler` setting for the bundle. */
export const INDEXER_HANDLER = "index.handler";
/** The Lambda runtime the bundle is built for and tested on (the tests run on its Node.js major). */
export const INDEXER_RUNTIME = "nodejs22.x";

/** `nodejs22.x` → 22. */
export function runtimeNodeMajor(runtime: string): number {
    const match = /^nodejs(\d+)\.x$/.exec(runtime);
    if (!match) {
        throw new Error(`${runtime} is not a Lambda Node.js runtime (nodejs<major>.x).`);
    }
    return Number(match[1]);
}
export const DEFAULT_BUNDLE_DIR = path.join(__dirname, "..", "..", ".build", "dicom-indexer");

export function indexerBuildOptions(outdir: string): esbuild.BuildOptions & { outfile: string } {
    return {
        entryPoints: [INDEXER_ENTRY],
        outfile: path.join(outdir, "index.js"),
        bundle: true,
        platform: "node",
        target: `node${runtimeNodeMajor(INDEXER_RUNTIME)}`,
        format: "cjs",
        minify: true,
        sourcemap: false,
        legalComments: "external",
        logLevel: "silent",
    };
}

export interface IndexerBundle {
    /** Directory to archive as the function's code. */
    directory: string;
    file: string;
    handler: string;
    bytes: number;
}

const built = new Map<string, IndexerBundle>();

/** Builds the bundle into `outdir`, once per process (a program or test suite that evaluates many stacks pays once). */
export function buildIndexerBundle(outdir: string = DEFAULT_BUNDLE_DIR): IndexerBundle {
    const cached = built.get(outdir);
    if (cached !== undefined) return cached;
    const options = indexerBuildOptions(outdir);
    const result = esbuild.buildSync({ ...options, metafile: true });
    if (result.errors.length > 0) throw new Error(`esbuild failed: ${result.errors.map((e) => e.text).join("; ")}`);
    const output = result.metafile!.outputs[path.relative(process.cwd(), options.outfile)];
    const bundle = { directory: outdir, file: options.outfile, handler: INDEXER_HANDLER, bytes: output?.bytes ?? 0 };
    built.set(outdir, bundle);
    return bundle;
}

if (require.main === module) {
    const bundle = buildIndexerBundle(process.argv[2] ?? DEFAULT_BUNDLE_DIR);
    process.stdout.write(`${bundle.file} (${bundle.bytes} bytes), handler ${bundle.handler}\n`);
}
