/** One TLS handshake against an endpoint: the protocol it negotiated and the certificate it presented. */
import { connect, PeerCertificate } from "tls";

/** What the load balancer's policy allows (ELBSecurityPolicy-TLS13-1-2-Res-2021-06): TLS 1.2 and 1.3 only. */
export const ACCEPTED_TLS_VERSIONS = ["TLSv1.2", "TLSv1.3"];

export interface TlsProbeResult {
    protocol: string;
    /** SHA-256 fingerprint of the leaf certificate. */
    fingerprint: string;
    subject: string;
    validTo: Date;
}

export interface TlsTrust {
    /** Trusted roots; the system's when absent (a public ACM certificate). */
    ca?: string;
}

/**
 * Handshakes with `host:port`, verifying the chain against `trust` and the name against `host` (Node's
 * checkServerIdentity), and refusing anything below TLS 1.2. Rejects with the handshake's error.
 */
export function probeTls(host: string, port: number, trust: TlsTrust, timeoutMs = 10_000): Promise<TlsProbeResult> {
    return new Promise((resolve, reject) => {
        const socket = connect({
            host, port, ca: trust.ca, minVersion: "TLSv1.2", rejectUnauthorized: true,
            servername: /^[\d.]+$|:/.test(host) ? undefined : host,
        });
        socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no TLS handshake within ${timeoutMs} ms`)));
        socket.once("error", reject);
        socket.once("secureConnect", () => {
            const certificate: PeerCertificate = socket.getPeerCertificate();
            const result = {
                protocol: socket.getProtocol() ?? "unknown",
                fingerprint: certificate.fingerprint256,
                subject: [certificate.subject?.CN ?? ""].flat().join(", "),
                validTo: new Date(certificate.valid_to),
            };
            socket.end();
            resolve(result);
        });
    });
}

/**
 * Offers TLS 1.0–1.1 only (OpenSSL needs security level 0 to offer them at all) and resolves with the server's
 * refusal — a TLS alert such as `protocol_version` — or rejects when the server accepts them or cannot be reached.
 * The certificate is not checked here: this handshake is about the protocol alone.
 */
export function probeLegacyTlsRefused(host: string, port: number, timeoutMs = 10_000): Promise<string> {
    return new Promise((resolve, reject) => {
        const socket = connect({
            host, port, minVersion: "TLSv1", maxVersion: "TLSv1.1", ciphers: "DEFAULT@SECLEVEL=0", rejectUnauthorized: false,
            servername: /^[\d.]+$|:/.test(host) ? undefined : host,
        });
        socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer to a TLS 1.1 handshake within ${timeoutMs} ms`)));
        socket.once("error", (error: NodeJS.ErrnoException) => {
            if (/^ERR_SSL_(TLSV1|SSLV3)_ALERT_/.test(error.code ?? "")) resolve(error.code!.replace(/^ERR_SSL_(TLSV1|SSLV3)_ALERT_/, "").toLowerCase());
            else reject(error);
        });
        socket.once("secureConnect", () => {
            const protocol = socket.getProtocol();
            socket.end();
            reject(new Error(`accepts ${protocol}; only TLS 1.2 and 1.3 should be offered`));
        });
    });
}

/** Whole days from `now` until `validTo` (negative once expired). */
export function daysUntil(validTo: Date, now: Date): number {
    return Math.floor((validTo.getTime() - now.getTime()) / 86_400_000);
}
