/**
 * Reading findscu's answers (dimse.ts), on its verbose output as captured from Debian 13's DCMTK 3.6.9 against
 * Orthanc 1.12.7: one answer with an even-length UID, one with an odd-length UID and its padding NUL on the wire.
 */
import * as assert from "assert";
import { answeredStudyUids } from "./dimse";

function findscuOutput(answers: string[]): string {
    const request = [
        "I: Requesting Association",
        "I: Association Accepted (Max Send PDV: 16372)",
        "I: Sending Find Request (MsgID 1)",
        "I: Request Identifiers:",
        "I: ",
        "I: # Dicom-Data-Set",
        "I: # Used TransferSyntax: Little Endian Explicit",
        "I: (0008,0052) CS [STUDY]                                  #   6, 1 QueryRetrieveLevel",
        "I: (0010,0020) LO [NET-QR]                                 #   6, 1 PatientID",
        "I: (0020,000d) UI (no value available)                     #   0, 0 StudyInstanceUID",
        "I: ",
    ];
    const responses = answers.flatMap((studyUidLine, index) => [
        "I: ---------------------------",
        `I: Find Response: ${index + 1} (Pending)`,
        "I: ",
        "I: # Dicom-Data-Set",
        "I: # Used TransferSyntax: Little Endian Explicit",
        "I: (0008,0005) CS [ISO_IR 100]                             #  10, 1 SpecificCharacterSet",
        "I: (0008,0052) CS [STUDY ]                                 #   6, 1 QueryRetrieveLevel",
        "I: (0008,0054) AE [PACS]                                   #   4, 1 RetrieveAETitle",
        "I: (0010,0020) LO [NET-QR]                                 #   6, 1 PatientID",
        studyUidLine,
        "I: ",
    ]);
    return ["", ...request, ...responses, "I: Received Final Find Response (Success)", "I: Releasing Association", ""].join("\n");
}

const EVEN = "I: (0020,000d) UI [2.25.229408815239458339765237092509183643531] #  44, 1 StudyInstanceUID";
const ODD_PADDED = "I: (0020,000d) UI [2.25.12345678901234567890123456789012345678\u0000] #  44, 1 StudyInstanceUID";

describe("findscu's answers (test/support/dimse.ts)", () => {
    it("reads an even-length Study Instance UID as printed", () => {
        assert.deepStrictEqual(answeredStudyUids(findscuOutput([EVEN])), ["2.25.229408815239458339765237092509183643531"]);
    });

    it("drops the NUL that pads an odd-length UID on the wire", () => {
        assert.deepStrictEqual(answeredStudyUids(findscuOutput([ODD_PADDED])), ["2.25.12345678901234567890123456789012345678"]);
    });

    it("reads every answer, in order, and none when there was no match", () => {
        assert.deepStrictEqual(answeredStudyUids(findscuOutput([ODD_PADDED, EVEN])),
            ["2.25.12345678901234567890123456789012345678", "2.25.229408815239458339765237092509183643531"]);
        assert.deepStrictEqual(answeredStudyUids(findscuOutput([])), []);
    });

    it("throws on an answer whose UID it cannot read, instead of reporting no match", () => {
        assert.throws(() => answeredStudyUids(findscuOutput(["I: (0020,000d) UI (no value available)                     #   0, 0 StudyInstanceUID"])),
            /^Error: A C-FIND answer without a readable Study Instance UID:\nI: \nI: # Dicom-Data-Set/);
        assert.throws(() => answeredStudyUids(findscuOutput(["I: (0020,000d) UI [2.25.1\u0000\u0000] #   8, 1 StudyInstanceUID"])),
            /A C-FIND answer without a readable Study Instance UID/);
    });
});
