import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { accessLogLifecycleRules, createPrivateBucket, denyInsecureBucketTransport } from "../data";
import type { PolicyDocument } from "../security";
import { conformancePackTemplate, RuleParameters } from "./conformancePack";

export interface AccountComplianceArgs {
    /** `<namespace>-<stack>`: names the rules and the pack. */
    prefix: string;
    region: string;
    /** KMS key of the Config delivery bucket (the logs key). */
    logsKeyArn: pulumi.Input<string>;
    logRetentionDays: number;
    rules: RuleParameters;
    protect: boolean;
}

/** Security Hub's FSBP standard (Security Hub user guide, "AWS Foundational Security Best Practices standard"). */
export function fsbpStandardArn(partition: string, region: string): string {
    return `arn:${partition}:securityhub:${region}::standards/aws-foundational-security-best-practices/v/1.0.0`;
}

/** GuardDuty protection plans: S3 data events, RDS login activity, runtime monitoring of ECS (Fargate and EC2). */
export const GUARDDUTY_FEATURES: { name: string; additionalConfigurations?: string[] }[] = [
    { name: "S3_DATA_EVENTS" },
    { name: "RDS_LOGIN_EVENTS" },
    { name: "RUNTIME_MONITORING", additionalConfigurations: ["ECS_FARGATE_AGENT_MANAGEMENT", "EC2_AGENT_MANAGEMENT"] },
];

/**
 * The account's continuous checks, for one region: AWS Config (recorder, delivery channel to a bucket encrypted with
 * the logs key, the HIPAA conformance pack), GuardDuty with S3, RDS and runtime protection, and Security Hub with
 * FSBP. One recorder, detector and hub exist per account and region: only one stack per account deploys this.
 */
export class AccountCompliance extends pulumi.ComponentResource {
    readonly conformancePackName: pulumi.Output<string>;
    readonly detectorId: pulumi.Output<string>;

    constructor(name: string, args: AccountComplianceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("orthanc-aws:compliance:AccountCompliance", name, {}, opts);
        const identity = aws.getCallerIdentityOutput({}, { parent: this });
        const partition = aws.getPartitionOutput({}, { parent: this });

        const role = new aws.iam.Role(`${name}-config-role`, {
            description: "AWS Config records the account's resources and delivers snapshots",
            assumeRolePolicy: identity.accountId.apply((accountId) => JSON.stringify({
                Version: "2012-10-17",
                Statement: [{
                    Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: "sts:AssumeRole",
                    Condition: { StringEquals: { "aws:SourceAccount": accountId } },
                }],
            })),
        }, { parent: this });
        new aws.iam.RolePolicyAttachment(`${name}-config-role`, {
            role: role.name,
            policyArn: partition.partition.apply((p) => `arn:${p}:iam::aws:policy/service-role/AWS_ConfigRole`),
        }, { parent: this });

        // Configuration snapshots describe resources, not patients: classified Internal, kept like the logs.
        const bucket = createPrivateBucket(`${name}-config`, {
            encryption: { sseAlgorithm: "aws:kms", kmsKeyArn: args.logsKeyArn },
            versioned: false,
            logArchive: false,
            classification: "Internal",
            lifecycleRules: accessLogLifecycleRules(args.logRetentionDays),
            policy: (bucketArn) => bucketArn.apply((arn): PolicyDocument => ({ Version: "2012-10-17", Statement: [denyInsecureBucketTransport(arn)] })),
            protect: args.protect,
        }, this);
        new aws.iam.RolePolicy(`${name}-config-delivery`, {
            role: role.id,
            policy: pulumi.all([bucket.bucket.arn, args.logsKeyArn, identity.accountId]).apply(([bucketArn, keyArn, accountId]) => JSON.stringify({
                Version: "2012-10-17",
                Statement: [
                    { Sid: "DeliverSnapshots", Effect: "Allow", Action: ["s3:PutObject"], Resource: `${bucketArn}/AWSLogs/${accountId}/Config/*` },
                    { Sid: "CheckBucket", Effect: "Allow", Action: ["s3:GetBucketAcl", "s3:ListBucket"], Resource: bucketArn },
                    { Sid: "EncryptSnapshots", Effect: "Allow", Action: ["kms:GenerateDataKey", "kms:Decrypt"], Resource: keyArn },
                ],
            })),
        }, { parent: this });

        const recorder = new aws.cfg.Recorder(`${name}-recorder`, {
            roleArn: role.arn,
            recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
        }, { parent: this });
        const channel = new aws.cfg.DeliveryChannel(`${name}-delivery`, {
            s3BucketName: bucket.bucket.bucket,
            s3KmsKeyArn: args.logsKeyArn,
            snapshotDeliveryProperties: { deliveryFrequency: "TwentyFour_Hours" },
        }, { parent: this, dependsOn: [recorder, bucket.policy] });
        const recording = new aws.cfg.RecorderStatus(`${name}-recording`, {
            name: recorder.name, isEnabled: true,
        }, { parent: this, dependsOn: [channel] });
        const pack = new aws.cfg.ConformancePack(`${name}-hipaa`, {
            name: `${args.prefix}-hipaa`,
            templateBody: conformancePackTemplate(args.prefix, args.rules),
        }, { parent: this, dependsOn: [recording] });

        const detector = new aws.guardduty.Detector(`${name}-guardduty`, {
            enable: true, findingPublishingFrequency: "FIFTEEN_MINUTES",
        }, { parent: this });
        for (const feature of GUARDDUTY_FEATURES) {
            new aws.guardduty.DetectorFeature(`${name}-guardduty-${feature.name.toLowerCase().replace(/_/g, "-")}`, {
                detectorId: detector.id,
                name: feature.name,
                status: "ENABLED",
                additionalConfigurations: feature.additionalConfigurations?.map((configuration) => ({ name: configuration, status: "ENABLED" })),
            }, { parent: this });
        }

        const hub = new aws.securityhub.Account(`${name}-securityhub`, {
            enableDefaultStandards: false, autoEnableControls: true, controlFindingGenerator: "SECURITY_CONTROL",
        }, { parent: this });
        new aws.securityhub.StandardsSubscription(`${name}-fsbp`, {
            standardsArn: partition.partition.apply((p) => fsbpStandardArn(p, args.region)),
        }, { parent: this, dependsOn: [hub] });

        this.conformancePackName = pack.name;
        this.detectorId = detector.id;
        this.registerOutputs({ conformancePackName: this.conformancePackName, detectorId: this.detectorId });
    }
}
