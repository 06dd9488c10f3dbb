/** Small but valid DICOM files written with DCMTK's dump2dcm: one secondary-capture image per instance. */
import { randomBytes } from "crypto";
import { writeFileSync } from "fs";
import { join } from "path";
import { run } from "./processes";

const SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7";

/** A fresh UID under the UUID root 2.25 (ISO/IEC 9834-8), unique without a registered organisation root. */
export function newUid(): string {
    return `2.25.${BigInt(`0x${randomBytes(16).toString("hex")}`).toString(10)}`;
}

export interface DicomInstance { file: string; sopInstanceUid: string }
export interface DicomStudy { studyInstanceUid: string; seriesInstanceUid: string; patientId: string; instances: DicomInstance[] }

/**
 * Writes `count` 8×8 monochrome instances of one new study into `directory` (a new Study Instance UID unless given;
 * `patientName`: DICOM PN, `^` between parts).
 */
export async function writeStudy(directory: string, patientId: string, count: number, studyInstanceUid = newUid(),
    patientName = "Integration^Test"): Promise<DicomStudy> {
    const study: DicomStudy = { studyInstanceUid, seriesInstanceUid: newUid(), patientId, instances: [] };
    for (let number = 1; number <= count; number++) {
        const sopInstanceUid = newUid();
        const pixels = Array.from({ length: 64 }, (_, i) => ((i * 4 + number) % 256).toString(16).padStart(2, "0")).join("\\");
        const dump = [
            `(0008,0016) UI [${SECONDARY_CAPTURE}]`,
            `(0008,0018) UI [${sopInstanceUid}]`,
            "(0008,0060) CS [OT]",
            `(0010,0010) PN [${patientName}]`,
            `(0010,0020) LO [${patientId}]`,
            `(0020,000d) UI [${study.studyInstanceUid}]`,
            `(0020,000e) UI [${study.seriesInstanceUid}]`,
            "(0020,0011) IS [1]",
            `(0020,0013) IS [${number}]`,
            "(0028,0002) US 1",
            "(0028,0004) CS [MONOCHROME2]",
            "(0028,0010) US 8",
            "(0028,0011) US 8",
            "(0028,0100) US 8",
            "(0028,0101) US 8",
            "(0028,0102) US 7",
            "(0028,0103) US 0",
            `(7fe0,0010) OB ${pixels}`,
            "",
        ].join("\n");
        const dumpFile = join(directory, `${sopInstanceUid}.txt`);
        const file = join(directory, `${sopInstanceUid}.dcm`);
        writeFileSync(dumpFile, dump);
        await run("dump2dcm", ["+te", dumpFile, file]);
        study.instances.push({ file, sopInstanceUid });
    }
    return study;
}
