import * as assert from "assert";
import { evaluateStack } from "../../tools/offline/evaluate";
import { ofType, single, subnetIdsOf } from "../support/planQueries";

describe("metadata pipeline in the stack", () => {
    it("prod indexes the image bucket with the pipeline key, in the private subnets, from the built bundle", async () => {
        const plan = await evaluateStack("prod");
        const bucket = single(plan, "aws:s3/bucket:Bucket", "-images");
        const notification = single(plan, "aws:s3/bucketNotification:BucketNotification");
        assert.strictEqual(notification.inputs.bucket, bucket.outputs.bucket);
        const fn = single(plan, "aws:lambda/function:Function");
        assert.deepStrictEqual((fn.inputs.vpcConfig as { subnetIds: string[] }).subnetIds, subnetIdsOf(plan, "private"));
        assert.strictEqual(fn.inputs.kmsKeyArn, single(plan, "aws:kms/key:Key", "-keys-pipeline").outputs.arn);
        // No reservation (a new account's quota may be 10 in all): the event source caps the indexer at 10.
        assert.strictEqual(fn.inputs.reservedConcurrentExecutions, undefined);
        assert.deepStrictEqual(single(plan, "aws:lambda/eventSourceMapping:EventSourceMapping").inputs.scalingConfig, { maximumConcurrency: 10 });
        assert.match(String((fn.inputs.code as { archive: string }).archive), /\.build\/dicom-indexer$/);
        const policy = JSON.parse(single(plan, "aws:iam/rolePolicy:RolePolicy", "-pipeline-indexer-access").inputs.policy as string);
        assert.ok(policy.Statement.some((s: { Resource: unknown }) => s.Resource === `${bucket.outputs.arn}/*`));
        const table = single(plan, "aws:dynamodb/table:Table");
        assert.strictEqual(table.options.protect, true);
        assert.deepStrictEqual(plan.outputs.metadataPipeline, { enabled: true, tableName: table.outputs.name,
            deadLetterQueueUrl: single(plan, "aws:sqs/queue:Queue", "-dead-letters").outputs.url });
    });

    it("is absent with the EFS backend and when disabled on S3", async () => {
        const dev = await evaluateStack("dev");
        assert.strictEqual(ofType(dev, "orthanc-aws:pipeline:MetadataPipeline").length, 0);
        assert.deepStrictEqual(dev.outputs.metadataPipeline, { enabled: false });
        const s3WithoutPipeline = await evaluateStack("prod", { metadataPipeline: { enabled: false } });
        assert.strictEqual(ofType(s3WithoutPipeline, "aws:lambda/function:Function").length, 0);
        assert.strictEqual(ofType(s3WithoutPipeline, "aws:s3/bucketNotification:BucketNotification").length, 0);
    });
});
