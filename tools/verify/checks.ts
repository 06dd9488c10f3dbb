/**
 * The deployment checks of `npm run verify`, in the order a modality owner would try them: the certificate and
 * TLS version on both ports, C-ECHO to the AE title, REST refused without and accepted with credentials, then a
 * generated test instance through STOW-RS, QIDO-RS and WADO-RS (and the metadata pipeline's item, when it is on),
 * deleted again at the end whatever happened in between. Each check yields one line; nothing secret is printed.
 */
import { randomBytes } from "crypto";
import { dicomEcho } from "./dicomEcho";
import { basicAuthorization, firstValue, httpsCall, OrthancCredentials, parseJson, stowBody } from "./orthancClient";
import { VerifyTarget } from "./stackOutputs";
import { createTestInstance, TestInstance } from "./testInstance";
import { ACCEPTED_TLS_VERSIONS, daysUntil, probeLegacyTlsRefused, probeTls, TlsTrust } from "./tlsProbe";

export type CheckOutcome = "pass" | "fail" | "skip";
export interface CheckResult { name: string; outcome: CheckOutcome; detail: string }

export interface VerifyDependencies {
    /** The break-glass administrator's credentials (from Secrets Manager when run for real). */
    credentials(): Promise<OrthancCredentials>;
    /** True once the metadata pipeline's table holds a live item for the instance. */
    pipelineIndexed(tableName: string, instance: TestInstance): Promise<boolean>;
    now(): Date;
    /** How long the pipeline may take to index the instance. */
    pipelineDeadlineMs: number;
    pipelinePollMs: number;
}

const SOP_INSTANCE_UID = "00080018";
const FAILED_SOP_SEQUENCE = "00081198";
const REFERENCED_SOP_SEQUENCE = "00081199";

class Skip extends Error {}

