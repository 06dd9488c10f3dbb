import * as assert from "assert";
import { conformancePackTemplate, HIPAA_MANAGED_RULES } from "../../components/compliance";
import { evaluateStack } from "../../tools/offline/evaluate";
import { ofType, single } from "../support/planQueries";

describe("account compliance (AWS Config, GuardDuty, Security Hub)", () => {
    it("prod deploys the recorder, the HIPAA pack, GuardDuty with S3/RDS/runtime protection and Security Hub FSBP", async () => {
        const plan = await evaluateStack("prod");
        const role = single(plan, "aws:iam/role:Role", "-compliance-config-role");
        assert.strictEqual(single(plan, "aws:cfg/recorder:Recorder").inputs.roleArn, role.outputs.arn);
        assert.deepStrictEqual(single(plan, "aws:cfg/recorder:Recorder").inputs.recordingGroup, { allSupported: true, includeGlobalResourceTypes: true });
        const channel = single(plan, "aws:cfg/deliveryChannel:DeliveryChannel");
        const bucket = single(plan, "aws:s3/bucket:Bucket", "-compliance-config");
        assert.strictEqual(channel.inputs.s3BucketName, bucket.outputs.bucket);
        assert.strictEqual(channel.inputs.s3KmsKeyArn, single(plan, "aws:kms/key:Key", "-keys-logs").outputs.arn);
        assert.deepStrictEqual(bucket.inputs.tags, { DataClassification: "Internal" });
        assert.strictEqual(single(plan, "aws:cfg/recorderStatus:RecorderStatus").inputs.isEnabled, true);
        const pack = single(plan, "aws:cfg/conformancePack:ConformancePack");
        const template = JSON.parse(String(pack.inputs.templateBody));
        const identifiers = Object.values(template.Resources as Record<string, { Properties: { Source: { SourceIdentifier: string } } }>)
            .map((rule) => rule.Properties.Source.SourceIdentifier);
        assert.deepStrictEqual(identifiers, [...HIPAA_MANAGED_RULES]);
        assert.ok(single(plan, "aws:guardduty/detector:Detector").inputs.enable);
        assert.deepStrictEqual(ofType(plan, "aws:guardduty/detectorFeature:DetectorFeature").map((f) => [f.inputs.name, f.inputs.status]).sort(),
            [["RDS_LOGIN_EVENTS", "ENABLED"], ["RUNTIME_MONITORING", "ENABLED"], ["S3_DATA_EVENTS", "ENABLED"]]);
        assert.strictEqual(single(plan, "aws:securityhub/standardsSubscription:StandardsSubscription").inputs.standardsArn,
            "arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0");
    });

    it("dev leaves them to the account's other stack (accountServices: external)", async () => {
        const plan = await evaluateStack("dev");
        assert.deepStrictEqual(plan.resources.filter((r) => /^aws:(cfg|guardduty|securityhub)\//.test(r.type)).map((r) => r.name), []);
    });

    it("passes the pack's floors to the live rules and names every rule once", () => {
        const template = JSON.parse(conformancePackTemplate("orthanc-prod", { backupRetentionDays: 35, maxSecretRotationDays: 90 }));
        const rules = Object.values(template.Resources as Record<string, { Properties: { ConfigRuleName: string; InputParameters?: Record<string, string>; Source: { SourceIdentifier: string } } }>);
        assert.strictEqual(new Set(rules.map((r) => r.Properties.ConfigRuleName)).size, HIPAA_MANAGED_RULES.length);
        const backup = rules.find((r) => r.Properties.Source.SourceIdentifier === "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK")!;
        assert.strictEqual(backup.Properties.InputParameters?.requiredRetentionDays, "35");
        assert.ok(rules.every((r) => r.Properties.ConfigRuleName.length <= 128 && /^orthanc-prod-[a-z0-9-]+$/.test(r.Properties.ConfigRuleName)));
    });
});
