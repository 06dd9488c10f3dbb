/**
 * The whole program for prod with a clinic's network: declared modalities (one over DICOM TLS), a peer, and the
 * private plain-DICOM listener over a Site-to-Site VPN. What it builds, and that the policy pack admits it.
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { evaluateStack } from "../../tools/offline/evaluate";
import { Plan } from "../../tools/offline/planTypes";
import { checkPlan } from "../../tools/policy/checkPlan";
import { defaultPackConfig } from "../../tools/policy/defaultPackConfig";
import { jsonInput, ofType, single } from "../support/planQueries";

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

const CLINIC = (trustedCertificates: string): Record<string, unknown> => ({
    dicomNetwork: {
        modalities: [
            { name: "ct-room-1", aeTitle: "CT_ROOM_1", host: "203.0.113.10", port: 104, allow: ["echo", "store"] },
            { name: "mri-basement", aeTitle: "MRI_1", host: "192.168.10.21", port: 104, allow: ["echo", "store"] },
            { name: "archive", aeTitle: "ARCHIVE", host: "198.51.100.7", port: 2762, allow: [], tls: true },
        ],
        peers: [{ name: "Research", url: "https://research.example.org/" }],
        trustedCertificates,
    },
    privateDicom: { enabled: true, port: 104, onPremisesCidrs: ["192.168.10.0/24"], vpn: { customerGatewayIp: "198.51.100.1" } },
});

describe("prod with a clinic's DICOM network (mocks)", function () {
    this.timeout(120_000);
    let plan: Plan;
    before(async () => { plan = await evaluateStack("prod", CLINIC(certificatePem())); });

    it("passes the policy pack with no mandatory violation", async () => {
        const mandatory = (await checkPlan(plan, defaultPackConfig("prod"))).filter((v) => v.enforcementLevel === "mandatory");
        assert.deepStrictEqual(mandatory, [], JSON.stringify(mandatory, null, 2));
    });

    it("puts the plain listener on an internal load balancer in the private subnets, admitting only the on-premises range", () => {
        const listener = ofType(plan, "aws:lb/listener:Listener").find((l) => l.inputs.protocol === "TCP")!;
        assert.deepStrictEqual([listener.inputs.port, listener.name], [104, "orthanc-prod-private-dicom-dicom-plain"]);
        const internal = ofType(plan, "aws:lb/loadBalancer:LoadBalancer").find((lb) => lb.inputs.internal === true)!;
        assert.strictEqual(internal.name, "orthanc-prod-private-dicom-nlb");
        const rules = ofType(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
            .filter((rule) => rule.name.startsWith("orthanc-prod-private-dicom-in-"));
        assert.deepStrictEqual(rules.map((rule) => [rule.inputs.cidrIpv4, rule.inputs.fromPort]), [["192.168.10.0/24", 104]]);
        const targetGroups = ofType(plan, "aws:lb/targetGroup:TargetGroup").filter((group) => group.inputs.port === 4242);
        assert.deepStrictEqual(targetGroups.map((group) => group.inputs.preserveClientIp), ["true", "true"]);
    });

    it("links the site over a static-route VPN with strong proposals, logged, and routes it to the tasks' subnets", () => {
        const vpn = single(plan, "aws:ec2/vpnConnection:VpnConnection");
        assert.deepStrictEqual([vpn.inputs.staticRoutesOnly, vpn.inputs.tunnel1IkeVersions, vpn.inputs.tunnel2Phase1DhGroupNumbers],
            [true, ["ikev2"], [14, 19, 20, 21]]);
        assert.strictEqual((vpn.inputs.tunnel1LogOptions as { cloudwatchLogOptions: { logEnabled: boolean } }).cloudwatchLogOptions.logEnabled, true);
        assert.deepStrictEqual(single(plan, "aws:ec2/customerGateway:CustomerGateway").inputs, { ipAddress: "198.51.100.1", bgpAsn: "65000", type: "ipsec.1" });
        assert.deepStrictEqual(ofType(plan, "aws:ec2/vpnConnectionRoute:VpnConnectionRoute").map((route) => route.inputs.destinationCidrBlock), ["192.168.10.0/24"]);
        const propagations = ofType(plan, "aws:ec2/vpnGatewayRoutePropagation:VpnGatewayRoutePropagation");
        assert.strictEqual(propagations.length, 3);
        assert.ok(propagations.every((propagation) => /^rtb-/.test(String(propagation.inputs.routeTableId))), JSON.stringify(propagations.map((p) => p.inputs)));
    });

    it("admits the declared callers, from the internet side and from the site, at their own addresses", () => {
        const callers = ofType(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
            .filter((rule) => rule.name.startsWith("orthanc-prod-orthanc-network-dicom-in-")).map((rule) => rule.inputs.cidrIpv4).sort();
        assert.deepStrictEqual(callers, ["192.168.10.21/32", "203.0.113.10/32"]);
    });

    it("gives Orthanc a DICOM TLS identity and the trusted certificate, and the container its files", () => {
        assert.strictEqual(single(plan, "tls:index/selfSignedCert:SelfSignedCert", "dicom-tls-certificate").inputs.validityPeriodHours, 17520);
        const [container] = jsonInput<Array<Record<string, any>>>(single(plan, "aws:ecs/taskDefinition:TaskDefinition", "-orthanc-task-definition"), "containerDefinitions");
        const document = JSON.parse(container.environment[0].value);
        assert.deepStrictEqual(Object.keys(document.DicomModalities), ["ct-room-1", "mri-basement", "archive"]);
        // DICOMweb's absolute URLs name the web tier (the ALB), not the DICOM NLB.
        assert.strictEqual(`https://${document.DicomWeb.Host}`, (plan.outputs as Record<string, unknown>).httpsUrl);
        assert.deepStrictEqual(container.secrets.map((secret: { name: string }) => secret.name).slice(-2),
            ["ORTHANC_AWS_FILE_DICOM_TLS_CERTIFICATE", "ORTHANC_AWS_FILE_DICOM_TLS_PRIVATE_KEY"]);
    });
});

describe("prod with BGP and Direct Connect for the private listener (mocks)", function () {
    this.timeout(120_000);
    it("runs the VPN on BGP without static routes, and associates the Direct Connect gateway announcing only the VPC", async () => {
        const plan = await evaluateStack("prod", {
            privateDicom: {
                enabled: true, onPremisesCidrs: ["192.168.10.0/24", "172.20.0.0/16"], vpn: { customerGatewayIp: "198.51.100.1", bgpAsn: 65010 },
                directConnectGatewayId: "5f294f92-bafb-4011-916d-9b0bc0ffee00",
            },
        });
        assert.strictEqual(single(plan, "aws:ec2/vpnConnection:VpnConnection").inputs.staticRoutesOnly, false);
        assert.strictEqual(single(plan, "aws:ec2/customerGateway:CustomerGateway").inputs.bgpAsn, "65010");
        assert.strictEqual(ofType(plan, "aws:ec2/vpnConnectionRoute:VpnConnectionRoute").length, 0);
        const association = single(plan, "aws:directconnect/gatewayAssociation:GatewayAssociation");
        assert.deepStrictEqual([association.inputs.dxGatewayId, association.inputs.allowedPrefixes],
            ["5f294f92-bafb-4011-916d-9b0bc0ffee00", ["10.30.0.0/16"]]);
        const rules = ofType(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
            .filter((rule) => rule.name.startsWith("orthanc-prod-private-dicom-in-")).map((rule) => rule.inputs.cidrIpv4).sort();
        assert.deepStrictEqual(rules, ["172.20.0.0/16", "192.168.10.0/24"]);
    });
});
