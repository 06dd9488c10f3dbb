import * as assert from "assert";
import { AuditTrail } from "../../components/compliance/auditTrail";
import { trailBucketPolicy, trailEventSelectors } from "../../components/compliance/auditTrailSettings";
import { keyPolicy } from "../../components/security/keyPolicies";
import { MOCK_ACCOUNT_ID } from "../../tools/offline/mockOutputs";
import { Plan } from "../../tools/offline/planTypes";
import { evaluateComponents, jsonInput, named, single, TEST_REGION } from "../support/planQueries";

const LOGS_KEY = `arn:aws:kms:${TEST_REGION}:${MOCK_ACCOUNT_ID}:key/logs`;
const IMAGES = "arn:aws:s3:::pacs-images";
const TABLE = `arn:aws:dynamodb:${TEST_REGION}:${MOCK_ACCOUNT_ID}:table/pacs-headers`;
const TRAIL_ARN = `arn:aws:cloudtrail:${TEST_REGION}:${MOCK_ACCOUNT_ID}:trail/pacs-test-trail`;

function build(resources: { imageBucketArn?: string; headerTableArn?: string }, protect = true): Promise<Plan> {
    return evaluateComponents(() => new AuditTrail("pacs-test-trail", {
        prefix: "pacs-test", region: TEST_REGION, logsKeyArn: LOGS_KEY, logRetentionDays: 365, protect, ...resources,
    }));
}

