import * as assert from "assert";
import { assumeRolePolicy } from "../../components/compute/orthancPolicies";
import { ecsUserData } from "../../components/compute/ec2Capacity";
import { containerHostBounds, cpuArchitecture, ecsOptimizedAmiParameter } from "../../components/compute/orthancTaskSettings";
import { stackConfigFixture } from "../orthanc/fixtures";

describe("Orthanc task settings", () => {
    it("runs Graviton instance types as ARM64 and everything else, Fargate included, as X86_64", () => {
        assert.deepStrictEqual(
            ["m7g.large", "c7gn.xlarge", "t4g.medium", "r8g.2xlarge", "m7i.large", "c6a.large", "g5.xlarge"].map((type) => cpuArchitecture("ec2", type)),
            ["ARM64", "ARM64", "ARM64", "ARM64", "X86_64", "X86_64", "X86_64"]);
        assert.strictEqual(cpuArchitecture("fargate", "m7g.large"), "X86_64");
        assert.strictEqual(ecsOptimizedAmiParameter("m7i.large"), "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id");
        assert.strictEqual(ecsOptimizedAmiParameter("t4g.small"), "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id");
    });

    it("keeps one host per task at rest and room for a second set during deployments", () => {
        const { compute } = stackConfigFixture();
        assert.deepStrictEqual(containerHostBounds({ ...compute, minCount: 1, maxCount: 3 }), { minSize: 1, maxSize: 6 });
    });

    it("joins hosts to the cluster and blocks task access to instance metadata", () => {
        assert.strictEqual(ecsUserData("pacs-cluster"),
            "#!/bin/bash\ncat >> /etc/ecs/ecs.config <<'EOF'\nECS_CLUSTER=pacs-cluster\nECS_AWSVPC_BLOCK_IMDS=true\nECS_ENABLE_TASK_IAM_ROLE=true\nEOF\n");
    });

    it("lets only this account's ECS assume task roles", () => {
        assert.deepStrictEqual(assumeRolePolicy("ecs-tasks.amazonaws.com", { accountId: "111122223333", partition: "aws", region: "eu-central-1" }), {
            Version: "2012-10-17",
            Statement: [{
                Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole",
                Condition: {
                    StringEquals: { "aws:SourceAccount": "111122223333" },
                    ArnLike: { "aws:SourceArn": "arn:aws:ecs:eu-central-1:111122223333:*" },
                },
            }],
        });
    });
});
