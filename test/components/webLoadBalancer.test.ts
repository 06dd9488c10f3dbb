import * as assert from "assert";
import { EndpointConfig } from "../../config/types";
import { WebLoadBalancer } from "../../components/endpoint/webLoadBalancer";
import { KeycloakTarget, UPLOAD_PATH_PATTERNS, webAclRules, webLogBucketPolicy } from "../../components/endpoint/webSettings";
import { Plan } from "../../tools/offline/planTypes";
import { MOCK_ACCOUNT_ID } from "../../tools/offline/mockOutputs";
import { stackConfigFixture } from "../orthanc/fixtures";
import { evaluateComponents, jsonInput, named, ofType, single, TEST_REGION } from "../support/planQueries";

const LOGS_KEY = `arn:aws:kms:${TEST_REGION}:${MOCK_ACCOUNT_ID}:key/logs`;
const PUBLIC_SUBNETS = ["subnet-public-a", "subnet-public-b"];
const KEYCLOAK: KeycloakTarget = { port: 8080, healthCheckPort: 9000, healthCheckPath: "/keycloak/health/ready" };

function endpoint(overrides: Partial<EndpointConfig> = {}): EndpointConfig {
    return { ...stackConfigFixture().endpoint, allowedCidrs: ["203.0.113.0/24", "2001:db8::/32"], ...overrides };
}

function build(options: { endpoint?: EndpointConfig; waf?: boolean; keycloak?: KeycloakTarget; protect?: boolean } = {}): Promise<Plan> {
    return evaluateComponents(() => new WebLoadBalancer("pacs-test-web", {
        endpoint: options.endpoint ?? endpoint(),
        physicalNamePrefix: "pacs-test",
        vpcId: "vpc-0123",
        vpcCidrBlock: "10.20.0.0/16",
        publicSubnetIds: PUBLIC_SUBNETS,
        logsKeyArn: LOGS_KEY,
        logRetentionDays: 365,
        protect: options.protect ?? true,
        certificateCommonName: "pacs-test Orthanc",
        waf: options.waf ?? true,
        keycloak: options.keycloak,
    }));
}

function byJson(a: unknown, b: unknown): number {
    return JSON.stringify(a).localeCompare(JSON.stringify(b));
}

