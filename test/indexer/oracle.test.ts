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


const NO_SOP_INSTANCE = "truncated or not an instance: the data set has no SOP Instance UID (0008,0018)";
/** Orthanc refuses these too (404 "Inexistent tag", test/indexer/orthancAcceptance.test.ts): it needs the SOP Instance UID. */
const FRAGMENT = "a pydicom test fragment without the SOP Common module, which Orthanc refuses too";
const NOT_DICOM = (inner: string) => `not a DICOM file: no DICM prefix at offset 128, and no data set at offset 0 (${inner})`;

/**
 * Files the indexer rejects, with its exact reason and why that is right although pydicom reads some of them.
 * `mapped`: the file is well-formed but not an instance (completeness.ts); its data set is still mapped,
 * through scanHeader, and compared with the oracle, so these fragments keep testing the mapping.
 */
const EXPECTED_REJECTIONS: Record<string, { error: string; why: string; mapped?: true }> = {
    "UN_sequence.dcm": { error: NO_SOP_INSTANCE, why: FRAGMENT, mapped: true },
    "priv_SQ.dcm": { error: NO_SOP_INSTANCE, why: FRAGMENT, mapped: true },
    "nested_priv_SQ.dcm": { error: NO_SOP_INSTANCE, why: FRAGMENT, mapped: true },
    "no_meta_group_length.dcm": { error: NO_SOP_INSTANCE, why: FRAGMENT, mapped: true },
    "chrSQEncoding.dcm": { error: NO_SOP_INSTANCE, why: FRAGMENT, mapped: true },
    "chrSQEncoding1.dcm": { error: NO_SOP_INSTANCE, why: FRAGMENT, mapped: true },
    "empty_charset_LEI.dcm": { error: NO_SOP_INSTANCE, why: FRAGMENT, mapped: true },
    "meta_missing_tsyntax.dcm": { error: NO_SOP_INSTANCE, why: FRAGMENT, mapped: true },
    "no_meta.dcm": { error: NOT_DICOM("truncated: the value of (0820,0500) at offset 8 needs 173228808 bytes, the data has 38871"),
        why: "a stray byte before its first element; Orthanc refuses it too (400), pydicom reads it only when forced" },
    "README": { error: NOT_DICOM("truncated: the value of (2222,5422) at offset 8 needs 544829041 bytes, the data has 1206"), why: "a text file" },
    "README.txt": { error: NOT_DICOM("truncated: the value of (6E49,7420) at offset 8 needs 544434544 bytes, the data has 719"), why: "a text file" },
    "MR_truncated.dcm": { error: "truncated: Pixel Data needs 9692 bytes, the object has 9630", why: "pydicom returns a cut Pixel Data value without complaint" },
    "rtplan_truncated.dcm": { error: "truncated: the value of (300A,012C) at offset 2100 needs 2150 bytes, the data has 2129", why: "pydicom returns the elements before the cut" },
    "DICOMDIR-nooffset": { error: "truncated: the element header at offset 11092 needs 11100 bytes, the data has 11092", why: "its last undefined-length sequence is never delimited; pydicom stops at the end of the file" },
};

const OTHER_INSTANCE = "the data set's SOP Instance UID (0008,0018) differs from the File Meta Information's Media Storage SOP Instance UID (0002,0003) (PS3.10 7.1)";
const NO_PIXELS = "an image without pixel data: the data set has Rows/Columns but no (7FE0,0010), (7FE0,0008), (7FE0,0009) (cut short, or written so)";
const BARE = "no File Meta Information: a bare data set, not a DICOM Part 10 file (PS3.10 7.1); the encoding was detected from the first element, as DCMTK does";

/**
 * Files indexed with warnings (Orthanc stores each of them as uploaded): pydicom's hand-edited copies whose meta
 * group names another SOP instance, character set samples with Rows and Columns but no pixels, bare data sets,
 * and a JPEG file whose data set is implicit VR under an explicit transfer syntax. Every other file has none.
 */
const EXPECTED_WARNINGS: Record<string, string[]> = {
    "badVR.dcm": [OTHER_INSTANCE], "rtdose.dcm": [OTHER_INSTANCE], "rtdose_1frame.dcm": [OTHER_INSTANCE], "rtdose_expb.dcm": [OTHER_INSTANCE],
    "rtdose_expb_1frame.dcm": [OTHER_INSTANCE], "rtplan.dcm": [OTHER_INSTANCE],
    "chrJapMulti.dcm": [OTHER_INSTANCE, NO_PIXELS], "chrJapMultiExplicitIR6.dcm": [OTHER_INSTANCE, NO_PIXELS], "chrKoreanMulti.dcm": [NO_PIXELS],
    "ExplVR_BigEndNoMeta.dcm": [BARE], "ExplVR_LitEndNoMeta.dcm": [BARE], "rtstruct.dcm": [BARE],
    "SC_rgb_jpeg.dcm": ["the data set is encoded in implicit VR, its Transfer Syntax UID (0002,0010) says explicit VR: read as encoded, as DCMTK and pydicom do"],
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

    it("names what is wrong with a file in its item's warnings", () => {
        const warned = Object.fromEntries(files.filter((f) => ours.get(f)!.item?.warnings !== undefined)
            .map((f) => [path.basename(f), ours.get(f)!.item!.warnings]));
        assert.deepEqual(warned, EXPECTED_WARNINGS);
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
