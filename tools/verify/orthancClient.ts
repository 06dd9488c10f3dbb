/** The REST and DICOMweb calls `verify` makes, over HTTPS with the stack's trust, credentials per call. */
import { request } from "https";
import { TlsTrust } from "./tlsProbe";

export interface HttpAnswer { status: number; body: Buffer; contentType: string }

export interface OrthancCredentials { username: string; password: string }

export function basicAuthorization(credentials: OrthancCredentials): string {
    return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64")}`;
}

/** One HTTPS exchange; `url` must be https. Verifies the certificate against `trust` and refuses TLS below 1.2. */
export function httpsCall(url: URL, trust: TlsTrust, init: { method?: string; headers?: Record<string, string>; body?: Buffer } = {}, timeoutMs = 30_000): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
        const call = request(url, {
            method: init.method ?? "GET", headers: init.headers, ca: trust.ca, minVersion: "TLSv1.2", rejectUnauthorized: true, timeout: timeoutMs,
        }, (response) => {
            const chunks: Buffer[] = [];
            response.on("data", (chunk: Buffer) => chunks.push(chunk));
            response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks), contentType: String(response.headers["content-type"] ?? "") }));
            response.on("error", reject);
        });
        call.on("timeout", () => call.destroy(new Error(`no answer within ${timeoutMs} ms`)));
        call.on("error", reject);
        call.end(init.body);
    });
}

/** A STOW-RS body: one `application/dicom` part (PS3.18 10.5). */
export function stowBody(instance: Buffer, boundary: string): Buffer {
    return Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`),
        instance,
        Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
}

/** First value of a DICOM JSON attribute (`{"00080018": {"vr": "UI", "Value": [...]}}`). */
export function firstValue(item: unknown, tag: string): unknown {
    const attribute = (item as Record<string, { Value?: unknown[] }> | undefined)?.[tag];
    return attribute?.Value?.[0];
}

export function parseJson(answer: HttpAnswer): unknown {
    try {
        return JSON.parse(answer.body.toString("utf8"));
    } catch {
        throw new Error(`expected JSON, got ${answer.contentType || "no content type"} (${answer.body.length} bytes)`);
    }
}
