/**
 * The real-preview path of the stack policies: new resources have unknown ids, and the engine's
 * `propertyDependencies` say which resource a setting points at. The offline plan has no propertyDependencies, so
 * these stack arguments are built by hand, with the SDK's unknown-checking proxy around the props.
 */
import * as assert from "assert";
import { PolicyResource, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { requireS3BucketEncryptedWithCmk } from "../../policy-pack/policies/encryption/s3BucketEncryptedWithCmk";
import { requireVpcFlowLogs } from "../../policy-pack/policies/audit/vpcFlowLogs";
import { requireResourcePoliciesAccountScoped } from "../../policy-pack/policies/exposure/resourcePoliciesAccountScoped";
import { forbidInternetIngress } from "../../policy-pack/policies/exposure/noInternetIngress";
import { UNKNOWN_SENTINEL } from "../../tools/policy/planResources";
import { throwNotApplicable, unknownCheckingProxy } from "../../tools/policy/sdkEmulation";
import { UNKNOWN_MARKER } from "../../tools/offline/planTypes";
import { checkPlan } from "../../tools/policy/checkPlan";
import { defaultPackConfig } from "../../tools/policy/defaultPackConfig";
import { requireS3VersioningOnPhiBuckets } from "../../policy-pack/policies/integrity/s3VersioningOnPhiBuckets";
import { KEY_ARN, compliantResources } from "./baseline";
import { planOf, urnOf } from "./planBuilder";

function resource(type: string, name: string, props: Record<string, unknown>, parent?: PolicyResource): PolicyResource {
    return {
        type, name, urn: `urn:pulumi:dev::orthanc-aws::${type}::${name}`, props: unknownCheckingProxy(props),
        opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
        dependencies: [], propertyDependencies: {}, parent,
        isType: () => false, asType: () => undefined,
    };
}

function dependsOn(setting: PolicyResource, property: string, target: PolicyResource): PolicyResource {
    setting.propertyDependencies[property] = [target];
    return setting;
}

function run(policy: StackValidationPolicy, resources: PolicyResource[]): string[] {
    const messages: string[] = [];
    const args: StackValidationArgs = { resources, stackTags: new Map(), getConfig: <T>() => ({}) as T, notApplicable: throwNotApplicable };
    policy.validateStack(args, message => { messages.push(message); });
    return messages;
}

const SSE_TYPE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";

describe("stack policies in a real preview (unknown ids, propertyDependencies)", () => {
    it("correlates bucket settings through propertyDependencies.bucket", () => {
        const bucket = resource("aws:s3/bucket:Bucket", "images", { id: UNKNOWN_SENTINEL, bucket: UNKNOWN_SENTINEL });
        const other = resource("aws:s3/bucket:Bucket", "logs", { id: UNKNOWN_SENTINEL });
        const encryption = dependsOn(resource("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "images-sse", {
            bucket: UNKNOWN_SENTINEL,
            rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY_ARN } }],
        }), "bucket", bucket);
        assert.deepStrictEqual(run(requireS3BucketEncryptedWithCmk, [bucket, encryption]), []);
        assert.deepStrictEqual(run(requireS3BucketEncryptedWithCmk, [bucket, other, encryption]),
            ["Bucket 'logs' has no server-side encryption configuration."]);
    });

    it("correlates by the bucket name when the new bucket's id and ARN are unknown (settings without dependencies)", () => {
        const bucket = resource("aws:s3/bucket:Bucket", "images", { id: UNKNOWN_SENTINEL, arn: UNKNOWN_SENTINEL, bucket: "orthanc-images-1a2b" });
        const encryption = resource(SSE_TYPE, "images-sse", {
            bucket: "orthanc-images-1a2b",
            rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY_ARN } }],
        });
        const other = resource("aws:s3/bucket:Bucket", "other", { id: UNKNOWN_SENTINEL, bucket: "other-1a2b" });
        assert.deepStrictEqual(run(requireS3BucketEncryptedWithCmk, [bucket, encryption]), []);
        assert.deepStrictEqual(run(requireS3BucketEncryptedWithCmk, [bucket, other, encryption]),
            ["Bucket 'other' has no server-side encryption configuration."]);
    });

    it("decides every bucket it can, then reports the undecidable one as 'can't run' (unknown per target)", () => {
        // Tags computed from another resource's output: whether the bucket holds PHI is unknown until deployment.
        const undecidable = resource("aws:s3/bucket:Bucket", "a-undecidable", { id: UNKNOWN_SENTINEL, bucket: "a-1a2b", tagsAll: UNKNOWN_SENTINEL });
        const unversioned = resource("aws:s3/bucket:Bucket", "b-unversioned", { id: UNKNOWN_SENTINEL, bucket: "b-1a2b" });
        const versioned = resource("aws:s3/bucket:Bucket", "c-versioned", { id: UNKNOWN_SENTINEL, bucket: "c-1a2b" });
        const versioning = dependsOn(resource("aws:s3/bucketVersioning:BucketVersioning", "c-versioning", {
            bucket: UNKNOWN_SENTINEL, versioningConfiguration: { status: "Enabled" },
        }), "bucket", versioned);
        const messages: string[] = [];
        const args: StackValidationArgs = {
            resources: [undecidable, unversioned, versioned, versioning], stackTags: new Map(),
            getConfig: <T>() => ({}) as T, notApplicable: throwNotApplicable,
        };
        assert.throws(() => requireS3VersioningOnPhiBuckets.validateStack(args, message => { messages.push(message); }),
            (error: Error) => error.constructor.name === "UnknownValueError" && /\.tagsAll can't be known during preview/.test(error.message));
        assert.deepStrictEqual(messages, ["PHI bucket 'b-unversioned' has no BucketVersioning with status Enabled."]);
    });

    it("keeps the offline baseline compliant and decidable when the image bucket's id and ARN are unknown", async () => {
        const specs = compliantResources();
        const images = specs.find(spec => spec.name === "images")!;
        images.outputs = { ...images.outputs, id: UNKNOWN_MARKER, arn: UNKNOWN_MARKER };
        assert.deepStrictEqual(await checkPlan(planOf(specs), defaultPackConfig("prod")), []);
        specs.splice(specs.findIndex(spec => spec.name === "images-versioning"), 1);
        assert.deepStrictEqual(await checkPlan(planOf(specs), defaultPackConfig("prod")), [{
            policy: "orthanc-s3-versioning-on-phi-buckets", enforcementLevel: "mandatory", urn: urnOf(images.type, "images"),
            message: "PHI bucket 'images' has no BucketVersioning with status Enabled.",
        }]);
    });

    it("checks the awsx VPC's child and finds flow logs that depend on the component's vpcId", () => {
        const component = resource("awsx:ec2:Vpc", "network-vpc", { vpcId: UNKNOWN_SENTINEL });
        const vpc = resource("aws:ec2/vpc:Vpc", "network-vpc", { id: UNKNOWN_SENTINEL }, component);
        const flowLog = dependsOn(resource("aws:ec2/flowLog:FlowLog", "flow", { vpcId: UNKNOWN_SENTINEL, trafficType: "ALL" }), "vpcId", component);
        assert.deepStrictEqual(run(requireVpcFlowLogs, [component, vpc, flowLog]), []);
        assert.deepStrictEqual(run(requireVpcFlowLogs, [component, vpc]), ["VPC 'network-vpc' has no flow log."]);
    });

    it("admits the internet on a new load balancer's TLS port, by dependency, and nowhere else", () => {
        const group = resource("aws:ec2/securityGroup:SecurityGroup", "alb-sg", { id: UNKNOWN_SENTINEL });
        const lb = dependsOn(resource("aws:lb/loadBalancer:LoadBalancer", "alb", { securityGroups: [UNKNOWN_SENTINEL] }), "securityGroups", group);
        const listener = resource("aws:lb/listener:Listener", "https", { protocol: "HTTPS", port: 443 });
        const https = dependsOn(resource("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "alb-https",
            { securityGroupId: UNKNOWN_SENTINEL, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" }), "securityGroupId", group);
        const otherGroup = resource("aws:ec2/securityGroup:SecurityGroup", "service-sg", { id: UNKNOWN_SENTINEL });
        const wrongGroup = dependsOn(resource("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "service-https",
            { securityGroupId: UNKNOWN_SENTINEL, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv6: "::/0" }), "securityGroupId", otherGroup);
        assert.deepStrictEqual(run(forbidInternetIngress, [group, lb, listener, https]), []);
        assert.deepStrictEqual(run(forbidInternetIngress, [group, lb, listener, https, otherGroup, wrongGroup]),
            ["'service-https' admits ::/0 on tcp port 443."]);
    });
});

describe("resource-policy scope in a first preview (every ARN unknown)", () => {
    const account = "123456789012";
    const keyPolicy = (principalAccount: string) => JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${principalAccount}:root` }, Action: "kms:*", Resource: "*" }],
    });
    const trust = JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": account } } }],
    });

    it("takes the account the program's own conditions name, and still reports a foreign root", () => {
        const role = resource("aws:iam/role:Role", "task-role", { arn: UNKNOWN_SENTINEL, assumeRolePolicy: trust });
        const queue = resource("aws:sqs/queuePolicy:QueuePolicy", "queue-policy", { policy: UNKNOWN_SENTINEL });
        const ownKey = resource("aws:kms/key:Key", "data-key", { arn: UNKNOWN_SENTINEL, policy: keyPolicy(account) });
        assert.deepStrictEqual(run(requireResourcePoliciesAccountScoped, [role, ownKey]), []);
        const foreignKey = resource("aws:kms/key:Key", "other-key", { arn: UNKNOWN_SENTINEL, policy: keyPolicy("210987654321") });
        assert.throws(() => run(requireResourcePoliciesAccountScoped, [role, queue, ownKey, foreignKey]),
            (error: Error) => error.constructor.name === "UnknownValueError");
        const messages: string[] = [];
        try {
            requireResourcePoliciesAccountScoped.validateStack({ resources: [role, queue, ownKey, foreignKey], stackTags: new Map(),
                getConfig: <T>() => ({}) as T, notApplicable: throwNotApplicable }, message => { messages.push(message); });
        } catch {
            // The queue's unknown policy: decided at `pulumi up`.
        }
        assert.deepStrictEqual(messages, ["'other-key' policy statement 0 grants account 210987654321, outside the stack's accounts."]);
    });
});
