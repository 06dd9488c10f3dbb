/** The optional day-two resources pass the pack as well: a copy vault in a second region, the pull-through cache, a maintenance deployment. */
import * as assert from "assert";
import { evaluateStack } from "../../tools/offline/evaluate";
import { choosePackConfig } from "../../tools/policy/defaultPackConfig";
import { policyVerdict } from "../../tools/policy/verdict";

describe("policy pack over the day-two options", () => {
    it("finds no mandatory violation in prod with a backup copy, the pull-through cache and a maintenance deployment", async () => {
        const plan = await evaluateStack("prod", {
            backup: { copyRegion: "us-west-2", vaultLock: "compliance" },
            compute: { imageSource: "pullThroughCache", pullThroughCacheCredentialArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:ecr-pullthroughcache/hub-AbCdEf", deployment: "maintenance" },
            alarms: { email: "imaging-it@example.org" },
        });
        const verdict = await policyVerdict("prod", plan, choosePackConfig("prod"));
        assert.strictEqual(verdict.blocked, false, verdict.text);
        for (const type of ["aws:ecr/pullThroughCacheRule:PullThroughCacheRule", "aws:backup/vaultLockConfiguration:VaultLockConfiguration", "aws:sns/topicSubscription:TopicSubscription"]) {
            assert.ok(plan.resources.some((resource) => resource.type === type), type);
        }
    });
});
