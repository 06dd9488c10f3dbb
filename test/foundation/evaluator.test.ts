import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { evaluate } from "../../tools/offline/evaluate";
import { SECRET_MARKER } from "../../tools/offline/planTypes";
import { single } from "../support/planQueries";

const settings = { config: { "aws:region": "eu-central-1" }, secretKeys: [] };

describe("offline evaluator", () => {
    it("fails when an apply feeding an input throws, instead of silently dropping the resource", async () => {
        await assert.rejects(evaluate("t", settings, () => {
            new aws.sqs.Queue("broken", { name: pulumi.output("x").apply((): string => { throw new Error("boom in apply"); }) });
        }), /boom in apply/);
    });

    it("records parents, options and inputs, and never prints a secret", async () => {
        const plan = await evaluate("t", settings, () => {
            const queue = new aws.sqs.Queue("kept", { messageRetentionSeconds: 60 }, { protect: true, retainOnDelete: true });
            new aws.ssm.Parameter("password", { type: "SecureString", value: pulumi.secret("hunter2-do-not-print") }, { dependsOn: [queue] });
        });
        const queue = single(plan, "aws:sqs/queue:Queue");
        assert.deepStrictEqual([queue.options.protect, queue.options.retainOnDelete, queue.inputs.messageRetentionSeconds], [true, true, 60]);
        assert.match(String(queue.outputs.arn), /^arn:aws:sqs:eu-central-1:123456789012:kept-/);
        const parameter = single(plan, "aws:ssm/parameter:Parameter");
        assert.strictEqual(parameter.inputs.value, SECRET_MARKER);
        assert.deepStrictEqual(parameter.options.dependsOn, [queue.urn]);
        assert.ok(!JSON.stringify(plan).includes("hunter2"), "a secret value reached the plan");
    });

    it("gives the same IDs and ARNs on every run", async () => {
        const run = () => evaluate("t", settings, () => { new aws.kms.Key("k", {}); });
        const [first, second] = [await run(), await run()];
        assert.deepStrictEqual(single(first, "aws:kms/key:Key").outputs, single(second, "aws:kms/key:Key").outputs);
    });
});
