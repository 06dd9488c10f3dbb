/**
 * DCMTK's query/retrieve tools as a declared modality would use them against Orthanc, and a storage SCP (plain or
 * DICOM TLS) for Orthanc to send to, all run inside the sandbox where the local Orthanc nodes listen (sandbox.ts).
 * Debian's DCMTK needs TCP_NODELAY=1 (see orthanc-runtime.md).
 */
import { ChildProcess } from "child_process";
import { mkdirSync, readdirSync } from "fs";
import { join } from "path";
import { freePort } from "./freePort";
import { CommandResult, run, stop, waitFor } from "./processes";
import { sandbox } from "./sandbox";

const DCMTK_ENV = { TCP_NODELAY: "1" };

/** A DCMTK command inside the sandbox. */
export async function dcmtk(command: string, args: string[]): Promise<CommandResult> {
    return (await sandbox()).run(command, args, { env: DCMTK_ENV });
}

export interface Association { callingAet: string; calledAet: string; port: number }

function peer(association: Association): string[] {
    return ["-aet", association.callingAet, "-aec", association.calledAet, "127.0.0.1", String(association.port)];
}

/** What a C-FIND answered: the Study Instance UID of every answer, and findscu's output (for failure messages). */
export interface FindAnswers { studyInstanceUids: string[]; output: string }

/**
 * The Study Instance UID of each answer in findscu's verbose output (`-v`), in order. findscu prints every value as
 * it came off the wire: it leaves DCMTK's input correction off unless given `+dc` (DCMTK 3.6.9 findscu.cc, option
 * `--disable-correction` the default; the stripping is in dcbytstr.cc `makeMachineByteString`). So an odd-length
 * UID keeps the single trailing NUL that pads a UI value to even length (DICOM PS3.5 §6.2, VR UI), e.g.
 * `UI [2.25.1234\0]`; the padding is dropped here. An answer whose UID cannot be read throws, quoting it, so an
 * output this parser does not know shows as an error rather than as "no match".
 */
export function answeredStudyUids(output: string): string[] {
    // The request identifiers come first; each "Find Response: n (Pending)" starts one answer's data set.
    const answers = output.split(/^I: Find Response: \d+ \(Pending\)$/m).slice(1);
    return answers.map((answer) => {
        const value = /^I: \(0020,000d\) UI \[([^\]]*)\]/m.exec(answer)?.[1]?.replace(/\0$/, "");
        if (value === undefined || !/^[0-9]+(\.[0-9]+)*$/.test(value)) {
            throw new Error(`A C-FIND answer without a readable Study Instance UID:${answer}`);
        }
        return value;
    });
}

/** Study-root C-FIND at study level for a patient; resolves with the Study Instance UIDs answered. */
export async function findStudies(association: Association, patientId: string): Promise<FindAnswers> {
    const { stdout, stderr } = await dcmtk("findscu", [
        "-v", "-S", "-k", "QueryRetrieveLevel=STUDY", "-k", `PatientID=${patientId}`, "-k", "StudyInstanceUID", ...peer(association),
    ]);
    const output = `${stdout}\n${stderr}`;
    return { studyInstanceUids: answeredStudyUids(output), output };
}

/** C-GET of a study into `directory`; resolves with the files received. */
export async function getStudy(association: Association, studyInstanceUid: string, directory: string): Promise<string[]> {
    mkdirSync(directory, { recursive: true });
    await dcmtk("getscu", [
        "-S", "-k", "QueryRetrieveLevel=STUDY", "-k", `StudyInstanceUID=${studyInstanceUid}`, "-od", directory, ...peer(association),
    ]);
    return readdirSync(directory);
}

/** C-MOVE of a study to `destination`; rejects with movescu's output when the move fails (movescu exits non-zero). */
export function moveStudy(association: Association, studyInstanceUid: string, destination: string): Promise<CommandResult> {
    return dcmtk("movescu", [
        "-v", "-S", "-k", "QueryRetrieveLevel=STUDY", "-k", `StudyInstanceUID=${studyInstanceUid}`, "-aem", destination, ...peer(association),
    ]);
}

export interface StorageScp { aeTitle: string; port: number; directory: string; received(): string[]; stop(): Promise<void> }

/**
 * `storescp` as a modality receiving from Orthanc. With `tls`, it speaks DICOM TLS with its own key and
 * certificate and requires the caller's certificate, trusting `tls.trusted` (Orthanc's).
 */
export async function startStorageScp(workDir: string, aeTitle: string, tls?: { key: string; certificate: string; trusted: string }): Promise<StorageScp> {
    const port = await freePort();
    const directory = join(workDir, `scp-${aeTitle.toLowerCase()}`);
    mkdirSync(directory, { recursive: true });
    // It also trusts its own certificate, which the readiness probe below presents.
    const tlsArgs = tls ? ["+tls", tls.key, tls.certificate, "+cf", tls.trusted, "+cf", tls.certificate, "--require-peer-cert"] : [];
    const child: ChildProcess = (await sandbox()).start("storescp", ["-v", "-aet", aeTitle, "-od", directory, ...tlsArgs, String(port)],
        join(workDir, `scp-${aeTitle.toLowerCase()}.log`), { env: DCMTK_ENV });
    const probe = tls ? ["+tls", tls.key, tls.certificate, "+cf", tls.certificate] : [];
    await waitFor(async () => {
        await dcmtk("echoscu", [...probe, "-aet", "PROBE", "-aec", aeTitle, "127.0.0.1", String(port)]);
        return true;
    }, 20_000, () => `storescp ${aeTitle} did not come up`, () => child.exitCode !== null);
    return { aeTitle, port, directory, received: () => readdirSync(directory), stop: () => stop(child) };
}

/** A key and a self-signed certificate (PEM) for a test node's DICOM TLS. */
export async function selfSignedIdentity(workDir: string, name: string): Promise<{ key: string; certificate: string }> {
    const key = join(workDir, `${name}-key.pem`);
    const certificate = join(workDir, `${name}-cert.pem`);
    await run("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate, "-days", "2", "-subj", `/CN=${name}`]);
    return { key, certificate };
}
