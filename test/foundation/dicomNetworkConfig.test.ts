import * as assert from "assert";
import { execFileSync } from "child_process";
import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { parseStackConfig, StackConfigError } from "../../config/parse";

/** A real PEM certificate, made by openssl as a modality's vendor would. */
function certificatePem(): string {
    const directory = mkdtempSync(join(tmpdir(), "pem-"));
    try {
        execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", join(directory, "k.pem"),
            "-out", join(directory, "c.pem"), "-days", "2", "-subj", "/CN=archive"], { stdio: "ignore" });
        return readFileSync(join(directory, "c.pem"), "utf8");
    } finally {
        rmSync(directory, { recursive: true, force: true });
    }
}

function raw(settings: Record<string, unknown>): Record<string, string> {
    const base: Record<string, unknown> = { endpoint: { allowedCidrs: ["203.0.113.0/24"] }, ...settings };
    return Object.fromEntries([["aws:region", "us-east-1"], ...Object.entries(base).map(([key, value]) =>
        [`orthanc-aws:${key}`, typeof value === "string" ? value : JSON.stringify(value)])]);
}

function problemsOf(settings: Record<string, unknown>): string[] {
    try {
        parseStackConfig(raw(settings), "test");
    } catch (error) {
        assert.ok(error instanceof StackConfigError);
        return error.problems;
    }
    return [];
}

const CT = { name: "ct-1", aeTitle: "CT_ROOM_1", host: "203.0.113.10", port: 104, allow: ["echo", "store"] };