describe("WebLoadBalancer (mocks)", () => {
    describe("with Keycloak and WAF, no domain", () => {
        let plan: Plan;
        before(async () => { plan = await build({ keycloak: KEYCLOAK }); });

        it("is an internet-facing ALB named within 32 characters, hardened against malformed and desync requests, deletion-protected with the data stores", () => {
            const alb = single(plan, "aws:lb/loadBalancer:LoadBalancer");
            const bucket = named(plan, "pacs-test-web-access-logs");
            assert.deepStrictEqual([alb.inputs.name, alb.inputs.loadBalancerType, alb.inputs.internal, alb.inputs.subnets, alb.inputs.securityGroups,
                alb.inputs.dropInvalidHeaderFields, alb.inputs.desyncMitigationMode, alb.inputs.enableDeletionProtection, alb.inputs.accessLogs], [
                "pacs-test-alb", "application", false, PUBLIC_SUBNETS, [named(plan, "pacs-test-web-sg").outputs.id],
                true, "strictest", true, { bucket: bucket.outputs.bucket, prefix: "alb", enabled: true },
            ]);
            assert.ok(alb.options.dependsOn.includes(named(plan, "pacs-test-web-access-logs-policy").urn));
        });

        it("listens on 443 only, with HTTPS, the TLS 1.3/1.2 forward-secret policy and its certificate, defaulting to Orthanc", () => {
            const listeners = ofType(plan, "aws:lb/listener:Listener");
            const certificate = single(plan, "aws:acm/certificate:Certificate");
            const orthanc = named(plan, "pacs-test-web-orthanc");
            assert.deepStrictEqual(listeners.map((listener) => [listener.inputs.port, listener.inputs.protocol, listener.inputs.sslPolicy, listener.inputs.certificateArn, listener.inputs.defaultActions]), [
                [443, "HTTPS", "ELBSecurityPolicy-TLS13-1-2-Res-2021-06", certificate.outputs.arn, [{ type: "forward", targetGroupArn: orthanc.outputs.arn }]],
            ]);
        });

        it("sends /keycloak and /keycloak/* to Keycloak and nothing else", () => {
            const rules = ofType(plan, "aws:lb/listenerRule:ListenerRule");
            assert.deepStrictEqual(rules.map((rule) => [rule.inputs.listenerArn, rule.inputs.priority, rule.inputs.conditions, rule.inputs.actions]), [[
                named(plan, "pacs-test-web-https").outputs.arn, 10,
                [{ pathPattern: { values: ["/keycloak", "/keycloak/*"] } }],
                [{ type: "forward", targetGroupArn: named(plan, "pacs-test-web-keycloak").outputs.arn }],
            ]]);
        });

        it("checks Orthanc's HTTP layer with /system (200 open, 401 behind either identity mode) and Keycloak's readiness on its management port", () => {
            const groups = ofType(plan, "aws:lb/targetGroup:TargetGroup").sort((a, b) => String(a.inputs.name).localeCompare(String(b.inputs.name)));
            assert.deepStrictEqual(groups.map((group) => {
                const check = group.inputs.healthCheck as Record<string, unknown>;
                return [group.inputs.name, group.inputs.port, group.inputs.protocol, group.inputs.targetType, check.protocol, check.path, check.port, check.matcher, group.options.deleteBeforeReplace];
            }), [
                ["pacs-test-kc", 8080, "HTTP", "ip", "HTTP", "/keycloak/health/ready", "9000", "200", true],
                ["pacs-test-web", 8042, "HTTP", "ip", "HTTP", "/system", "8042", "200,401", true],
            ]);
        });

        it("admits the allowed networks on 443 only, and reaches only Orthanc's and Keycloak's ports inside the VPC", () => {
            const group = named(plan, "pacs-test-web-sg").outputs.id;
            const ingress = ofType(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
                .map((rule) => [rule.inputs.securityGroupId, rule.inputs.fromPort, rule.inputs.toPort, rule.inputs.cidrIpv4 ?? rule.inputs.cidrIpv6]).sort(byJson);
            assert.deepStrictEqual(ingress, [[group, 443, 443, "2001:db8::/32"], [group, 443, 443, "203.0.113.0/24"]]);
            const egress = ofType(plan, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule")
                .map((rule) => [rule.inputs.securityGroupId, rule.inputs.fromPort, rule.inputs.toPort, rule.inputs.cidrIpv4]).sort(byJson);
            assert.deepStrictEqual(egress, [[group, 8042, 8042, "10.20.0.0/16"], [group, 8080, 8080, "10.20.0.0/16"], [group, 9000, 9000, "10.20.0.0/16"]]);
        });

        it("keeps access logs in a protected, SSE-S3 bucket (the only encryption ALB log delivery supports) that only ELB log delivery of this account writes to", () => {
            const bucket = named(plan, "pacs-test-web-access-logs");
            assert.deepStrictEqual([bucket.inputs.forceDestroy, bucket.options.protect, (bucket.inputs.tags as Record<string, string>).LogArchive], [false, true, "true"]);
            assert.deepStrictEqual(named(plan, "pacs-test-web-access-logs-encryption").inputs.rules, [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
            assert.deepStrictEqual(jsonInput(named(plan, "pacs-test-web-access-logs-policy"), "policy"), webLogBucketPolicy(bucket.outputs.arn as string, MOCK_ACCOUNT_ID));
        });

        it("associates a regional web ACL with the ALB, logging to a CMK-encrypted aws-waf-logs- group with credentials and query strings redacted", () => {
            const acl = single(plan, "aws:wafv2/webAcl:WebAcl");
            assert.deepStrictEqual([acl.inputs.name, acl.inputs.scope, acl.inputs.defaultAction, acl.inputs.rules], ["pacs-test-web", "REGIONAL", { allow: {} }, webAclRules("pacs-test")]);
            const association = single(plan, "aws:wafv2/webAclAssociation:WebAclAssociation");
            assert.deepStrictEqual([association.inputs.resourceArn, association.inputs.webAclArn], [single(plan, "aws:lb/loadBalancer:LoadBalancer").outputs.arn, acl.outputs.arn]);
            const group = named(plan, "pacs-test-web-waf-logs");
            assert.deepStrictEqual([group.inputs.name, group.inputs.kmsKeyId, group.inputs.retentionInDays], ["aws-waf-logs-pacs-test", LOGS_KEY, 365]);
            const logging = single(plan, "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration");
            assert.deepStrictEqual([logging.inputs.resourceArn, logging.inputs.logDestinationConfigs, logging.inputs.redactedFields], [
                acl.outputs.arn, [group.outputs.arn],
                [{ singleHeader: { name: "authorization" } }, { singleHeader: { name: "cookie" } }, { queryString: {} }],
            ]);
        });

        it("uses a self-signed certificate for the ALB's DNS name and creates no DNS record", () => {
            const alb = single(plan, "aws:lb/loadBalancer:LoadBalancer");
            assert.deepStrictEqual(single(plan, "tls:index/selfSignedCert:SelfSignedCert").inputs.dnsNames, [alb.outputs.dnsName]);
            assert.strictEqual(ofType(plan, "aws:route53/record:Record").length, 0);
        });
    });

    describe("without Keycloak or WAF, unprotected, with a domain", () => {
        let plan: Plan;
        before(async () => { plan = await build({ waf: false, protect: false, endpoint: endpoint({ domainName: "pacs.example.org", hostedZoneId: "Z0123456789ABC" }) }); });

        it("routes everything to Orthanc, reaches only its port, and has no web ACL", () => {
            assert.deepStrictEqual(ofType(plan, "aws:lb/listenerRule:ListenerRule").length, 0);
            assert.deepStrictEqual(ofType(plan, "aws:lb/targetGroup:TargetGroup").map((group) => group.inputs.name), ["pacs-test-web"]);
            assert.deepStrictEqual(ofType(plan, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").map((rule) => rule.inputs.fromPort), [8042]);
            assert.deepStrictEqual(plan.resources.filter((resource) => resource.type.startsWith("aws:wafv2/")).map((resource) => resource.type), []);
        });

        it("is deletable with an unprotected stack", () => {
            assert.deepStrictEqual([single(plan, "aws:lb/loadBalancer:LoadBalancer").inputs.enableDeletionProtection, named(plan, "pacs-test-web-access-logs").options.protect], [false, false]);
        });

        it("points the domain itself at the ALB with an ACM certificate for it", () => {
            const alb = single(plan, "aws:lb/loadBalancer:LoadBalancer");
            const alias = named(plan, "pacs-test-web-alias");
            assert.deepStrictEqual([alias.inputs.zoneId, alias.inputs.name, alias.inputs.type, alias.inputs.aliases], [
                "Z0123456789ABC", "pacs.example.org", "A", [{ name: alb.outputs.dnsName, zoneId: alb.outputs.zoneId, evaluateTargetHealth: true }],
            ]);
            assert.deepStrictEqual(single(plan, "aws:acm/certificate:Certificate").inputs.domainName, "pacs.example.org");
        });
    });
});

describe("web ACL rules", () => {
    const uploads = { orStatement: { statements: UPLOAD_PATH_PATTERNS.map((regexString) => ({
        regexMatchStatement: { regexString, fieldToMatch: { uriPath: {} }, textTransformations: [{ priority: 0, type: "NONE" }] },
    })) } };

    it("run AWS's IP reputation, known-bad-inputs and common groups in that order, with their own actions", () => {
        const rules = webAclRules("p");
        assert.deepStrictEqual(rules.map((rule) => [rule.name, rule.priority, rule.overrideAction, rule.visibilityConfig.metricName]), [
            ["AWSManagedRulesAmazonIpReputationList", 10, { none: {} }, "p-AWSManagedRulesAmazonIpReputationList"],
            ["AWSManagedRulesKnownBadInputsRuleSet", 20, { none: {} }, "p-AWSManagedRulesKnownBadInputsRuleSet"],
            ["AWSManagedRulesCommonRuleSet", 30, { none: {} }, "p-AWSManagedRulesCommonRuleSet"],
            ["AWSManagedRulesCommonRuleSet-Uploads", 40, { none: {} }, "p-AWSManagedRulesCommonRuleSet-Uploads"],
        ]);
        assert.deepStrictEqual(rules[0].statement, { managedRuleGroupStatement: { vendorName: "AWS", name: "AWSManagedRulesAmazonIpReputationList" } });
        assert.deepStrictEqual(rules[1].statement, { managedRuleGroupStatement: { vendorName: "AWS", name: "AWSManagedRulesKnownBadInputsRuleSet" } });
    });

    it("apply the whole common group to everything but DICOM uploads, and only count its body rules on uploads", () => {
        const [, , everythingElse, uploadRule] = webAclRules("p");
        assert.deepStrictEqual(everythingElse.statement, { managedRuleGroupStatement: {
            vendorName: "AWS", name: "AWSManagedRulesCommonRuleSet", scopeDownStatement: { notStatement: { statements: [uploads] } },
        } });
        assert.deepStrictEqual(uploadRule.statement, { managedRuleGroupStatement: {
            vendorName: "AWS", name: "AWSManagedRulesCommonRuleSet", scopeDownStatement: uploads,
            ruleActionOverrides: ["SizeRestrictions_BODY", "CrossSiteScripting_BODY", "GenericLFI_BODY", "GenericRFI_BODY", "EC2MetaDataSSRF_BODY"]
                .map((name) => ({ name, actionToUse: { count: {} } })),
        } });
    });

    it("treat STOW-RS and Orthanc's REST upload as uploads, and nothing else", () => {
        const isUpload = (path: string) => UPLOAD_PATH_PATTERNS.some((pattern) => new RegExp(pattern).test(path));
        assert.deepStrictEqual(["/dicom-web/studies", "/dicom-web/studies/1.2.840.113619.2.55", "/instances"].map(isUpload), [true, true, true]);
        assert.deepStrictEqual(["/dicom-web/studies/1.2/series", "/tools/find", "/instances/abc", "/keycloak/realms/orthanc", "/x/instances"].map(isUpload), [false, false, false, false, false]);
    });

    it("let only ELB log delivery of this account write the ALB's access logs, over TLS", () => {
        const policy = webLogBucketPolicy("arn:aws:s3:::logs", "111122223333");
        assert.deepStrictEqual(policy.Statement.map((statement) => [statement.Sid, statement.Effect, statement.Principal, statement.Action, statement.Resource, statement.Condition]), [
            ["DenyInsecureTransport", "Deny", "*", "s3:*", ["arn:aws:s3:::logs", "arn:aws:s3:::logs/*"], { Bool: { "aws:SecureTransport": false } }],
            ["ElbLogDeliveryWrite", "Allow", { Service: "logdelivery.elasticloadbalancing.amazonaws.com" }, "s3:PutObject", "arn:aws:s3:::logs/alb/AWSLogs/111122223333/*",
                { StringEquals: { "aws:SourceAccount": "111122223333" } }],
        ]);
    });
});
