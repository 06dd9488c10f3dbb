/**
 * The instance `verify` stores and deletes again: a tiny secondary-capture image with no patient data — a fixed
 * synthetic name and an ID that says what it is — and fresh UIDs, so that it can never be mistaken for, or collide
 * with, a real study.
 */
import { randomBytes } from "crypto";
import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { constants, Dataset } from "dcmjs-dimse";

const SECONDARY_CAPTURE_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.7";
export const VERIFY_PATIENT_NAME = "VERIFY^ORTHANC-AWS";
const SIDE = 8;

export interface TestInstance {
    studyInstanceUid: string;
    seriesInstanceUid: string;
    sopInstanceUid: string;
    patientId: string;
    /** The DICOM Part 10 file. */
    bytes: Buffer;
}

/** A fresh UID under the UUID root 2.25 (ISO/IEC 9834-8): unique without a registered organisation root. */
export function uuidUid(): string {
    return `2.25.${BigInt(`0x${randomBytes(16).toString("hex")}`).toString(10)}`;
}

export async function createTestInstance(): Promise<TestInstance> {
    const ids = { studyInstanceUid: uuidUid(), seriesInstanceUid: uuidUid(), sopInstanceUid: uuidUid() };
    const patientId = `VERIFY-${randomBytes(4).toString("hex").toUpperCase()}`;
    const pixels = Uint8Array.from({ length: SIDE * SIDE }, (_, index) => (index * 4) % 256);
    const dataset = new Dataset({
        SOPClassUID: SECONDARY_CAPTURE_IMAGE_STORAGE,
        SOPInstanceUID: ids.sopInstanceUid,
        StudyInstanceUID: ids.studyInstanceUid,
        SeriesInstanceUID: ids.seriesInstanceUid,
        PatientName: VERIFY_PATIENT_NAME,
        PatientID: patientId,
        StudyDescription: "orthanc-aws deployment check (deleted after the check)",
        Modality: "OT",
        ConversionType: "SYN",
        SeriesNumber: "1",
        InstanceNumber: "1",
        SamplesPerPixel: 1,
        PhotometricInterpretation: "MONOCHROME2",
        Rows: SIDE,
        Columns: SIDE,
        BitsAllocated: 8,
        BitsStored: 8,
        HighBit: 7,
        PixelRepresentation: 0,
        PixelData: [pixels.buffer],
        // dcmjs needs the VR of Pixel Data spelled out (8-bit samples: OB).
        _vrMap: { PixelData: "OB" },
    }, constants.TransferSyntax.ExplicitVRLittleEndian);
    const directory = mkdtempSync(join(tmpdir(), "orthanc-verify-"));
    try {
        const file = join(directory, "instance.dcm");
        await new Promise<void>((resolve, reject) => dataset.toFile(file, (error) => (error ? reject(error) : resolve())));
        return { ...ids, patientId, bytes: readFileSync(file) };
    } finally {
        rmSync(directory, { recursive: true, force: true });
    }
}
