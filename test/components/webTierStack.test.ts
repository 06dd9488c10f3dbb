/** The web tier and the trail as the stack wires them: security-group chains, target registration, WAF, trail selectors. */
import * as assert from "assert";
import { evaluateStack } from "../../tools/offline/evaluate";
import { choosePackConfig } from "../../tools/policy/defaultPackConfig";
import { policyVerdict } from "../../tools/policy/verdict";
import { Plan } from "../../tools/offline/planTypes";
import { named, ofType, single } from "../support/planQueries";

describe("web tier and trail in the stacks (mocks)", function () {
    this.timeout(180_000);
    let dev: Plan;
    let prod: Plan;
    before(async () => {
        dev = await evaluateStack("dev");
        prod = await evaluateStack("prod");
    });

    it("lets the ALB's group reach the tasks on Orthanc's HTTP port only, and the NLB's on the DICOM port only", () => {
        for (const [plan, prefix] of [[dev, "orthanc-dev"], [prod, "orthanc-prod"]] as const) {
            const tasks = named(plan, `${prefix}-orthanc-network-tasks`).outputs.id;
            const fromGroups = ofType(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
                .filter((rule) => rule.inputs.securityGroupId === tasks && rule.inputs.referencedSecurityGroupId !== undefined)
                .map((rule) => [rule.inputs.referencedSecurityGroupId, rule.inputs.fromPort, rule.inputs.toPort])
                .sort((a, b) => Number(a[1]) - Number(b[1]));
            assert.deepStrictEqual(fromGroups, [
                [named(plan, `${prefix}-endpoint-sg`).outputs.id, 4242, 4242],
                [named(plan, `${prefix}-web-sg`).outputs.id, 8042, 8042],
            ], prefix);
        }
    });

    it("registers the tasks' HTTP port with the ALB's Orthanc target group and the DICOM port with the NLB's, after both listeners", () => {
        const service = single(prod, "aws:ecs/service:Service", "orthanc-service");
        assert.deepStrictEqual(service.inputs.loadBalancers, [
            { targetGroupArn: named(prod, "orthanc-prod-web-orthanc").outputs.arn, containerName: "orthanc", containerPort: 8042 },
            { targetGroupArn: named(prod, "orthanc-prod-endpoint-dicom").outputs.arn, containerName: "orthanc", containerPort: 4242 },
        ]);
        for (const listener of ["orthanc-prod-web-https", "orthanc-prod-endpoint-dicom-tls"]) {
            assert.ok(service.options.dependsOn.includes(named(prod, listener).urn), listener);
        }
        assert.deepStrictEqual(ofType(prod, "aws:lb/listener:Listener").map((listener) => [listener.name, listener.inputs.protocol, listener.inputs.port]).sort(), [
            ["orthanc-prod-endpoint-dicom-tls", "TLS", 11112], ["orthanc-prod-web-https", "HTTPS", 443],
        ]);
    });

    it("puts the web ACL on prod's ALB (web.waf follows protectDataStores) and none on dev's", () => {
        assert.strictEqual(single(prod, "aws:wafv2/webAclAssociation:WebAclAssociation").inputs.resourceArn, named(prod, "orthanc-prod-web-alb").outputs.arn);
        assert.deepStrictEqual(dev.resources.filter((resource) => resource.type.startsWith("aws:wafv2/")), []);
    });

    it("records the image bucket's objects and the header table's items in prod's trail, management events only in dev's (EFS, no pipeline)", () => {
        const selectors = (plan: Plan) => (single(plan, "aws:cloudtrail/trail:Trail").inputs.advancedEventSelectors as Array<{ name: string; fieldSelectors: Array<Record<string, unknown>> }>);
        assert.deepStrictEqual(selectors(dev).map((selector) => selector.name), ["Management events"]);
        const [, images, table] = selectors(prod);
        assert.deepStrictEqual(images.fieldSelectors[2], { field: "resources.ARN", startsWiths: [`${String(named(prod, "orthanc-prod-objects-images").outputs.arn)}/`] });
        assert.deepStrictEqual(table.fieldSelectors[2], { field: "resources.ARN", equals: [single(prod, "aws:dynamodb/table:Table").outputs.arn] });
        assert.strictEqual(single(prod, "aws:cloudtrail/trail:Trail").inputs.kmsKeyId, named(prod, "orthanc-prod-keys-logs").outputs.arn);
    });

    it("creates no trail when an organization trail is named, and says so", async () => {
        const organization = await evaluateStack("dev", { cloudTrail: { organizationTrailName: "org-trail" } });
        assert.deepStrictEqual(ofType(organization, "aws:cloudtrail/trail:Trail"), []);
        assert.deepStrictEqual(organization.outputs.cloudTrail, { organizationTrailName: "org-trail" });
        assert.ok((organization.outputs.operatorNotices as string[]).some((notice) => notice.startsWith("info: audit: the stack creates no CloudTrail trail: the organization trail org-trail")));
    });

    it("exports the web address from the ALB and the DICOM host from the NLB", () => {
        assert.strictEqual(prod.outputs.httpsUrl, `https://${String(named(prod, "orthanc-prod-web-alb").outputs.dnsName)}`);
        assert.strictEqual(prod.outputs.dicomHost, named(prod, "orthanc-prod-endpoint-nlb").outputs.dnsName);
    });

    it("with Object Lock, locks prod's image bucket in place (same URN) and satisfies the pack's Object Lock rule", async () => {
        const locked = await evaluateStack("prod", { storage: { s3ObjectLockRetentionDays: 30 } });
        assert.strictEqual(named(locked, "orthanc-prod-objects-images").urn, named(prod, "orthanc-prod-objects-images").urn);
        assert.deepStrictEqual(single(locked, "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration").inputs.rule, { defaultRetention: { mode: "GOVERNANCE", days: 30 } });
        const verdict = await policyVerdict("prod", locked, choosePackConfig("prod"));
        assert.strictEqual(verdict.blocked, false, verdict.text);
        assert.ok(!verdict.text.includes("orthanc-s3-object-lock"), verdict.text);
    });
});
