/**
 * The web tier's and the trail's policies on the compliant baseline: when the web ACL is required (production
 * ALBs: internet-facing with deletion protection, or every internet-facing one by pack config) and when a trail
 * must record S3 data events (a stack holding PHI in S3). One property changed per case.
 */
import * as assert from "assert";
import { checkPlan } from "../../tools/policy/checkPlan";
import { defaultPackConfig } from "../../tools/policy/defaultPackConfig";
import { compliantResources } from "./baseline";
import { planOf, urnOf } from "./planBuilder";
import { patch, remove } from "./specEdits";

type Specs = ReturnType<typeof compliantResources>;

async function violationsOf(policy: string, mutate: (specs: Specs) => void, packConfig = defaultPackConfig("dev")) {
    const specs = compliantResources();
    mutate(specs);
    return (await checkPlan(planOf(specs), packConfig)).filter((violation) => violation.policy === policy);
}

const WAF = "orthanc-alb-waf-and-http-hardening";
const TRAIL = "orthanc-cloudtrail-trail-settings";

describe("web tier and trail policies", () => {
    it("require no web ACL on a deletable (development) ALB, nor on an internal one", async () => {
        assert.deepStrictEqual(await violationsOf(WAF, (specs) => { remove("alb-waf")(specs); patch("alb", { enableDeletionProtection: false })(specs); }), []);
        assert.deepStrictEqual(await violationsOf(WAF, (specs) => { remove("alb-waf")(specs); patch("alb", { internal: true })(specs); }), []);
    });

    it("require it on every internet-facing ALB when the pack config says everyInternetFacingAlb", async () => {
        const strict = { ...defaultPackConfig("dev"), [WAF]: { everyInternetFacingAlb: true } };
        assert.deepStrictEqual(await violationsOf(WAF, (specs) => { remove("alb-waf")(specs); patch("alb", { enableDeletionProtection: false })(specs); }, strict), [
            { policy: WAF, enforcementLevel: "mandatory", urn: urnOf("aws:lb/loadBalancer:LoadBalancer", "alb"), message: "Load balancer 'alb' has no WAF web ACL." },
        ]);
    });

    it("hold a deletable ALB to the HTTP hardening all the same", async () => {
        assert.deepStrictEqual(await violationsOf(WAF, (specs) => { patch("alb", { enableDeletionProtection: false, desyncMitigationMode: "monitor" })(specs); }), [
            { policy: WAF, enforcementLevel: "mandatory", urn: urnOf("aws:lb/loadBalancer:LoadBalancer", "alb"), message: "Load balancer 'alb' only monitors HTTP desync (desyncMitigationMode)." },
        ]);
    });

    it("require S3 data events only where the stack holds PHI in S3", async () => {
        const noDataEvents = patch("trail", { eventSelectors: [{ readWriteType: "All", includeManagementEvents: true }] });
        const noPhiBucket = patch("images", { tags: { DataClassification: "Internal" } });
        assert.deepStrictEqual(await violationsOf(TRAIL, (specs) => { noDataEvents(specs); noPhiBucket(specs); }), []);
        assert.deepStrictEqual(await violationsOf(TRAIL, noDataEvents), [
            { policy: TRAIL, enforcementLevel: "mandatory", urn: urnOf("aws:cloudtrail/trail:Trail", "trail"), message: "Trail 'trail' has no S3 data events." },
        ]);
    });

    it("accept advanced selectors for S3 data events, as the program writes them", async () => {
        assert.deepStrictEqual(await violationsOf(TRAIL, patch("trail", { eventSelectors: undefined, advancedEventSelectors: [
            { name: "Management events", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] },
            { name: "Image bucket object events", fieldSelectors: [
                { field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: ["AWS::S3::Object"] }, { field: "resources.ARN", startsWiths: ["arn:aws:s3:::orthanc-images/"] },
            ] },
        ] })), []);
    });

    it("report an unencrypted, unvalidated single-region trail", async () => {
        assert.deepStrictEqual(await violationsOf(TRAIL, patch("trail", { kmsKeyId: undefined, enableLogFileValidation: false, isMultiRegionTrail: false })), [
            { policy: TRAIL, enforcementLevel: "mandatory", urn: urnOf("aws:cloudtrail/trail:Trail", "trail"),
                message: "Trail 'trail' has no KMS key (kmsKeyId), no log file validation, a single region." },
        ]);
    });

    it("refuse a plain HTTP listener that does not redirect to HTTPS, and admit one that does", async () => {
        const listener = (defaultActions: unknown[]) => (specs: Specs) => specs.push({
            type: "aws:lb/listener:Listener", name: "http", inputs: { loadBalancerArn: "alb-arn", port: 80, protocol: "HTTP", defaultActions },
        });
        assert.deepStrictEqual(await violationsOf("orthanc-lb-listener-tls", listener([{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }])), []);
        assert.deepStrictEqual(await violationsOf("orthanc-lb-listener-tls", listener([{ type: "forward", targetGroupArn: "tg-arn" }])), [
            { policy: "orthanc-lb-listener-tls", enforcementLevel: "mandatory", urn: urnOf("aws:lb/listener:Listener", "http"),
                message: "'http' listens with protocol HTTP; only HTTPS or TLS may carry traffic." },
        ]);
    });
});
