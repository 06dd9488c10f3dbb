/**
 * `npm run --silent dicom:inspect -- FILE...`: runs the indexer's reading and mapping code over local files, each
 * standing in for an S3 object whose key is the file's name, and prints one JSON line per file. Exits 1 if any failed.
 */
import * as path from "node:path";
import { buildItem, fileSize, fileSource, readHeader } from "../components/pipeline";

export interface InspectLine {
    file: string;
    item?: Record<string, unknown>;
    bytesRead?: number;
    requests?: number;
    error?: string;
}

export async function inspectFile(file: string): Promise<InspectLine> {
    try {
        const read = await readHeader(fileSource(file), await fileSize(file));
        const item = buildItem(read, { key: path.basename(file) });
        return { file, item, bytesRead: read.bytesRead, requests: read.requests };
    } catch (error) {
        return { file, error: error instanceof Error ? error.message : String(error) };
    }
}

async function main(files: string[]): Promise<number> {
    if (files.length === 0) {
        process.stderr.write("usage: npm run --silent dicom:inspect -- FILE...\n");
        return 2;
    }
    let failed = false;
    for (const file of files) {
        const line = await inspectFile(file);
        failed ||= line.error !== undefined;
        process.stdout.write(`${JSON.stringify(line)}\n`);
    }
    return failed ? 1 : 0;
}

if (require.main === module) {
    main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
