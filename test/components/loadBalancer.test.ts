import * as assert from "assert";
import { EndpointConfig } from "../../config/types";
import { OrthancLoadBalancer } from "../../components/endpoint/loadBalancer";
import { certificateSource, clientEndpoints, clientIngressRules, loadBalancerLogBucketPolicy } from "../../components/endpoint/loadBalancerSettings";
import { Plan } from "../../tools/offline/planTypes";
import { MOCK_ACCOUNT_ID } from "../../tools/offline/mockOutputs";
import { stackConfigFixture } from "../orthanc/fixtures";
import { evaluateComponents, jsonInput, named, ofType, single, TEST_REGION } from "../support/planQueries";

const LOGS_KEY = `arn:aws:kms:${TEST_REGION}:${MOCK_ACCOUNT_ID}:key/logs`;
const PUBLIC_SUBNETS = ["subnet-public-a", "subnet-public-b"];

function build(endpoint: EndpointConfig, preserveDicomClientAddresses = false): Promise<Plan> {
    return evaluateComponents(() => new OrthancLoadBalancer("pacs-test-endpoint", {
        endpoint,
        physicalNamePrefix: "pacs-test",
        vpcId: "vpc-0123",
        vpcCidrBlock: "10.20.0.0/16",
        publicSubnetIds: PUBLIC_SUBNETS,
        logsKeyArn: LOGS_KEY,
        logRetentionDays: 365,
        region: TEST_REGION,
        certificateCommonName: "pacs-test Orthanc",
        protect: true,
        preserveDicomClientAddresses,
    }));
}

/** Registration order is not deterministic: compare sorted. */
function byJson(a: unknown, b: unknown): number {
    return JSON.stringify(a).localeCompare(JSON.stringify(b));
}

function endpoint(overrides: Partial<EndpointConfig> = {}): EndpointConfig {
    return { ...stackConfigFixture().endpoint, allowedCidrs: ["203.0.113.0/24", "2001:db8::/32"], ...overrides };
}

