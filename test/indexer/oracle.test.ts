/**
 * The indexer's DICOM JSON against pydicom's to_json_dict() on pydicom's own test files and on files made with
 * dcmtk. Every file either matches the oracle (after the normalizations documented in oracle.ts) or is listed
 * below with the reason it is treated differently.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { inspectFile, InspectLine } from "../../tools/dicomInspect";
import { fileSize, fileSource } from "../../components/pipeline/indexer/fileSource";
import { scanHeader } from "../../components/pipeline/indexer/headerReader";
import { buildItem } from "../../components/pipeline/indexer/item";
import { writeDcmtkFixtures } from "./dcmtkFixtures";
import { compareDatasets, normalizeOracle, OracleLine, pydicomDataDir, runOracle } from "./oracle";


const NO_SOP_COMMON = "truncated or not an instance: the data set has no SOP Class UID (0008,0016)";
const OTHER_INSTANCE = "the data set's SOP Instance UID (0008,0018) differs from the File Meta Information's Media Storage SOP Instance UID (0002,0003)";
/** PS3.10 7.1: (0002,0002)/(0002,0003) identify the SOP Class and Instance of the data set the file holds. */
const FRAGMENT = "a pydicom test fragment without the SOP Common module; a Part 10 file holds a composite instance, which has it (PS3.10 7.1)";
const MISMATCH = "the meta group names another SOP instance than the data set (pydicom's hand-edited copies); PS3.10 7.1 requires the same";

/**
 * Files the indexer rejects, with its exact reason and why that is right although pydicom reads some of them.
 * `mapped`: the file is well-formed but not a whole instance (completeness.ts); its data set is still mapped,
 * through scanHeader, and compared with the oracle, so these fragments keep testing the mapping.
 */
const EXPECTED_REJECTIONS: Record<string, { error: string; why: string; mapped?: true }> = {
    "UN_sequence.dcm": { error: NO_SOP_COMMON, why: FRAGMENT, mapped: true },
    "priv_SQ.dcm": { error: NO_SOP_COMMON, why: FRAGMENT, mapped: true },
    "nested_priv_SQ.dcm": { error: NO_SOP_COMMON, why: FRAGMENT, mapped: true },
    "no_meta_group_length.dcm": { error: NO_SOP_COMMON, why: FRAGMENT, mapped: true },
    "chrSQEncoding.dcm": { error: NO_SOP_COMMON, why: FRAGMENT, mapped: true },
    "chrSQEncoding1.dcm": { error: NO_SOP_COMMON, why: FRAGMENT, mapped: true },
    "empty_charset_LEI.dcm": { error: "the File Meta Information has no Media Storage SOP Class UID (0002,0002)", why: "PS3.10 7.1 requires (0002,0002) and (0002,0003)", mapped: true },
    "badVR.dcm": { error: OTHER_INSTANCE, why: MISMATCH, mapped: true },
    "rtdose.dcm": { error: OTHER_INSTANCE, why: MISMATCH, mapped: true },
    "rtdose_1frame.dcm": { error: OTHER_INSTANCE, why: MISMATCH, mapped: true },
    "rtdose_expb.dcm": { error: OTHER_INSTANCE, why: MISMATCH, mapped: true },
    "rtdose_expb_1frame.dcm": { error: OTHER_INSTANCE, why: MISMATCH, mapped: true },
    "rtplan.dcm": { error: OTHER_INSTANCE, why: MISMATCH, mapped: true },
    "chrJapMulti.dcm": { error: OTHER_INSTANCE, why: MISMATCH, mapped: true },
    "chrJapMultiExplicitIR6.dcm": { error: OTHER_INSTANCE, why: MISMATCH, mapped: true },
    "chrKoreanMulti.dcm": { error: "truncated: the data set has Rows/Columns but no pixel data element ((7FE0,0010), (7FE0,0008), (7FE0,0009))",
        why: "a character set sample with Rows and Columns but no pixels: an image without its pixel data is a cut one", mapped: true },
    "ExplVR_BigEndNoMeta.dcm": { error: "not a DICOM Part 10 file (no DICM prefix at offset 128)", why: "no preamble; pydicom too needs force=True" },
    "ExplVR_LitEndNoMeta.dcm": { error: "not a DICOM Part 10 file (no DICM prefix at offset 128)", why: "no preamble; pydicom too needs force=True" },
    "no_meta.dcm": { error: "not a DICOM Part 10 file (no DICM prefix at offset 128)", why: "no preamble; pydicom too needs force=True" },
    "rtstruct.dcm": { error: "not a DICOM Part 10 file (no DICM prefix at offset 128)", why: "no preamble; pydicom too needs force=True" },
    "README": { error: "not a DICOM Part 10 file (no DICM prefix at offset 128)", why: "a text file" },
    "README.txt": { error: "not a DICOM Part 10 file (no DICM prefix at offset 128)", why: "a text file" },
    "MR_truncated.dcm": { error: "truncated: Pixel Data needs 9692 bytes, the object has 9630", why: "pydicom returns a cut Pixel Data value without complaint" },
    "rtplan_truncated.dcm": { error: "truncated: the value of (300A,012C) at offset 2100 needs 2150 bytes, the data has 2129", why: "pydicom returns the elements before the cut" },
    "meta_missing_tsyntax.dcm": { error: "the File Meta Information has no Transfer Syntax UID (0002,0010)", why: "PS3.10 requires (0002,0010); pydicom guesses the encoding" },
    "DICOMDIR-nooffset": { error: "truncated: the element header at offset 11092 needs 11100 bytes, the data has 11092", why: "its last undefined-length sequence is never delimited; pydicom stops at the end of the file" },
};

