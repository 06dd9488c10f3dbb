import * as assert from "assert";
import { execFileSync } from "child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { fileVariable, READ_ONLY_ROUTES, restFilterScript, startupScript } from "../../components/compute/containerFiles";
import { dicomNetworkSettings, dicomWebServerSettings, httpNodeCredentials } from "../../components/compute/dicomNetworkSettings";
import { DicomNetworkConfig } from "../../config/types";

const KEY_FILE = { name: "DICOM_TLS_PRIVATE_KEY", fileName: "key.pem" };
const LUA_FILE = { name: "REST_FILTER", fileName: "filter.lua" };

describe("container start-up files", () => {
    let directory: string;
    beforeEach(() => { directory = mkdtempSync(join(tmpdir(), "startup-")); });
    afterEach(() => rmSync(directory, { recursive: true, force: true }));

    it("writes each file byte for byte, readable by the owner only, and hides the variables from what it launches", () => {
        const key = "-----BEGIN PRIVATE KEY-----\nMII$HOME`x`'\"\\n\n-----END PRIVATE KEY-----\n";
        const target = join(directory, "files dir");
        const script = startupScript([KEY_FILE, LUA_FILE], target, ["/usr/bin/env"]);
        const launchedEnvironment = execFileSync("/bin/bash", ["-c", script], {
            env: { PATH: process.env.PATH, [fileVariable(KEY_FILE)]: key, [fileVariable(LUA_FILE)]: "return true", KEEP: "1" },
        }).toString();
        assert.strictEqual(readFileSync(join(target, "key.pem"), "utf8"), key);
        assert.strictEqual(readFileSync(join(target, "filter.lua"), "utf8"), "return true");
        assert.strictEqual(statSync(target).mode & 0o777, 0o700);
        assert.strictEqual(statSync(join(target, "key.pem")).mode & 0o777, 0o600);
        assert.ok(!launchedEnvironment.includes("ORTHANC_AWS_FILE_"), launchedEnvironment);
        assert.ok(launchedEnvironment.includes("KEEP=1"));
    });

    it("stops before launching when a file's variable is missing", () => {
        const script = startupScript([KEY_FILE], directory, ["/bin/echo", "launched"]);
        assert.throws(() => execFileSync("/bin/bash", ["-c", script], { env: { PATH: process.env.PATH }, stdio: "pipe" }), /unbound variable/);
    });

    it("refuses names the image would read as configuration, and paths", () => {
        assert.throws(() => startupScript([{ name: "TLS_SECRET", fileName: "a" }], directory, ["x"]), /not ending in _SECRET/);
        assert.throws(() => startupScript([{ name: "OK", fileName: "../etc/passwd" }], directory, ["x"]), /plain file name/);
    });

    it("generates a REST filter for every read-only route", () => {
        const script = restFilterScript(READ_ONLY_ROUTES);
        assert.ok(script.includes('local READ_ONLY_ROUTES = { "/modalities", "/peers", "/dicom-web/servers" }'), script);
        assert.ok(script.includes("function IncomingHttpRequestFilter(method, uri, ip, username, httpHeaders)"));
    });
});

describe("the declared network as Orthanc settings", () => {
    const secret = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:peer-AbCdEf";
    const network: DicomNetworkConfig = {
        modalities: [
            { name: "ws", aeTitle: "WS1", host: "203.0.113.20", port: 11112, allow: ["find", "move"], tls: false, manufacturer: "GE" },
            { name: "archive", aeTitle: "ARCHIVE", host: "198.51.100.7", port: 2762, allow: [], tls: true, manufacturer: "Generic" },
        ],
        peers: [{ name: "Research", url: "https://research.example.org/", credentialsSecretArn: secret }],
        dicomWebServers: [{ name: "CloudPacs", url: "https://pacs.example.com/dicom-web/" }],
        trustedCertificates: "-----BEGIN CERTIFICATE-----\n",
    };

    it("declares each modality with exactly its permissions, checks callers by address, and uses C-GET to retrieve", () => {
        const settings = dicomNetworkSettings(network, "/tmp/orthanc-aws");
        assert.deepStrictEqual(settings.DicomModalities, {
            ws: {
                AET: "WS1", Host: "203.0.113.20", Port: 11112, Manufacturer: "GE", AllowEcho: false, AllowFind: true, AllowGet: false,
                AllowMove: true, AllowStore: false, AllowFindWorklist: false, AllowStorageCommitment: false, UseDicomTls: false,
            },
            archive: {
                AET: "ARCHIVE", Host: "198.51.100.7", Port: 2762, Manufacturer: "Generic", AllowEcho: false, AllowFind: false, AllowGet: false,
                AllowMove: false, AllowStore: false, AllowFindWorklist: false, AllowStorageCommitment: false, UseDicomTls: true,
            },
        });
        assert.deepStrictEqual(
            [settings.DicomAlwaysAllowEcho, settings.DicomAlwaysAllowStore, settings.DicomCheckModalityHost, settings.DicomDefaultRetrieveMethod],
            [false, false, true, "C-GET"]);
        assert.deepStrictEqual([settings.DicomModalitiesInDatabase, settings.OrthancPeersInDatabase], [false, false]);
        assert.deepStrictEqual(settings.OrthancPeers, { Research: { Url: "https://research.example.org/" } });
    });

    it("points Orthanc's DICOM TLS at the start-up files, keeping its own listener plain behind the load balancer", () => {
        const settings = dicomNetworkSettings(network, "/tmp/orthanc-aws");
        assert.deepStrictEqual([settings.DicomTlsEnabled, settings.DicomTlsCertificate, settings.DicomTlsPrivateKey, settings.DicomTlsTrustedCertificates, settings.DicomTlsRemoteCertificateRequired], [
            false, "/tmp/orthanc-aws/dicom-tls-certificate.pem", "/tmp/orthanc-aws/dicom-tls-private-key.pem", "/tmp/orthanc-aws/dicom-tls-trusted.pem", true,
        ]);
        const withoutTls = dicomNetworkSettings({ ...network, modalities: [network.modalities[0]] }, "/tmp/orthanc-aws");
        assert.ok(!Object.keys(withoutTls).some((key) => key.startsWith("DicomTls")));
    });

    it("keeps Orthanc's defaults when nothing is declared: C-ECHO and C-STORE from any AE title, no host check", () => {
        const settings = dicomNetworkSettings({ modalities: [], peers: [], dicomWebServers: [] }, "/files");
        assert.deepStrictEqual([settings.DicomAlwaysAllowEcho, settings.DicomAlwaysAllowStore, settings.DicomCheckModalityHost], [true, true, false]);
    });

    it("declares DICOMweb servers and where every node's credentials go", () => {
        assert.deepStrictEqual(dicomWebServerSettings(network), { Servers: { CloudPacs: { Url: "https://pacs.example.com/dicom-web/" } }, ServersInDatabase: false });
        assert.deepStrictEqual(httpNodeCredentials(network), [{ path: ["OrthancPeers", "Research"], secretArn: secret }]);
    });
});
