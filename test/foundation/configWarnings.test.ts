import * as assert from "assert";
import { readStackConfig } from "../../config/parse";
import { configWarnings } from "../../config/warnings";
import { readStackFile } from "../../tools/offline/stackFile";
import { evaluateStack, PROJECT_DIR } from "../../tools/offline/evaluate";

/** A valid config map of the given structured sections. */
function raw(sections: Record<string, unknown>): Record<string, string> {
    const map: Record<string, string> = { "aws:region": "eu-west-1" };
    const withEndpoint = { endpoint: { allowedCidrs: ["203.0.113.0/24"] }, ...sections };
    for (const [key, value] of Object.entries(withEndpoint)) map[`orthanc-aws:${key}`] = JSON.stringify(value);
    return map;
}

const warningsOf = (sections: Record<string, unknown>) => readStackConfig(raw(sections), "t").warnings;

describe("config warnings", () => {
    it("report settings of the mode not chosen, only when written", () => {
        assert.deepStrictEqual(warningsOf({ compute: { launchType: "fargate", instanceType: "m6i.large" } }), [
            { setting: "compute.instanceType", message: "has no effect: compute.launchType is fargate, which runs tasks on AWS-managed hosts" },
        ]);
        assert.deepStrictEqual(warningsOf({ storage: { backend: "s3", efsTransitionToIa: "AFTER_7_DAYS", efsTransitionToPrimary: "none" } }), [
            { setting: "storage.efsTransitionToIa", message: "has no effect: storage.backend is s3, so there is no EFS file system" },
            { setting: "storage.efsTransitionToPrimary", message: "has no effect: storage.backend is s3, so there is no EFS file system" },
        ]);
        assert.deepStrictEqual(warningsOf({ storage: { backend: "efs", s3DeepArchiveAfterDays: 0 } }), [
            { setting: "storage.s3DeepArchiveAfterDays", message: "has no effect: storage.backend is efs, so there is no image bucket" },
        ]);
        assert.deepStrictEqual(warningsOf({ metadataPipeline: { enabled: false, reservedConcurrency: 3 } }), [
            { setting: "metadataPipeline.reservedConcurrency", message: "has no effect: metadataPipeline.enabled is false" },
        ]);
        assert.deepStrictEqual(warningsOf({ compute: { launchType: "ec2", instanceType: "m6i.large" }, storage: { backend: "s3" } }), []);
    });

    it("explain why a private range cannot reach the internet-facing load balancer", () => {
        const warnings = warningsOf({ endpoint: { allowedCidrs: ["203.0.113.0/24", "10.1.0.0/16", "172.16.5.0/24"] } });
        assert.deepStrictEqual(warnings.map((warning) => warning.setting), ["endpoint.allowedCidrs", "endpoint.allowedCidrs"]);
        assert.strictEqual(warnings[0].message, "10.1.0.0/16 is a private (RFC 1918) range: the load balancer is internet-facing, so clients reach it from the public address "
            + "their network leaves through, and traffic from a private address cannot arrive; list that public range instead (ask your network team, or look it up from a client)");
        assert.match(warnings[1].message, /^172\.16\.5\.0\/24 is a private/);
        assert.deepStrictEqual(warningsOf({ endpoint: { allowedCidrs: ["100.64.0.0/10"] } }), []);
    });

    it("are a pure function of the config and the written settings", () => {
        const { config } = readStackConfig(raw({ compute: { launchType: "fargate" } }), "t");
        assert.deepStrictEqual(configWarnings(config, new Set(["compute.instanceType"])).map((warning) => warning.setting), ["compute.instanceType"]);
        assert.deepStrictEqual(configWarnings(config, new Set()), []);
    });

    it("leave the committed stacks clean and reach the plan", async () => {
        for (const stack of ["dev", "prod"]) assert.deepStrictEqual(readStackConfig(readStackFile(PROJECT_DIR, stack).config, stack).warnings, [], stack);
        const plan = await evaluateStack("dev", { compute: { instanceType: "m6i.large" } });
        assert.deepStrictEqual(plan.warnings, [
            { setting: "compute.instanceType", message: "has no effect: compute.launchType is fargate, which runs tasks on AWS-managed hosts" },
        ]);
    });
});
