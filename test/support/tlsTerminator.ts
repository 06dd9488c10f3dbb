/**
 * A local stand-in for the Network Load Balancer's TLS listeners: stunnel (Debian's stunnel4) terminating TLS 1.2+
 * with a throw-away self-signed certificate for `localhost`, and forwarding plain TCP to local ports.
 */
import { existsSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { freePort } from "./freePort";
import { run, startDaemon, stop, waitFor } from "./processes";
import { connect } from "net";

export interface TlsTerminator {
    /** Listening TLS port per forwarded plain port. */
    ports: Map<number, number>;
    certificatePem: string;
    stop(): Promise<void>;
}

const STUNNEL = "/usr/bin/stunnel4";

/** A self-signed certificate for `localhost` (subject alternative name included, as clients check it). */
export async function localhostCertificate(workDir: string, name: string): Promise<{ certFile: string; keyFile: string; pem: string }> {
    const certFile = join(workDir, `${name}.crt`);
    const keyFile = join(workDir, `${name}.key`);
    await run("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
        "-addext", "subjectAltName=DNS:localhost", "-keyout", keyFile, "-out", certFile]);
    return { certFile, keyFile, pem: readFileSync(certFile, "utf8") };
}

function accepting(port: number): Promise<boolean> {
    return new Promise((resolve) => {
        const socket = connect(port, "127.0.0.1", () => { socket.end(); resolve(true); });
        socket.on("error", () => resolve(false));
    });
}

/** `legacyTls`: also accept TLS 1.0/1.1 (a misconfigured terminator, for negative tests). */
export async function startTlsTerminator(workDir: string, targetPorts: number[], options: { legacyTls?: boolean } = {}): Promise<TlsTerminator> {
    if (!existsSync(STUNNEL)) throw new Error("stunnel4 is not installed (Debian package stunnel4; .ci/run installs it).");
    const { certFile, keyFile, pem } = await localhostCertificate(workDir, "terminator");
    const ports = new Map<number, number>();
    for (const target of targetPorts) ports.set(target, await freePort());
    const name = options.legacyTls ? "stunnel-legacy" : "stunnel";
    const configFile = join(workDir, `${name}.conf`);
    const logFile = join(workDir, `${name}.log`);
    writeFileSync(configFile, [
        "foreground = yes",
        "pid =",
        `cert = ${certFile}`,
        `key = ${keyFile}`,
        ...(options.legacyTls ? ["sslVersionMin = TLSv1", "ciphers = DEFAULT@SECLEVEL=0"] : ["sslVersionMin = TLSv1.2"]),
        ...[...ports].flatMap(([target, listen]) => [`[forward-${target}]`, `accept = 127.0.0.1:${listen}`, `connect = 127.0.0.1:${target}`]),
        "",
    ].join("\n"));
    const child = startDaemon(STUNNEL, [configFile], logFile);
    await waitFor(async () => (await Promise.all([...ports.values()].map(accepting))).every(Boolean), 15_000,
        () => `stunnel did not listen (exit code ${child.exitCode}):\n${existsSync(logFile) ? readFileSync(logFile, "utf8").slice(-2000) : ""}`,
        () => child.exitCode !== null);
    return { ports, certificatePem: pem, stop: () => stop(child) };
}
