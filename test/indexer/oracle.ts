/** Runs pydicom (the oracle) and compares its DICOM JSON with the indexer's, under documented normalizations. */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";

import { storableNumber } from "../../components/pipeline/indexer/values";

export interface OracleLine {
    file: string;
    transferSyntaxUid?: string;
    dicom?: Record<string, OracleElement>;
    error?: string;
}

interface OracleElement {
    vr: string;
    Value?: unknown[];
    InlineBinary?: string;
    BulkDataURI?: string;
}

/** A Python that can import pydicom: $PYDICOM_PYTHON, then python3 on PATH, then Debian's /usr/bin/python3. */
export function pydicomPython(): string {
    const candidates = [process.env.PYDICOM_PYTHON, "python3", "/usr/bin/python3"].filter((c): c is string => !!c);
    for (const candidate of candidates) {
        try {
            execFileSync(candidate, ["-c", "import pydicom"], { stdio: "ignore" });
            return candidate;
        } catch {
            // try the next candidate
        }
    }
    throw new Error("pydicom is not installed (apt-get install python3-pydicom) or set PYDICOM_PYTHON");
}

let dataDir: string | undefined;

/** pydicom's data directory (its test_files and charset_files), wherever the installed pydicom lives. */
export function pydicomDataDir(): string {
    dataDir ??= execFileSync(pydicomPython(), ["-c", "import os, pydicom; print(os.path.join(os.path.dirname(pydicom.__file__), 'data'))"], { encoding: "utf8" }).trim();
    return dataDir;
}

export function runOracle(files: string[]): Map<string, OracleLine> {
    const script = path.join(__dirname, "oracle.py");
    const output = execFileSync(pydicomPython(), [script, ...files], { maxBuffer: 1 << 30, encoding: "utf8" });
    const lines = output.trim().split("\n").map((line) => JSON.parse(line) as OracleLine);
    return new Map(lines.map((line) => [line.file, line]));
}

/** Parses `...?offset=O&length=L` (or the inflated variant) out of a BulkDataURI. */
export function parseBulkDataUri(uri: string): { offset: number; length?: number; inflated: boolean } {
    const query = new URLSearchParams(uri.slice(uri.indexOf("?") + 1));
    const inflated = query.has("inflatedOffset");
    const offset = Number(query.get(inflated ? "inflatedOffset" : "offset"));
    const length = query.get(inflated ? "inflatedLength" : "length");
    return { offset, length: length === null ? undefined : Number(length), inflated };
}

/**
 * pydicom 2.3's output differs from PS3.18 F.2 in known ways; the oracle is normalized to the standard:
 * group length elements (gggg,0000) are dropped (F.2.1 leaves them out), empty values inside multi-valued
 * strings become null (F.2.5), empty person-name component groups are left out (F.2.2), padding is removed
 * from each value of a multi-valued string (pydicom only trims the whole string). Numbers DynamoDB cannot
 * store (magnitudes below 1E-130 or above 1E+126) are strings in the indexer's output by design.
 */
export function normalizeOracle(dicom: Record<string, OracleElement>, topLevel = true): Record<string, OracleElement> {
    const out: Record<string, OracleElement> = {};
    const pixelData = topLevel ? Object.keys(dicom).find((tag) => PIXEL_DATA_TAGS.includes(tag)) : undefined;
    for (const [tag, element] of Object.entries(dicom)) {
        if (tag.endsWith("0000")) continue;
        // The indexer reads the header only: elements after Pixel Data (e.g. trailing padding) are not indexed.
        if (pixelData !== undefined && tag > pixelData) continue;
        const copy: OracleElement = { ...element };
        if (element.Value !== undefined) {
            copy.Value = element.Value.map((value) => {
                if (element.vr === "SQ") return normalizeOracle(value as Record<string, OracleElement>, false);
                if (element.vr === "PN" && value !== null && typeof value === "object") {
                    return Object.fromEntries(Object.entries(value).filter(([, group]) => group !== ""));
                }
                // pydicom strips padding from the whole string only; PS3.5 6.2 makes each value's insignificant.
                if (typeof value === "string" && TRIMMED_VRS.has(element.vr)) value = value.trim();
                if (typeof value === "number") return storableNumber(value);
                return value === "" ? null : value;
            });
        }
        out[tag] = copy;
    }
    return out;
}

