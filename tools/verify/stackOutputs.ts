/**
 * What `npm run verify` needs from a stack's outputs (`pulumi stack output --json`), checked before any probe runs:
 * a missing or malformed output is named, never guessed.
 */

export interface VerifyTarget {
    /** `https://<host>` of the web UI and REST API. */
    httpsUrl: URL;
    dicomWebRoot: URL;
    dicomHost: string;
    dicomPort: number;
    dicomAeTitle: string;
    /** Secrets Manager secret whose JSON holds `username` and `password` of the break-glass administrator. */
    adminSecretName: string;
    region: string;
    /** PEM of a self-signed endpoint certificate, trusted explicitly; absent with a public ACM certificate. */
    certificatePem?: string;
    /**
     * PEM of the web tier's own self-signed certificate (the Application Load Balancer's, output `webCertificatePem`),
     * trusted for HTTPS; absent with ACM, or for a stack whose one load balancer served both ports.
     */
    webCertificatePem?: string;
    /** DynamoDB table of the metadata pipeline, when it is on. */
    pipelineTableName?: string;
}

export class StackOutputError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "StackOutputError";
    }
}

function requireString(outputs: Record<string, unknown>, key: string): string {
    const value = outputs[key];
    if (typeof value !== "string" || value === "") {
        throw new StackOutputError(`stack output ${key} is missing or not a string; run \`pulumi up\` with this version of the program first`);
    }
    return value;
}

function requireUrl(outputs: Record<string, unknown>, key: string): URL {
    const text = requireString(outputs, key);
    try {
        const url = new URL(text);
        if (url.protocol !== "https:") throw new Error("not https");
        return url;
    } catch {
        throw new StackOutputError(`stack output ${key} is not an https URL: ${JSON.stringify(text)}`);
    }
}

/** Reads the outputs `verify` uses; the admin secret's name is `breakGlassSecretName` when the stack has one. */
export function verifyTarget(outputs: Record<string, unknown>): VerifyTarget {
    const port = outputs.dicomPort;
    if (typeof port !== "number" || !Number.isInteger(port) || port < 1 || port > 65535) {
        throw new StackOutputError(`stack output dicomPort is not a TCP port: ${JSON.stringify(port)}`);
    }
    const pipeline = outputs.metadataPipeline;
    const pipelineTableName = typeof pipeline === "object" && pipeline !== null && (pipeline as Record<string, unknown>).enabled === true
        ? requireString(pipeline as Record<string, unknown>, "tableName")
        : undefined;
    const certificatePem = outputs.certificatePem;
    const webCertificatePem = outputs.webCertificatePem;
    return {
        httpsUrl: requireUrl(outputs, "httpsUrl"),
        dicomWebRoot: requireUrl(outputs, "dicomWebRoot"),
        dicomHost: requireString(outputs, "dicomHost"),
        dicomPort: port,
        dicomAeTitle: requireString(outputs, "dicomAeTitle"),
        adminSecretName: typeof outputs.breakGlassSecretName === "string" ? outputs.breakGlassSecretName : requireString(outputs, "adminSecretName"),
        region: requireString(outputs, "region"),
        certificatePem: typeof certificatePem === "string" && certificatePem !== "" ? certificatePem : undefined,
        webCertificatePem: typeof webCertificatePem === "string" && webCertificatePem !== "" ? webCertificatePem : undefined,
        pipelineTableName,
    };
}
