import * as assert from "assert";
import { Policy, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import * as aws from "@pulumi/aws/s3";
import { SECRET_MARKER, UNKNOWN_MARKER } from "../../tools/offline/planTypes";
import { OFFLINE_SECRET_MARKER } from "../../policy-pack/lib/offlineMarkers";
import { LOG_ARCHIVE_TAG, LOG_ARCHIVE_TAG_VALUE } from "../../policy-pack/lib/logDeliveryBuckets";
import { LOG_ARCHIVE_TAGS } from "../../components/data/privateBucket";
import { validateResourceOfTypes } from "../../policy-pack/lib/validate";
import { checkPlan } from "../../tools/policy/checkPlan";
import { policyConfig, resolveEnforcementLevel, validatePackConfig } from "../../tools/policy/packConfig";
import { providerDefaultTags, withDefaultTags } from "../../tools/policy/planResources";
import { allPolicies } from "../../policy-pack/policies";
import { DEFAULT_TAGS, PROVIDER_URN, STACK_URN, planOf, urnOf } from "./planBuilder";

const BUCKET = "aws:s3/bucket:Bucket";

/** A resource policy that records what the runner handed it. */
function recordingPolicy(seen: ResourceValidationArgs[], overrides: Partial<ResourceValidationPolicy> = {}): ResourceValidationPolicy {
    return {
        name: "recorder", description: "records", enforcementLevel: "mandatory",
        validateResource: args => { seen.push(args); },
        ...overrides,
    };
}

function onePolicy(policy: Policy, packConfig: Record<string, unknown> = {}) {
    return { packConfig, options: { policies: [policy as ResourceValidationPolicy] } };
}

describe("offline policy runner (policy SDK semantics)", () => {
    const plan = planOf([
        { type: "orthanc-aws:storage:ObjectStorage", name: "storage", inputs: {} },
        { type: BUCKET, name: "images", inputs: { bucket: "img", tags: { Owner: "radiology" } }, protect: true },
        { type: "aws:s3/bucketPolicy:BucketPolicy", name: "images-policy", inputs: { bucket: "img", policy: UNKNOWN_MARKER } },
    ]);

    it("runs resource policies on every registration, components and providers included, with inputs as props", async () => {
        const seen: ResourceValidationArgs[] = [];
        const { packConfig, options } = onePolicy(recordingPolicy(seen));
        await checkPlan(plan, packConfig, options);
        assert.deepStrictEqual(seen.map(a => a.type), [
            "pulumi:pulumi:Stack", "pulumi:providers:aws", "orthanc-aws:storage:ObjectStorage", BUCKET,
            "aws:s3/bucketPolicy:BucketPolicy",
        ]);
        const bucket = seen[3];
        assert.strictEqual(bucket.urn, urnOf(BUCKET, "images"));
        assert.strictEqual(bucket.props.bucket, "img");
        assert.strictEqual(bucket.opts.protect, true);
        assert.strictEqual(bucket.opts.parent, STACK_URN);
        assert.strictEqual(bucket.provider?.urn, PROVIDER_URN);
        assert.ok(bucket.isType(aws.Bucket));
        assert.ok(!bucket.isType(aws.BucketPolicy));
        assert.strictEqual(bucket.asType(aws.Bucket)?.bucket, "img");
    });

    it("merges the explicit provider's defaultTags into tagsAll, resource tags winning", async () => {
        const seen: ResourceValidationArgs[] = [];
        const { packConfig, options } = onePolicy(recordingPolicy(seen));
        await checkPlan(plan, packConfig, options);
        assert.deepStrictEqual({ ...seen[3].props.tagsAll }, { ...DEFAULT_TAGS, Owner: "radiology" });
        assert.strictEqual(seen[4].props.tagsAll, undefined, "BucketPolicy has no tagsAll in aws v7");
        assert.deepStrictEqual(withDefaultTags(BUCKET, { tags: { Stack: "x" } }, { Stack: "dev", A: "1" }).tagsAll, { Stack: "x", A: "1" });
        assert.deepStrictEqual(providerDefaultTags({ defaultTags: { tags: { A: "1" } } }), { A: "1" });
        assert.deepStrictEqual(providerDefaultTags({}), {});
    });

    it("skips other types through args.notApplicable and the __pulumiType fast path", async () => {
        const seen: string[] = [];
        const policy = recordingPolicy([], {
            validateResource: validateResourceOfTypes([BUCKET], (_props, args) => { seen.push(args.name); }),
        });
        const { packConfig, options } = onePolicy(policy);
        assert.deepStrictEqual(await checkPlan(plan, packConfig, options), []);
        assert.deepStrictEqual(seen, ["images"]);
    });

    it("turns a value unknown at preview into an advisory 'can't run', never a pass or a violation", async () => {
        const policy = recordingPolicy([], {
            validateResource: (args, report) => {
                if (args.type === "aws:s3/bucketPolicy:BucketPolicy" && String(args.props.policy).length > 0) {
                    report("should not be reached");
                }
            },
        });
        const { packConfig, options } = onePolicy(policy);
        assert.deepStrictEqual(await checkPlan(plan, packConfig, options), [{
            policy: "recorder", enforcementLevel: "advisory", urn: urnOf("aws:s3/bucketPolicy:BucketPolicy", "images-policy"),
            message: "can't run policy 'recorder' during preview: string value at .policy can't be known during preview",
        }]);
    });

    it("runs stack policies once with outputs, parents and dependencies resolved", async () => {
        const calls: StackValidationArgs[] = [];
        const withDependency = planOf([
            { type: BUCKET, name: "images", inputs: { bucket: "img" }, outputs: { bucket: "img", id: "img", arn: "arn:aws:s3:::img" } },
        ]);
        withDependency.resources[2].options.dependsOn = [PROVIDER_URN];
        const policy: StackValidationPolicy = {
            name: "stack-recorder", description: "records", enforcementLevel: "advisory",
            validateStack: (args, report) => { calls.push(args); report("stack-wide"); },
        };
        const violations = await checkPlan(withDependency, {}, { policies: [policy] });
        assert.strictEqual(calls.length, 1);
        const bucket = calls[0].resources.find(r => r.type === BUCKET)!;
        assert.strictEqual(bucket.props.arn, "arn:aws:s3:::img");
        assert.strictEqual(bucket.parent?.urn, STACK_URN);
        assert.deepStrictEqual(bucket.dependencies.map(d => d.urn), [PROVIDER_URN]);
        assert.deepStrictEqual(violations, [{ policy: "stack-recorder", enforcementLevel: "advisory", urn: STACK_URN, message: "stack-wide" }]);
    });

    it("resolves levels: per-policy config, then all, then the policy's, then the pack's, then advisory", () => {
        const policy: Policy = { name: "p", description: "d", enforcementLevel: "advisory" };
        assert.strictEqual(resolveEnforcementLevel(policy, { p: "disabled", all: "mandatory" }, "mandatory"), "disabled");
        assert.strictEqual(resolveEnforcementLevel(policy, { p: { enforcementLevel: "remediate" } }, undefined), "remediate");
        assert.strictEqual(resolveEnforcementLevel(policy, { p: { minimumDays: 3 }, all: "mandatory" }, undefined), "mandatory");
        assert.strictEqual(resolveEnforcementLevel(policy, {}, "mandatory"), "advisory");
        assert.strictEqual(resolveEnforcementLevel({ name: "q", description: "d" }, {}, "mandatory"), "mandatory");
        assert.strictEqual(resolveEnforcementLevel({ name: "q", description: "d" }, {}, undefined), "advisory");
    });

    it("skips disabled policies and reports remediate as mandatory", async () => {
        const policy = recordingPolicy([], { validateResource: (args, report) => { if (args.type === BUCKET) report("x"); } });
        assert.deepStrictEqual(await checkPlan(plan, { recorder: "disabled" }, { policies: [policy] }), []);
        const remediated = await checkPlan(plan, { all: "remediate" }, { policies: [policy] });
        assert.deepStrictEqual(remediated.map(v => v.enforcementLevel), ["mandatory"]);
    });

    it("gives getConfig the schema defaults overlaid with the pack config, without enforcementLevel", () => {
        const policy: Policy = {
            name: "p", description: "d",
            configSchema: { properties: { minimumDays: { type: "integer", default: 90 }, pattern: { type: "string" } } },
        };
        assert.deepStrictEqual(policyConfig(policy, {}), { minimumDays: 90 });
        assert.deepStrictEqual(policyConfig(policy, { p: { enforcementLevel: "advisory", minimumDays: 365 } }), { minimumDays: 365 });
    });

    it("rejects a pack config naming unknown policies, levels or settings, listing every problem", () => {
        assert.throws(() => validatePackConfig({
            all: "strict", "orthanc-log-retention": { minimumDays: 30, maximumDays: 3 }, "no-such-policy": "advisory",
        }, allPolicies), (error: Error) => {
            assert.match(error.message, /^Invalid policy pack config: /);
            assert.match(error.message, /'all': enforcement level must be one of advisory, mandatory, remediate, disabled, got "strict"/);
            assert.match(error.message, /'orthanc-log-retention.maximumDays' is not a setting of this policy \(settings: minimumDays\)/);
            assert.match(error.message, /unknown policy 'no-such-policy' \(known: all, orthanc-s3-bucket-encrypted-with-cmk, /);
            return true;
        });
    });

    it("keeps the pack's copy of the offline secret marker equal to the plan's", () => {
        assert.strictEqual(OFFLINE_SECRET_MARKER, SECRET_MARKER);
    });

    it("keeps the pack's log-archive tag equal to the one the program puts on its access-log buckets", () => {
        assert.deepStrictEqual(LOG_ARCHIVE_TAGS, { [LOG_ARCHIVE_TAG]: LOG_ARCHIVE_TAG_VALUE });
    });
});