const PIXEL_DATA_TAGS = ["7FE00008", "7FE00009", "7FE00010"];
/** VRs whose leading and trailing spaces are padding (PS3.5 Table 6.2-1). */
const TRIMMED_VRS = new Set(["AE", "AS", "CS", "DA", "DS", "DT", "IS", "LO", "PN", "SH", "TM", "UC", "UI"]);

export interface Difference {
    path: string;
    ours: unknown;
    oracle: unknown;
}

/**
 * Compares the indexer's `dicom` with the oracle's. A BulkDataURI of ours matches the oracle's InlineBinary (or
 * Value) when the referenced bytes of `file` start with the oracle's bytes (encapsulated values run to the end).
 */
export function compareDatasets(ours: Record<string, OracleElement>, oracle: Record<string, OracleElement>, file: string, prefix = ""): Difference[] {
    const differences: Difference[] = [];
    const tags = new Set([...Object.keys(ours), ...Object.keys(oracle)]);
    for (const tag of tags) {
        const a = ours[tag];
        const b = oracle[tag];
        const where = `${prefix}${tag}`;
        if (a === undefined || b === undefined) {
            differences.push({ path: where, ours: a, oracle: b });
            continue;
        }
        if (a.BulkDataURI !== undefined && (b.InlineBinary !== undefined || b.Value !== undefined)) {
            if (!referenceMatches(a, b, file)) differences.push({ path: where, ours: a, oracle: b });
            continue;
        }
        if (a.vr === "SQ" && b.vr === "SQ" && Array.isArray(a.Value) && Array.isArray(b.Value) && a.Value.length === b.Value.length) {
            a.Value.forEach((item, i) => differences.push(...compareDatasets(item as Record<string, OracleElement>,
                (b.Value as unknown[])[i] as Record<string, OracleElement>, file, `${where}[${i}].`)));
            continue;
        }
        if (JSON.stringify(a) !== JSON.stringify(b)) differences.push({ path: where, ours: a, oracle: b });
    }
    return differences;
}

/**
 * Whether the bytes a BulkDataURI points at hold the oracle's value: its InlineBinary bytes (encapsulated values
 * may run on to the end of the object), or the text of its string values.
 */
function referenceMatches(ours: OracleElement, oracle: OracleElement, file: string): boolean {
    const { offset, length, inflated } = parseBulkDataUri(ours.BulkDataURI!);
    const stream = inflated ? inflatedDataset(file) : fs.readFileSync(file);
    if (ours.vr !== oracle.vr) return false;
    if (oracle.InlineBinary !== undefined) {
        const expected = Buffer.from(oracle.InlineBinary, "base64");
        return stream.subarray(offset, offset + expected.length).equals(expected) && (length === undefined || length >= expected.length);
    }
    const text = stream.subarray(offset, offset + (length ?? 0)).toString("utf8").replace(/[ \0]+$/, "");
    const values = text.split("\\").map((v) => (["DS", "IS"].includes(oracle.vr) ? Number(v) : v.trim()));
    return JSON.stringify(values) === JSON.stringify(oracle.Value);
}

/** The inflated data set of a deflated file: everything after the meta group, whose length (0002,0000) gives. */
function inflatedDataset(file: string): Buffer {
    const bytes = fs.readFileSync(file);
    if (bytes.readUInt32LE(132) !== 0x00000002) throw new Error(`${file} has no File Meta Information Group Length`);
    return zlib.inflateRawSync(bytes.subarray(144 + bytes.readUInt32LE(140)));
}
