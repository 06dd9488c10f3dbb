import * as assert from "assert";
import { verifyTarget } from "../../tools/verify/stackOutputs";

const OUTPUTS = {
    httpsUrl: "https://web.example.org", dicomWebRoot: "https://web.example.org/dicom-web", dicomHost: "dicom.example.org", dicomPort: 11112,
    dicomAeTitle: "ORTHANC", adminSecretName: "orthanc-prod/orthanc-admin-x", region: "us-east-1",
};

describe("verify: stack outputs", () => {
    it("reads the web tier's own certificate next to the DICOM one, each optional", () => {
        const both = verifyTarget({ ...OUTPUTS, certificatePem: "DICOM PEM", webCertificatePem: "WEB PEM" });
        assert.deepStrictEqual([both.certificatePem, both.webCertificatePem, both.dicomHost, both.httpsUrl.hostname], ["DICOM PEM", "WEB PEM", "dicom.example.org", "web.example.org"]);
        const acm = verifyTarget({ ...OUTPUTS, webCertificatePem: "" });
        assert.deepStrictEqual([acm.certificatePem, acm.webCertificatePem], [undefined, undefined]);
    });
});