describe("OrthancLoadBalancer (mocks)", () => {
    describe("without a domain", () => {
        let plan: Plan;
        before(async () => { plan = await build(endpoint()); });

        it("is a public, cross-zone NLB in the public subnets with access logs", () => {
            const lb = single(plan, "aws:lb/loadBalancer:LoadBalancer");
            const bucket = named(plan, "pacs-test-endpoint-access-logs");
            assert.deepStrictEqual(
                [lb.inputs.loadBalancerType, lb.inputs.internal, lb.inputs.subnets, lb.inputs.enableCrossZoneLoadBalancing],
                ["network", false, PUBLIC_SUBNETS, true]);
            assert.deepStrictEqual(lb.inputs.accessLogs, { bucket: bucket.outputs.bucket, prefix: "nlb", enabled: true });
            assert.deepStrictEqual(lb.inputs.securityGroups, [named(plan, "pacs-test-endpoint-sg").outputs.id]);
        });

        it("listens with TLS only, on the DICOM port to Orthanc DICOM (HTTPS is the ALB's), with the forward-secret-only TLS 1.3/1.2 policy", () => {
            const listeners = ofType(plan, "aws:lb/listener:Listener").sort((a, b) => Number(a.inputs.port) - Number(b.inputs.port));
            const targetGroups = new Map(ofType(plan, "aws:lb/targetGroup:TargetGroup").map((group) => [group.outputs.arn, group]));
            assert.deepStrictEqual(listeners.map((listener) => {
                const [action] = listener.inputs.defaultActions as Array<{ targetGroupArn: string }>;
                return [listener.inputs.protocol, listener.inputs.port, listener.inputs.sslPolicy, targetGroups.get(action.targetGroupArn)?.inputs.port];
            }), [
                ["TLS", 11112, "ELBSecurityPolicy-TLS13-1-2-Res-2021-06", 4242],
            ]);
        });

        it("forwards to IP targets with source-IP stickiness and a TCP health check of the DICOM port", () => {
            const groups = ofType(plan, "aws:lb/targetGroup:TargetGroup").sort((a, b) => Number(b.inputs.port) - Number(a.inputs.port));
            assert.deepStrictEqual(groups.map((group) => {
                const check = group.inputs.healthCheck as Record<string, unknown>;
                return [group.inputs.port, group.inputs.targetType, group.inputs.protocol, group.inputs.stickiness, check.protocol, check.matcher, group.inputs.preserveClientIp];
            }), [
                [4242, "ip", "TCP", { type: "source_ip", enabled: true }, "TCP", undefined, "false"],
            ]);
        });

        it("keeps DICOM callers' addresses when asked (modalities declared)", async () => {
            const preserving = await build(endpoint(), true);
            const byPort = new Map(ofType(preserving, "aws:lb/targetGroup:TargetGroup").map((group) => [group.inputs.port, group.inputs.preserveClientIp]));
            assert.deepStrictEqual([...byPort], [[4242, "true"]]);
        });

        it("imports a self-signed certificate for the load balancer's DNS name into ACM, used by its listener", () => {
            const lb = single(plan, "aws:lb/loadBalancer:LoadBalancer");
            const selfSigned = single(plan, "tls:index/selfSignedCert:SelfSignedCert");
            assert.deepStrictEqual(selfSigned.inputs.dnsNames, [lb.outputs.dnsName]);
            assert.deepStrictEqual(selfSigned.inputs.allowedUses, ["digital_signature", "key_encipherment", "server_auth"]);
            assert.deepStrictEqual(single(plan, "tls:index/privateKey:PrivateKey").inputs, { algorithm: "RSA", rsaBits: 2048 });
            const certificate = single(plan, "aws:acm/certificate:Certificate");
            assert.strictEqual(certificate.inputs.privateKey, "[secret]");
            assert.strictEqual(certificate.inputs.validationMethod, undefined);
            assert.ok(ofType(plan, "aws:lb/listener:Listener").every((listener) => listener.inputs.certificateArn === certificate.outputs.arn));
            assert.strictEqual(ofType(plan, "aws:route53/record:Record").length, 0);
        });

        it("admits the allowed networks, IPv4 and IPv6, on the DICOM TLS port and nothing else", () => {
            const rules = ofType(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
                .map((rule) => [rule.inputs.fromPort, rule.inputs.toPort, rule.inputs.cidrIpv4 ?? rule.inputs.cidrIpv6]).sort(byJson);
            assert.deepStrictEqual(rules, [
                [11112, 11112, "2001:db8::/32"], [11112, 11112, "203.0.113.0/24"],
            ]);
            const egress = ofType(plan, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule")
                .map((rule) => [rule.inputs.fromPort, rule.inputs.cidrIpv4]).sort(byJson);
            assert.deepStrictEqual(egress, [[4242, "10.20.0.0/16"]]);
        });

        it("keeps access logs in a private, CMK-encrypted, TLS-only bucket that expires them", () => {
            const encryption = single(plan, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration");
            assert.deepStrictEqual(encryption.inputs.rules, [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: LOGS_KEY }, bucketKeyEnabled: true }]);
            const block = single(plan, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock");
            assert.deepStrictEqual([block.inputs.blockPublicAcls, block.inputs.blockPublicPolicy, block.inputs.ignorePublicAcls, block.inputs.restrictPublicBuckets], [true, true, true, true]);
            const lifecycle = single(plan, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration");
            assert.deepStrictEqual((lifecycle.inputs.rules as Array<Record<string, unknown>>)[0].expiration, { days: 365 });
            const bucket = named(plan, "pacs-test-endpoint-access-logs");
            assert.deepStrictEqual([bucket.inputs.forceDestroy, bucket.options.protect], [false, true]);
            const bucketArn = named(plan, "pacs-test-endpoint-access-logs").outputs.arn as string;
            assert.deepStrictEqual(jsonInput(single(plan, "aws:s3/bucketPolicy:BucketPolicy"), "policy"),
                loadBalancerLogBucketPolicy(bucketArn, MOCK_ACCOUNT_ID, "aws", TEST_REGION));
            assert.ok(single(plan, "aws:lb/loadBalancer:LoadBalancer").options.dependsOn.includes(single(plan, "aws:s3/bucketPolicy:BucketPolicy").urn));
        });
    });

    describe("with a domain in Route 53", () => {
        let plan: Plan;
        before(async () => { plan = await build(endpoint({ domainName: "pacs.example.org", hostedZoneId: "Z0123456789ABC" })); });

        it("validates an ACM certificate for dicom.<domain> through a DNS record in the zone, and its listener uses the validated ARN", () => {
            const certificate = single(plan, "aws:acm/certificate:Certificate");
            assert.deepStrictEqual([certificate.inputs.domainName, certificate.inputs.validationMethod], ["dicom.pacs.example.org", "DNS"]);
            const [option] = certificate.outputs.domainValidationOptions as Array<Record<string, string>>;
            const record = named(plan, "pacs-test-endpoint-certificate-validation");
            assert.deepStrictEqual([record.inputs.zoneId, record.inputs.name, record.inputs.type, record.inputs.records],
                ["Z0123456789ABC", option.resourceRecordName, "CNAME", [option.resourceRecordValue]]);
            const validation = single(plan, "aws:acm/certificateValidation:CertificateValidation");
            assert.strictEqual(validation.inputs.certificateArn, certificate.outputs.arn);
            assert.ok(ofType(plan, "aws:lb/listener:Listener").every((listener) => listener.inputs.certificateArn === certificate.outputs.arn));
            assert.strictEqual(ofType(plan, "tls:index/selfSignedCert:SelfSignedCert").length, 0);
        });

        it("points an alias record for dicom.<domain> at the load balancer (the domain itself is the ALB's), replacing the old one first", () => {
            const lb = single(plan, "aws:lb/loadBalancer:LoadBalancer");
            const alias = named(plan, "pacs-test-endpoint-alias");
            assert.deepStrictEqual([alias.inputs.zoneId, alias.inputs.name, alias.inputs.type, alias.inputs.aliases, alias.options.deleteBeforeReplace], [
                "Z0123456789ABC", "dicom.pacs.example.org", "A", [{ name: lb.outputs.dnsName, zoneId: lb.outputs.zoneId, evaluateTargetHealth: true }], true,
            ]);
        });
    });

    it("names ingress rules by content so that reordering allowedCidrs replaces nothing", () => {
        const forward = clientIngressRules(endpoint({ allowedCidrs: ["198.51.100.0/24", "203.0.113.0/24"] })).map((rule) => rule.key).sort();
        const backward = clientIngressRules(endpoint({ allowedCidrs: ["203.0.113.0/24", "198.51.100.0/24"] })).map((rule) => rule.key).sort();
        assert.deepStrictEqual(forward, backward);
        assert.strictEqual(new Set(forward).size, 2);
    });

    it("lets only log delivery for this account write under the load balancer's prefix, over TLS", () => {
        const policy = loadBalancerLogBucketPolicy("arn:aws:s3:::logs", "111122223333", "aws", "eu-central-1");
        assert.deepStrictEqual(policy.Statement.map((statement) => [statement.Sid, statement.Effect, statement.Action, statement.Resource]), [
            ["DenyInsecureTransport", "Deny", "s3:*", ["arn:aws:s3:::logs", "arn:aws:s3:::logs/*"]],
            ["LogDeliveryWrite", "Allow", "s3:PutObject", "arn:aws:s3:::logs/nlb/AWSLogs/111122223333/*"],
            ["LogDeliveryAclCheck", "Allow", "s3:GetBucketAcl", "arn:aws:s3:::logs"],
        ]);
        assert.deepStrictEqual(policy.Statement[1].Condition, {
            StringEquals: { "aws:SourceAccount": "111122223333", "s3:x-amz-acl": "bucket-owner-full-control" },
            ArnLike: { "aws:SourceArn": "arn:aws:logs:eu-central-1:111122223333:*" },
        });
    });

    it("tells users where to connect: the web tier's name for HTTPS and DICOMweb, the NLB's for DICOM", () => {
        assert.deepStrictEqual(clientEndpoints("pacs.example.org", "dicom.pacs.example.org", endpoint()), {
            httpsUrl: "https://pacs.example.org", dicomWebRoot: "https://pacs.example.org/dicom-web",
            dicomHost: "dicom.pacs.example.org", dicomPort: 11112, dicomAeTitle: "PACS",
        });
    });

    it("chooses ACM with DNS validation only when both domain and zone are set", () => {
        assert.deepStrictEqual(certificateSource(endpoint({ domainName: "pacs.example.org", hostedZoneId: "Z1" })),
            { kind: "acm-dns", domainName: "pacs.example.org", hostedZoneId: "Z1" });
        assert.deepStrictEqual(certificateSource(endpoint({ domainName: "pacs.example.org", hostedZoneId: "Z1" }), "dicom"),
            { kind: "acm-dns", domainName: "dicom.pacs.example.org", hostedZoneId: "Z1" });
        assert.deepStrictEqual(certificateSource(endpoint()), { kind: "self-signed" });
        assert.deepStrictEqual(certificateSource(endpoint(), "dicom"), { kind: "self-signed" });
    });
});