describe("stack config: viewers, DICOM network, private DICOM", () => {
    it("defaults to both viewers, no declared network and no private listener", () => {
        const config = parseStackConfig(raw({}), "test");
        assert.deepStrictEqual(config.viewers, ["stone", "ohif"]);
        assert.deepStrictEqual(config.dicomNetwork, { modalities: [], peers: [], dicomWebServers: [], trustedCertificates: undefined, clientCertificateSecretArn: undefined });
        assert.deepStrictEqual(config.privateDicom, { enabled: false, port: 104, onPremisesCidrs: [], vpn: undefined, directConnectGatewayId: undefined });
    });

    it("reads a modality with its defaults, a peer and a DICOMweb server", () => {
        const secret = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:pacs-peer-AbCdEf";
        const config = parseStackConfig(raw({
            viewers: ["ohif"],
            dicomNetwork: {
                modalities: [CT],
                peers: [{ name: "Research", url: "https://research.example.org/", credentialsSecretArn: secret }],
                dicomWebServers: [{ name: "CloudPacs", url: "https://pacs.example.com/dicom-web/" }],
            },
        }), "test");
        assert.deepStrictEqual(config.viewers, ["ohif"]);
        assert.deepStrictEqual(config.dicomNetwork.modalities, [{ ...CT, tls: false, manufacturer: "Generic" }]);
        assert.deepStrictEqual(config.dicomNetwork.peers, [{ name: "Research", url: "https://research.example.org/", credentialsSecretArn: secret }]);
        assert.deepStrictEqual(config.dicomNetwork.dicomWebServers, [{ name: "CloudPacs", url: "https://pacs.example.com/dicom-web/", credentialsSecretArn: undefined }]);
    });

    it("names every bad modality setting, with what is allowed", () => {
        assert.deepStrictEqual(problemsOf({
            dicomNetwork: { modalities: [{ name: "bad name", aeTitle: "WAY_TOO_LONG_AE_TITLE", host: "ct.example.org", port: 0, allow: ["echo", "push", "echo"], tls: "yes", colour: "red" }] },
        }), [
            "dicomNetwork.modalities[0].colour: unknown setting; known settings here are dicomNetwork.modalities[0].name, dicomNetwork.modalities[0].aeTitle, dicomNetwork.modalities[0].host, dicomNetwork.modalities[0].port, dicomNetwork.modalities[0].allow, dicomNetwork.modalities[0].tls, dicomNetwork.modalities[0].manufacturer",
            "dicomNetwork.modalities[0].host: \"ct.example.org\" is not allowed; use the modality's IPv4 address (Orthanc compares callers' addresses with it, so a DNS name would never match)",
            "dicomNetwork.modalities[0].name: \"bad name\" is not allowed; use 1–64 letters, digits, - and _, starting with a letter or digit (it appears in REST URLs)",
            "dicomNetwork.modalities[0].aeTitle: \"WAY_TOO_LONG_AE_TITLE\" is not allowed; use 1–16 characters of the DICOM default repertoire (printable ASCII), no backslash or control characters, not only spaces",
            "dicomNetwork.modalities[0].port: 0 is not allowed; use a whole number from 1 to 65535",
            "dicomNetwork.modalities[0].allow: \"push\" is not allowed; use some of echo, find, get, move, store",
            "dicomNetwork.modalities[0].allow: \"echo\" is not allowed; list each operation once",
            "dicomNetwork.modalities[0].tls: \"yes\" is not allowed; use true or false",
        ]);
    });

    it("requires the identifying settings of a modality", () => {
        assert.deepStrictEqual(problemsOf({ dicomNetwork: { modalities: [{}] } }), [
            "dicomNetwork.modalities[0].name: is required: a short name for the modality, e.g. ct-room-1",
            "dicomNetwork.modalities[0].aeTitle: is required: the modality's own AE title",
            "dicomNetwork.modalities[0].host: is required: the modality's IPv4 address",
            "dicomNetwork.modalities[0].port: is required: the modality's DICOM port, e.g. 104",
            "dicomNetwork.modalities[0].allow: is required: list what the modality may ask of Orthanc, some of echo, find, get, move, store ([] if it only receives)",
        ]);
    });

    it("refuses duplicates, Orthanc's own AE title, unusable addresses and callers outside the admitted networks", () => {
        assert.deepStrictEqual(problemsOf({
            endpoint: { allowedCidrs: ["203.0.113.0/24"], aeTitle: "PACS" },
            dicomNetwork: {
                modalities: [
                    CT,
                    { ...CT, name: "CT-1", aeTitle: "ct_room_1", host: "127.0.0.1" },
                    { ...CT, name: "self", aeTitle: "pacs", host: "198.51.100.4" },
                    { ...CT, name: "receiver", aeTitle: "RECEIVER", host: "198.51.100.5", allow: [] },
                ],
            },
        }), [
            "dicomNetwork.modalities[1].host: \"127.0.0.1\" is not allowed; use an address a modality can have (not 0/8, loopback, link-local, multicast or reserved)",
            "dicomNetwork.modalities: name \"ct-1\" is used twice (names are compared ignoring case)",
            "dicomNetwork.modalities: aeTitle \"CT_ROOM_1\" is used twice (Orthanc compares AE titles ignoring case, so it could not tell the two apart)",
            "dicomNetwork.modalities[2].aeTitle: \"pacs\" is not allowed; it is Orthanc's own AE title (endpoint.aeTitle); give the modality its own",
            "dicomNetwork.modalities[1].host: \"127.0.0.1\" is not allowed; it lies outside endpoint.allowedCidrs, so the modality could never reach Orthanc; add its network there",
            "dicomNetwork.modalities[2].host: \"198.51.100.4\" is not allowed; it lies outside endpoint.allowedCidrs, so the modality could never reach Orthanc; add its network there",
        ]);
    });

    it("requires trusted certificates for a TLS modality and reads only real PEM certificates", () => {
        assert.deepStrictEqual(problemsOf({ dicomNetwork: { modalities: [{ ...CT, tls: true }] } }), [
            "dicomNetwork.trustedCertificates: is required when a modality has tls: true: the PEM certificates (or their CA) Orthanc must trust when it connects to them",
        ]);
        const pem = certificatePem();
        assert.deepStrictEqual(problemsOf({ dicomNetwork: { modalities: [{ ...CT, tls: true }], trustedCertificates: pem } }), []);
        assert.deepStrictEqual(problemsOf({ dicomNetwork: { trustedCertificates: `${pem}-----BEGIN PRIVATE KEY-----\nMII\n-----END PRIVATE KEY-----\n` } }), [
            "dicomNetwork.trustedCertificates: holds text that is not a PEM certificate (only public certificates belong here, never a key)",
        ]);
        assert.deepStrictEqual(problemsOf({ dicomNetwork: { trustedCertificates: "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----" } }), [
            "dicomNetwork.trustedCertificates: certificate 1 cannot be read",
        ]);
    });

    it("holds peers and DICOMweb servers to https, names the image can give back, and Secrets Manager ARNs", () => {
        assert.deepStrictEqual(problemsOf({
            dicomNetwork: {
                peers: [
                    { name: "research", url: "http://research.example.org/", credentialsSecretArn: "research-secret" },
                    { name: "Research", url: "https://research.example.org/" },
                ],
                dicomWebServers: [{ name: "Research", url: "https://pacs.example.com/" }],
            },
        }), [
            "dicomNetwork.peers[0].url: \"http://research.example.org/\" is not allowed; use an https:// URL (patient data never travels in clear)",
            "dicomNetwork.peers[0].name: \"research\" is not allowed; use 1–32 letters and digits starting with a capital letter, e.g. MainPacs (the image's variable naming must give the name back)",
            "dicomNetwork.peers[0].credentialsSecretArn: \"research-secret\" is not allowed; use the ARN of a Secrets Manager secret, e.g. arn:aws:secretsmanager:us-east-1:123456789012:secret:name-AbCdEf",
            "dicomNetwork.peers: name \"research\" is used twice among peers and dicomWebServers",
        ]);
    });

    it("reads viewers as a subset of stone and ohif", () => {
        assert.deepStrictEqual(parseStackConfig(raw({ viewers: [] }), "test").viewers, []);
        assert.deepStrictEqual(problemsOf({ viewers: ["stone", "volview", "stone"] }), [
            "viewers: \"volview\" is not allowed; use some of stone, ohif (or [] for none)",
            "viewers: \"stone\" is not allowed; list each viewer once",
        ]);
    });

    it("reads a private listener with a static-route VPN, admitting on-premises modalities", () => {
        const config = parseStackConfig(raw({
            privateDicom: { enabled: true, onPremisesCidrs: ["192.168.10.0/24"], vpn: { customerGatewayIp: "198.51.100.1" } },
            dicomNetwork: { modalities: [{ ...CT, host: "192.168.10.20" }] },
        }), "test");
        assert.deepStrictEqual(config.privateDicom, {
            enabled: true, port: 104, onPremisesCidrs: ["192.168.10.0/24"], vpn: { customerGatewayIp: "198.51.100.1", bgpAsn: undefined }, directConnectGatewayId: undefined,
        });
    });

    it("keeps the private listener private: RFC 1918 ranges outside the VPC, a public VPN peer, a path from the site", () => {
        assert.deepStrictEqual(problemsOf({
            network: { cidrBlock: "10.20.0.0/16" },
            privateDicom: { enabled: true, onPremisesCidrs: ["0.0.0.0/0", "10.20.5.0/24", "172.16.0.0/12"], vpn: { customerGatewayIp: "10.0.0.1", bgpAsn: 7224 } },
        }), [
            "privateDicom.vpn.bgpAsn: 7224 is not allowed; AWS reserves 7224, 9059, 10124, 17943; use your device's ASN, e.g. a private one from 64512–65534",
            "privateDicom.onPremisesCidrs: \"0.0.0.0/0\" is not allowed; use private IPv4 ranges (10/8, 172.16/12, 192.168/16) in CIDR notation; plain DICOM never faces the internet",
            "privateDicom.onPremisesCidrs: \"10.20.5.0/24\" is not allowed; it overlaps the VPC (network.cidrBlock 10.20.0.0/16); routes to it would never leave the VPC",
            "privateDicom.vpn.customerGatewayIp: \"10.0.0.1\" is not allowed; use the device's public IPv4 address (AWS reaches it over the internet)",
        ]);
        assert.deepStrictEqual(problemsOf({ privateDicom: { enabled: true } }), [
            "privateDicom.onPremisesCidrs: is required with privateDicom.enabled: list the on-premises networks of the modalities, e.g. [\"192.168.10.0/24\"]",
            "privateDicom.vpn: privateDicom needs a private path from your site: set privateDicom.vpn (Site-to-Site VPN) or privateDicom.directConnectGatewayId",
        ]);
    });
});

describe("stack config: task memory for Orthanc's caches", () => {
    it("refuses a task too small for Orthanc's minimum caches and buffers", () => {
        assert.deepStrictEqual(problemsOf({ compute: { cpu: 512, memory: 1024 }, storage: { backend: "s3" } }), [
            "compute.memory: 1024 is not allowed; An Orthanc container of 832 MiB (the task's memory less the auth-service sidecar's 192 MiB) leaves 320 MiB for Orthanc's caches and buffers, less than their minimum of 450 MiB; use more memory, e.g. 2048",
        ]);
    });
});