describe("AuditTrail (mocks)", () => {
    let plan: Plan;
    before(async () => { plan = await build({ imageBucketArn: IMAGES, headerTableArn: TABLE }); });

    it("is a multi-region trail encrypted with the logs key, validating its log files, into its bucket and CloudWatch Logs", () => {
        const trail = single(plan, "aws:cloudtrail/trail:Trail");
        const group = named(plan, "pacs-test-trail-logs");
        assert.deepStrictEqual([trail.inputs.name, trail.inputs.kmsKeyId, trail.inputs.enableLogFileValidation, trail.inputs.isMultiRegionTrail,
            trail.inputs.includeGlobalServiceEvents, trail.inputs.s3BucketName, trail.inputs.s3KeyPrefix, trail.inputs.cloudWatchLogsGroupArn, trail.inputs.cloudWatchLogsRoleArn], [
            "pacs-test-trail", LOGS_KEY, true, true, true, named(plan, "pacs-test-trail-bucket").outputs.bucket, "cloudtrail",
            `${String(group.outputs.arn)}:*`, named(plan, "pacs-test-trail-role").outputs.arn,
        ]);
        assert.deepStrictEqual([group.inputs.kmsKeyId, group.inputs.retentionInDays], [LOGS_KEY, 365]);
        assert.ok(trail.options.dependsOn.includes(named(plan, "pacs-test-trail-bucket-policy").urn));
        assert.ok(trail.options.dependsOn.includes(named(plan, "pacs-test-trail-role-policy").urn));
    });

    it("records management events, the image bucket's object events and the header table's item events, nothing more", () => {
        assert.deepStrictEqual(single(plan, "aws:cloudtrail/trail:Trail").inputs.advancedEventSelectors, [
            { name: "Management events", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] },
            { name: "Image bucket object events", fieldSelectors: [
                { field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: ["AWS::S3::Object"] }, { field: "resources.ARN", startsWiths: [`${IMAGES}/`] },
            ] },
            { name: "Header table item events", fieldSelectors: [
                { field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: ["AWS::DynamoDB::Table"] }, { field: "resources.ARN", equals: [TABLE] },
            ] },
        ]);
    });

    it("keeps log files in a protected, versioned, CMK-encrypted bucket only this trail writes to, for at least six years", () => {
        const bucket = named(plan, "pacs-test-trail-bucket");
        assert.deepStrictEqual([bucket.options.protect, bucket.inputs.forceDestroy, bucket.inputs.tags], [true, false, { DataClassification: "Internal" }]);
        assert.deepStrictEqual(named(plan, "pacs-test-trail-bucket-versioning").inputs.versioningConfiguration, { status: "Enabled" });
        assert.deepStrictEqual(named(plan, "pacs-test-trail-bucket-encryption").inputs.rules,
            [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: LOGS_KEY }, bucketKeyEnabled: true }]);
        const [expire] = named(plan, "pacs-test-trail-bucket-lifecycle").inputs.rules as Array<Record<string, unknown>>;
        assert.deepStrictEqual([expire.expiration, expire.noncurrentVersionExpiration], [{ days: 2192 }, { noncurrentDays: 30 }]);
        assert.deepStrictEqual(jsonInput(named(plan, "pacs-test-trail-bucket-policy"), "policy"),
            trailBucketPolicy(String(bucket.outputs.arn), MOCK_ACCOUNT_ID, TRAIL_ARN, true));
    });

    it("lets only this trail assume the delivery role, which writes only to its log group's streams", () => {
        assert.deepStrictEqual(jsonInput(named(plan, "pacs-test-trail-role"), "assumeRolePolicy"), {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceArn": TRAIL_ARN } } }],
        });
        assert.deepStrictEqual(jsonInput(named(plan, "pacs-test-trail-role-policy"), "policy").Statement, [
            { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${String(named(plan, "pacs-test-trail-logs").outputs.arn)}:log-stream:*` },
        ]);
    });

    it("records management events only when the stack has neither an image bucket nor a header table", async () => {
        const bare = await build({}, false);
        assert.deepStrictEqual(single(bare, "aws:cloudtrail/trail:Trail").inputs.advancedEventSelectors,
            [{ name: "Management events", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] }]);
        assert.deepStrictEqual(trailEventSelectors({ headerTableArn: TABLE }).map((selector) => selector.name), ["Management events", "Header table item events"]);
        assert.strictEqual(named(bare, "pacs-test-trail-bucket").options.protect, false);
    });
});

describe("trail bucket policy", () => {
    it("admits CloudTrail for this trail only (aws:SourceArn), writing under its prefix with the owner's control, and with protect denies deleting log files", () => {
        const policy = trailBucketPolicy("arn:aws:s3:::trail", "111122223333", "arn:aws:cloudtrail:eu-central-1:111122223333:trail/t", true);
        assert.deepStrictEqual(policy.Statement.slice(1), [
            { Sid: "CloudTrailAclCheck", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:GetBucketAcl", Resource: "arn:aws:s3:::trail",
                Condition: { StringEquals: { "aws:SourceArn": "arn:aws:cloudtrail:eu-central-1:111122223333:trail/t" } } },
            { Sid: "CloudTrailWrite", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:PutObject", Resource: "arn:aws:s3:::trail/cloudtrail/AWSLogs/111122223333/*",
                Condition: { StringEquals: { "aws:SourceArn": "arn:aws:cloudtrail:eu-central-1:111122223333:trail/t", "s3:x-amz-acl": "bucket-owner-full-control" } } },
            { Sid: "DenyLogFileDeletion", Effect: "Deny", Principal: "*", Action: ["s3:DeleteObject", "s3:DeleteObjectVersion"], Resource: "arn:aws:s3:::trail/*" },
        ]);
        assert.deepStrictEqual(trailBucketPolicy("arn:aws:s3:::trail", "111122223333", "arn:t", false).Statement.map((s) => s.Sid),
            ["DenyInsecureTransport", "CloudTrailAclCheck", "CloudTrailWrite"]);
    });

    it("is matched by the logs key's grant to CloudTrail: this account's trails only", () => {
        const policy = keyPolicy("logs", { accountId: "111122223333", partition: "aws", region: "eu-central-1" }, { ebsThroughEc2: false }) as { Statement: Array<Record<string, unknown>> };
        const grants = policy.Statement.filter((statement) => JSON.stringify(statement.Principal).includes("cloudtrail"));
        assert.deepStrictEqual(grants.map((grant) => [grant.Sid, grant.Action, grant.Condition]), [
            ["CloudTrailEncryptsThisAccountsTrails", "kms:GenerateDataKey*", {
                StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:111122223333:trail/*" },
                StringEquals: { "aws:SourceAccount": "111122223333" },
            }],
            ["CloudTrailDescribesTheKey", "kms:DescribeKey", { StringEquals: { "aws:SourceAccount": "111122223333" } }],
        ]);
    });
});
