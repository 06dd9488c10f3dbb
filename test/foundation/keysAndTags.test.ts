import * as assert from "assert";
import { keyPolicy } from "../../components/security/keyPolicies";
import { evaluateStack } from "../../tools/offline/evaluate";
import { Plan } from "../../tools/offline/planTypes";
import { ofType, single } from "../support/planQueries";

describe("encryption keys", () => {
    let plan: Plan;
    before(async () => { plan = await evaluateStack("prod"); });

    it("creates one rotating customer-managed key per data domain, each with an alias", () => {
        const keys = ofType(plan, "aws:kms/key:Key").filter((key) => key.name.startsWith("orthanc-prod-keys-"));
        assert.deepStrictEqual(keys.map((key) => key.name.split("-").pop()).sort(), ["data", "logs", "pipeline"]);
        for (const key of keys) {
            assert.strictEqual(key.inputs.enableKeyRotation, true, `${key.name} must rotate`);
            assert.strictEqual(key.inputs.deletionWindowInDays, 30);
            assert.strictEqual(key.options.protect, true, "prod keeps the keys its kept stores are encrypted with");
        }
        const aliases = ofType(plan, "aws:kms/alias:Alias").filter((alias) => alias.name.startsWith("orthanc-prod-keys-")).map((alias) => [alias.inputs.name, alias.inputs.targetKeyId]).sort();
        assert.deepStrictEqual(aliases, keys.map((key) => [`alias/orthanc-prod-${key.name.split("-").pop()}`, key.outputs.keyId]).sort());
    });

    it("leaves dev's keys destroyable", async () => {
        const dev = await evaluateStack("dev");
        for (const key of ofType(dev, "aws:kms/key:Key")) assert.strictEqual(key.options.protect, false);
    });

    it("lets CloudWatch Logs use the logs key only for this account's log groups", () => {
        const policy = JSON.parse(single(plan, "aws:kms/key:Key", "-keys-logs").inputs.policy as string);
        const logs = policy.Statement.find((s: any) => s.Principal.Service === "logs.us-east-1.amazonaws.com");
        assert.ok(logs, "the logs key needs an explicit CloudWatch Logs statement");
        assert.deepStrictEqual(logs.Condition, { ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:us-east-1:123456789012:log-group:*" } });
        assert.ok(policy.Statement.some((s: any) => s.Principal.Service === "delivery.logs.amazonaws.com" && s.Condition.StringEquals["aws:SourceAccount"] === "123456789012"));
    });

    it("keeps key administration with the account and scopes service use by account", () => {
        for (const domain of ["data", "logs", "pipeline"] as const) {
            const policy = keyPolicy(domain, { accountId: "111122223333", partition: "aws-us-gov", region: "us-gov-west-1" }, { ebsThroughEc2: true }) as { Statement: any[] };
            assert.deepStrictEqual(policy.Statement[0].Principal, { AWS: "arn:aws-us-gov:iam::111122223333:root" });
            for (const statement of policy.Statement.slice(1)) {
                const condition = JSON.stringify(statement.Condition);
                assert.ok(condition.includes("111122223333"), `${domain}: ${statement.Sid} must be limited to the account`);
            }
        }
        const pipeline = keyPolicy("pipeline", { accountId: "111122223333", partition: "aws", region: "eu-west-1" }, { ebsThroughEc2: false }) as { Statement: any[] };
        assert.deepStrictEqual(pipeline.Statement[1].Principal.Service, ["s3.amazonaws.com", "cloudwatch.amazonaws.com"]);
    });

    it("admits EBS through EC2 to the data key for container hosts, with grants only for AWS resources", () => {
        const context = { accountId: "111122223333", partition: "aws", region: "eu-west-1" };
        const data = keyPolicy("data", context, { ebsThroughEc2: true }) as { Statement: any[] };
        const thisAccountViaEc2 = { "kms:CallerAccount": "111122223333", "kms:ViaService": "ec2.eu-west-1.amazonaws.com" };
        assert.deepStrictEqual(data.Statement.slice(1), [
            {
                Sid: "EbsThroughEc2ForThisAccount", Effect: "Allow", Principal: { AWS: "*" },
                Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
                Resource: "*", Condition: { StringEquals: thisAccountViaEc2 },
            },
            {
                Sid: "EbsGrantsForAwsResourcesOnly", Effect: "Allow", Principal: { AWS: "*" },
                Action: "kms:CreateGrant",
                Resource: "*", Condition: { StringEquals: thisAccountViaEc2, Bool: { "kms:GrantIsForAWSResource": true } },
            },
        ]);
        assert.deepStrictEqual(keyPolicy("data", context, { ebsThroughEc2: false }), { Version: "2012-10-17", Statement: [data.Statement[0]] },
            "without container hosts the data key trusts the account's IAM only");
        for (const domain of ["logs", "pipeline"] as const) {
            assert.deepStrictEqual(keyPolicy(domain, context, { ebsThroughEc2: true }), keyPolicy(domain, context, { ebsThroughEc2: false }), domain);
        }
    });

    it("emits the data key's EBS statements only for the EC2 launch type", async () => {
        const sids = (stackPlan: Plan): string[] =>
            JSON.parse(single(stackPlan, "aws:kms/key:Key", "-keys-data").inputs.policy as string).Statement.map((statement: any) => statement.Sid);
        assert.deepStrictEqual(sids(plan), ["AccountIamControlsKeyUse", "EbsThroughEc2ForThisAccount", "EbsGrantsForAwsResourcesOnly"], "prod runs on EC2");
        const fargate = await evaluateStack("prod", { compute: { launchType: "fargate", instanceType: null, memory: 2048 } });
        assert.deepStrictEqual(sids(fargate), ["AccountIamControlsKeyUse"]);
        assert.deepStrictEqual(sids(await evaluateStack("dev")), ["AccountIamControlsKeyUse"], "dev runs on Fargate");
    });
});

describe("tags", () => {
    for (const stack of ["dev", "prod"]) {
        it(`${stack}: the explicit AWS provider tags every resource it creates`, async () => {
            const plan = await evaluateStack(stack);
            const provider = single(plan, "pulumi:providers:aws");
            assert.deepStrictEqual(JSON.parse(provider.inputs.defaultTags as string), {
                tags: { Project: "orthanc-aws", Stack: stack, Namespace: "orthanc", DataClassification: "PHI", ManagedBy: "pulumi" },
            });
            assert.strictEqual(provider.inputs.region, "us-east-1");
            const awsResources = plan.resources.filter((resource) => resource.custom && resource.type.startsWith("aws:"));
            assert.ok(awsResources.length > 10);
            for (const resource of awsResources) {
                assert.strictEqual(resource.options.provider, provider.urn, `${resource.type} ${resource.name} bypasses the tagging provider`);
            }
        });
    }
});
