/** Minimal DICOMweb and DIMSE client calls used by the real-runtime tests and the benchmark. */
import { randomBytes } from "crypto";
import { readFileSync } from "fs";
import { sandbox } from "./sandbox";

export function basicAuth(username: string, password: string): string {
    return `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
}

/** Environment of DCMTK tools: Debian's DCMTK leaves Nagle's algorithm on unless told otherwise. */
const DCMTK_ENV = { TCP_NODELAY: "1" };

/** C-ECHO from the sandbox's DCMTK to a port of the sandbox (a local Orthanc's `dicomPort`). */
export async function echo(port: number, calledAet: string): Promise<unknown> {
    return (await sandbox()).run("echoscu", ["-aet", "TESTSCU", "-aec", calledAet, "127.0.0.1", String(port)], { env: DCMTK_ENV });
}

/** C-STORE of `files` (under os.tmpdir()) in one association, from the sandbox's DCMTK. */
export async function store(port: number, calledAet: string, files: string[]): Promise<unknown> {
    return (await sandbox()).run("storescu", ["-aet", "TESTSCU", "-aec", calledAet, "127.0.0.1", String(port), ...files], { env: DCMTK_ENV });
}

/** STOW-RS of DICOM files in one multipart/related request; returns status and the JSON response. */
export async function stow(baseUrl: string, authorization: string, files: string[]): Promise<{ status: number; body: Record<string, { Value?: unknown[] }> }> {
    const boundary = `stow-${randomBytes(8).toString("hex")}`;
    const parts = files.flatMap((file) => [
        Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`), readFileSync(file), Buffer.from("\r\n"),
    ]);
    const response = await fetch(`${baseUrl}/dicom-web/studies`, {
        method: "POST",
        headers: {
            authorization,
            accept: "application/dicom+json",
            "content-type": `multipart/related; type="application/dicom"; boundary=${boundary}`,
        },
        body: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]),
    });
    return { status: response.status, body: await response.json() as Record<string, { Value?: unknown[] }> };
}

/** GET returning parsed DICOM JSON (QIDO-RS, WADO-RS metadata). */
export async function getDicomJson(url: string, authorization: string): Promise<Array<Record<string, { Value?: unknown[] }>>> {
    const response = await fetch(url, { headers: { authorization, accept: "application/dicom+json" } });
    if (response.status !== 200) {
        throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
    }
    return await response.json() as Array<Record<string, { Value?: unknown[] }>>;
}

/** First value of a DICOM JSON attribute (tag as 8 hex digits). */
export function firstValue(item: Record<string, { Value?: unknown[] }>, tag: string): unknown {
    return item[tag]?.Value?.[0];
}