/** Files pydicom cannot read although they are well-formed enough to index; what the indexer makes of them is checked. */
const PYDICOM_FAILURES: Record<string, { why: string; check(item: Record<string, unknown>): void }> = {
    "badVR.dcm": {
        why: "pydicom raises ValueError on Number of Frames '1A'; the indexer keeps a value that is not a number as a string",
        check: (item) => assert.deepEqual((item.dicom as Record<string, unknown>)["00280008"], { vr: "IS", Value: ["1A"] }),
    },
};

function listFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return listFiles(full);
        return entry.name.endsWith(".dcm") || !entry.name.includes(".") || entry.name === "README.txt" ? [full] : [];
    });
}

describe("dicom-indexer mapping against pydicom's to_json_dict()", function () {
    this.timeout(120_000);
    let fixtureDir: string;
    let files: string[];
    let oracle: Map<string, OracleLine>;
    const ours = new Map<string, InspectLine>();
    /** What the mapping made of each file: its item, or for a `mapped` rejection, the item of its scanned data set. */
    const mapped = new Map<string, Record<string, unknown>>();

    before(async () => {
        fixtureDir = fs.mkdtempSync(path.join(os.tmpdir(), "dicom-fixtures-"));
        const pydicomFiles = [
            ...listFiles(path.join(pydicomDataDir(), "test_files")).filter((f) => !f.endsWith("rtplan.dump") && !f.endsWith(".json")),
            ...listFiles(path.join(pydicomDataDir(), "charset_files")),
        ];
        files = [...pydicomFiles, ...writeDcmtkFixtures(fixtureDir)];
        oracle = runOracle(files);
        for (const file of files) {
            const line = await inspectFile(file);
            ours.set(file, line);
            if (line.item !== undefined) mapped.set(file, line.item);
            if (EXPECTED_REJECTIONS[path.basename(file)]?.mapped) {
                mapped.set(file, buildItem(await scanHeader(fileSource(file), await fileSize(file)), { key: path.basename(file) }));
            }
        }
    });

    after(() => fs.rmSync(fixtureDir, { recursive: true, force: true }));

    it("covers the encodings the issue names", () => {
        const names = files.map((f) => path.basename(f));
        for (const name of ["ExplVR_BigEnd.dcm", "MR_small_implicit.dcm", "image_dfl.dcm", "rich_deflated.dcm", "rich_undefined_lengths.dcm",
            "priv_SQ.dcm", "nested_priv_SQ.dcm", "UN_sequence.dcm", "rtdose.dcm", "chrJapMulti.dcm", "chrSQEncoding.dcm", "latin1.dcm"]) {
            assert.ok(names.includes(name), `${name} is missing`);
        }
        assert.ok(files.length > 100, `only ${files.length} files`);
    });

    it("matches the oracle on every file both read", () => {
        let compared = 0;
        const mismatches: string[] = [];
        for (const file of files) {
            const expected = oracle.get(file)!;
            const item = mapped.get(file);
            if (expected.error !== undefined || item === undefined) continue;
            compared++;
            const differences = compareDatasets(item.dicom as never, normalizeOracle(expected.dicom!), file);
            if (item.TransferSyntaxUID !== expected.transferSyntaxUid) mismatches.push(`${file}: transfer syntax`);
            if (differences.length > 0) mismatches.push(`${file}: ${JSON.stringify(differences.slice(0, 3))}`);
        }
        assert.deepEqual(mismatches, []);
        assert.ok(compared > 100, `only ${compared} files compared`);
    });

    it("rejects exactly the listed files, with their reasons", () => {
        const rejected = Object.fromEntries(files.filter((f) => ours.get(f)!.error !== undefined).map((f) => [path.basename(f), ours.get(f)!.error]));
        assert.deepEqual(rejected, Object.fromEntries(Object.entries(EXPECTED_REJECTIONS).map(([name, { error }]) => [name, error])));
    });

    it("reads the files pydicom cannot, as documented", () => {
        const failed = files.filter((f) => oracle.get(f)!.error !== undefined && mapped.has(f));
        assert.deepEqual(failed.map((f) => path.basename(f)), Object.keys(PYDICOM_FAILURES));
        for (const file of failed) PYDICOM_FAILURES[path.basename(file)].check(mapped.get(file)!);
    });

    it("references bulk and oversized values instead of inlining them", () => {
        for (const name of ["rich_explicit_le.dcm", "rich_deflated.dcm"]) {
            const dicom = ours.get(path.join(fixtureDir, name))!.item!.dicom as Record<string, { BulkDataURI?: string }>;
            for (const tag of ["00291010", "30060050", "7FE00010"]) assert.ok(dicom[tag].BulkDataURI, `${name} ${tag}`);
        }
        const dicom = ours.get(path.join(fixtureDir, "rich_explicit_le.dcm"))!.item!.dicom as Record<string, unknown>;
        assert.match(JSON.stringify(dicom["00291010"]), /^\{"vr":"OB","BulkDataURI":"rich_explicit_le.dcm\?offset=\d+&length=100000"\}$/);
    });
});