export async function runVerification(target: VerifyTarget, deps: VerifyDependencies): Promise<CheckResult[]> {
    const results: CheckResult[] = [];
    // DICOM TLS is the NLB's (certificatePem); HTTPS the ALB's, which holds its own certificate (webCertificatePem).
    const dicomTrust: TlsTrust = { ca: target.certificatePem };
    const trust: TlsTrust = { ca: target.webCertificatePem ?? target.certificatePem };
    const separateWebCertificate = target.webCertificatePem !== undefined && target.webCertificatePem !== target.certificatePem;
    const check = async <T>(name: string, body: () => Promise<{ detail: string; value?: T }>): Promise<T | undefined> => {
        try {
            const { detail, value } = await body();
            results.push({ name, outcome: "pass", detail });
            return value;
        } catch (error) {
            const outcome = error instanceof Skip ? "skip" : "fail";
            results.push({ name, outcome, detail: error instanceof Error ? error.message : String(error) });
            return undefined;
        }
    };

    const httpsPort = Number(target.httpsUrl.port || 443);
    const fingerprints: string[] = [];
    for (const [label, host, port] of [["https", target.httpsUrl.hostname, httpsPort], ["dicom", target.dicomHost, target.dicomPort]] as const) {
        await check(`tls ${label} ${host}:${port}`, async () => {
            const probe = await probeTls(host, port, label === "https" ? trust : dicomTrust);
            if (!ACCEPTED_TLS_VERSIONS.includes(probe.protocol)) throw new Error(`negotiated ${probe.protocol}; only ${ACCEPTED_TLS_VERSIONS.join(", ")} are acceptable`);
            const days = daysUntil(probe.validTo, deps.now());
            if (days < 0) throw new Error(`certificate expired on ${probe.validTo.toISOString()}`);
            fingerprints.push(probe.fingerprint);
            const refusal = await probeLegacyTlsRefused(host, port);
            return { detail: `${probe.protocol}, TLS 1.1 refused (${refusal}), certificate "${probe.subject}" valid ${days} more days (until ${probe.validTo.toISOString().slice(0, 10)})` };
        });
    }
    await check("tls same certificate on both ports", async () => {
        if (separateWebCertificate) throw new Skip("the web and DICOM load balancers hold their own certificates, each checked against its own PEM above");
        if (fingerprints.length !== 2) throw new Skip("a port's handshake failed");
        if (fingerprints[0] !== fingerprints[1]) throw new Error("the two listeners present different certificates");
        return { detail: `SHA-256 ${fingerprints[0].slice(0, 23)}…` };
    });

    await check(`dicom c-echo ${target.dicomAeTitle}@${target.dicomHost}:${target.dicomPort}`, async () => {
        await dicomEcho(target.dicomHost, target.dicomPort, target.dicomAeTitle, dicomTrust);
        return { detail: "Success over DICOM TLS" };
    });

    const systemUrl = new URL("/system", target.httpsUrl);
    await check("rest refused without credentials", async () => {
        const answer = await httpsCall(systemUrl, trust);
        if (answer.status !== 401) throw new Error(`GET /system without credentials answered ${answer.status}, expected 401`);
        return { detail: "GET /system → 401" };
    });
    const credentials = await check("rest accepted with credentials", async () => {
        const value = await deps.credentials();
        const answer = await httpsCall(systemUrl, trust, { headers: { authorization: basicAuthorization(value) } });
        if (answer.status !== 200) throw new Error(`GET /system with the administrator's credentials answered ${answer.status}, expected 200`);
        const version = (parseJson(answer) as { Version?: string }).Version;
        return { detail: `GET /system → 200 (Orthanc ${version ?? "?"})`, value };
    });

    const instance = await createTestInstance();
    const authorization = credentials ? basicAuthorization(credentials) : undefined;
    const withCredentials = (): Record<string, string> => {
        if (authorization === undefined) throw new Skip("no working credentials");
        return { authorization };
    };
    const dicomWeb = (path: string): URL => new URL(`${target.dicomWebRoot.pathname.replace(/\/$/, "")}${path}`, target.dicomWebRoot);

    const stored = await check("stow-rs test instance", async () => {
        const boundary = `verify-${randomBytes(8).toString("hex")}`;
        const answer = await httpsCall(dicomWeb("/studies"), trust, {
            method: "POST",
            headers: { ...withCredentials(), "content-type": `multipart/related; type="application/dicom"; boundary=${boundary}`, accept: "application/dicom+json" },
            body: stowBody(instance.bytes, boundary),
        });
        const body = answer.status === 200 ? parseJson(answer) : undefined;
        const referenced = (body as Record<string, { Value?: unknown[] }> | undefined)?.[REFERENCED_SOP_SEQUENCE]?.Value ?? [];
        if (answer.status !== 200 || referenced.length !== 1 || firstValue(body, FAILED_SOP_SEQUENCE) !== undefined) {
            throw new Error(`POST /studies answered ${answer.status} with ${referenced.length} stored instance(s)`);
        }
        return { detail: `stored ${instance.patientId} (${instance.bytes.length} bytes, synthetic, no patient data)`, value: true };
    });

    try {
        await check("qido-rs finds it", async () => {
            if (!stored) throw new Skip("nothing stored");
            const answer = await httpsCall(dicomWeb(`/instances?SOPInstanceUID=${instance.sopInstanceUid}`), trust, { headers: { ...withCredentials(), accept: "application/dicom+json" } });
            const matches = answer.status === 200 ? parseJson(answer) as unknown[] : [];
            if (matches.length !== 1 || firstValue(matches[0], SOP_INSTANCE_UID) !== instance.sopInstanceUid) {
                throw new Error(`GET /instances?SOPInstanceUID=… answered ${answer.status} with ${matches.length} match(es)`);
            }
            return { detail: "1 match" };
        });
        await check("wado-rs retrieves its metadata", async () => {
            if (!stored) throw new Skip("nothing stored");
            const path = `/studies/${instance.studyInstanceUid}/series/${instance.seriesInstanceUid}/instances/${instance.sopInstanceUid}/metadata`;
            const answer = await httpsCall(dicomWeb(path), trust, { headers: { ...withCredentials(), accept: "application/dicom+json" } });
            const metadata = answer.status === 200 ? parseJson(answer) as unknown[] : [];
            if (metadata.length !== 1 || firstValue(metadata[0], SOP_INSTANCE_UID) !== instance.sopInstanceUid) {
                throw new Error(`GET …/metadata answered ${answer.status} with ${metadata.length} instance(s)`);
            }
            return { detail: "SOP Instance UID matches" };
        });
        await check("pipeline indexes it", async () => {
            if (target.pipelineTableName === undefined) throw new Skip("metadata pipeline is off in this stack");
            if (!stored) throw new Skip("nothing stored");
            const started = deps.now().getTime();
            for (;;) {
                if (await deps.pipelineIndexed(target.pipelineTableName, instance)) {
                    return { detail: `item in ${target.pipelineTableName} after ${((deps.now().getTime() - started) / 1000).toFixed(1)} s` };
                }
                if (deps.now().getTime() - started >= deps.pipelineDeadlineMs) {
                    throw new Error(`no item in ${target.pipelineTableName} within ${deps.pipelineDeadlineMs / 1000} s`);
                }
                await new Promise((resolve) => setTimeout(resolve, deps.pipelinePollMs));
            }
        });
    } finally {
        await check("test instance deleted", async () => {
            if (!stored) throw new Skip("nothing stored");
            const headers = { ...withCredentials(), "content-type": "text/plain" };
            const lookup = await httpsCall(new URL("/tools/lookup", target.httpsUrl), trust, { method: "POST", headers, body: Buffer.from(instance.sopInstanceUid) });
            const found = (lookup.status === 200 ? parseJson(lookup) as Array<{ ID?: string; Type?: string }> : []).filter((entry) => entry.Type === "Instance");
            if (found.length !== 1 || found[0].ID === undefined) throw new Error(`POST /tools/lookup answered ${lookup.status} with ${found.length} instance(s)`);
            const removal = await httpsCall(new URL(`/instances/${found[0].ID}`, target.httpsUrl), trust, { method: "DELETE", headers: withCredentials() });
            if (removal.status !== 200) throw new Error(`DELETE /instances/${found[0].ID} answered ${removal.status}`);
            return { detail: `DELETE /instances/${found[0].ID} → 200` };
        });
    }
    return results;
}

/** `PASS name — detail`, one line per check. */
export function renderResults(results: CheckResult[]): string {
    return results.map((result) => `${result.outcome.toUpperCase().padEnd(4)} ${result.name} — ${result.detail}`).join("\n");
}

/** Exit status: 0 only when no check failed (a skipped check is one that does not apply). */
export function exitStatus(results: CheckResult[]): number {
    return results.some((result) => result.outcome === "fail") ? 1 : 0;
}
