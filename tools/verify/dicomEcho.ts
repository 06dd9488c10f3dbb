/** C-ECHO over DICOM TLS with dcmjs-dimse: the one DIMSE request every modality's "test connection" sends. */
import { Client, constants, log, requests } from "dcmjs-dimse";
import { TlsTrust } from "./tlsProbe";

/** The calling AE title of the check; Orthanc accepts any calling AE unless modalities are restricted. */
export const VERIFY_CALLING_AE_TITLE = "ORTHANC-VERIFY";

/** Resolves when the SCP answers the C-ECHO with Success; rejects with why not (rejection, abort, network error). */
export function dicomEcho(host: string, port: number, calledAeTitle: string, trust: TlsTrust, timeoutMs = 15_000): Promise<void> {
    log.setLevel("silent");
    return new Promise((resolve, reject) => {
        const client = new Client();
        const request = new requests.CEchoRequest();
        let status: number | undefined;
        request.on("response", (response) => {
            status = response.getStatus();
        });
        client.addRequest(request);
        client.on("associationRejected", (result) => reject(new Error(`association rejected (${JSON.stringify(result)})`)));
        client.on("networkError", (error) => reject(error instanceof Error ? error : new Error(String(error))));
        client.on("closed", () => {
            if (status === constants.Status.Success) resolve();
            else reject(new Error(status === undefined ? "no C-ECHO response" : `C-ECHO status 0x${status.toString(16)}`));
        });
        client.send(host, port, VERIFY_CALLING_AE_TITLE, calledAeTitle, {
            connectTimeout: timeoutMs, associationTimeout: timeoutMs, pduTimeout: timeoutMs,
            securityOptions: { ca: trust.ca, minVersion: "TLSv1.2", rejectUnauthorized: true },
        });
    });
}
