import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EndpointConfig } from "../../config/types";
import { accessLogLifecycleRules } from "../data";
import { EndpointCertificate } from "./certificate";
import {
    ACCESS_LOG_PREFIX, certificateSource, clientIngressRules, ListenerSpec, listenerSpecs, loadBalancerLogBucketPolicy,
    loadBalancerPhysicalName, targetGroupPhysicalName, TLS_SECURITY_POLICY,
} from "./loadBalancerSettings";
import { createPrivateBucket } from "../data";
import { TARGET_HEALTH_CHECK_INTERVAL_SECONDS, TARGET_HEALTHY_THRESHOLD } from "../compute";

export interface OrthancLoadBalancerArgs {
    endpoint: EndpointConfig;
    /** Start of the load balancer's and target groups' physical names (`<namespace>-<stack>`): AWS allows them 32 characters. */
    physicalNamePrefix: string;
    vpcId: pulumi.Input<string>;
    /** The VPC's range: the load balancer may forward only into it. */
    vpcCidrBlock: pulumi.Input<string>;
    publicSubnetIds: pulumi.Input<string[]>;
    logsKeyArn: pulumi.Input<string>;
    logRetentionDays: number;
    region: string;
    /**
     * `protect` on the access-log bucket and deletion protection on the load balancer (with the data stores: audit
     * evidence and the service's address outlive a mistaken destroy).
     */
    protect: boolean;
    /** Common name of a self-signed certificate (no domain configured). */
    certificateCommonName: string;
    /** DICOM targets see callers' own addresses (see `preservesClientAddresses`); the tasks' group must admit them. */
    preserveDicomClientAddresses: boolean;
    /**
     * Seconds a deregistering target keeps its connections (DICOM associations can be long).
     * @default 60
     */
    deregistrationDelaySeconds?: number;
}

/**
 * The public Network Load Balancer of DICOM TLS: `endpoint.dicomPort` to Orthanc's DICOM port, a forward-secret
 * TLS 1.3/1.2 policy, access logs in an encrypted bucket, cross-zone balancing, source-IP stickiness (stable-study
 * events are local to a task), and a security group admitting `allowedCidrs` only. HTTPS is the
 * Application Load Balancer's (webLoadBalancer.ts).
 */
export class OrthancLoadBalancer extends pulumi.ComponentResource {
    readonly dnsName: pulumi.Output<string>;
    /** The name modalities use: `dicom.<domain>` with a domain, else the load balancer's DNS name. */
    readonly hostName: pulumi.Output<string>;
    readonly securityGroupId: pulumi.Output<string>;
    readonly dicomTargetGroupArn: pulumi.Output<string>;
    readonly listeners: aws.lb.Listener[];
    readonly accessLogBucketName: pulumi.Output<string>;
    readonly certificateArn: pulumi.Output<string>;
    /** The self-signed certificate's PEM (what modalities must trust), or undefined with ACM. */
    readonly certificatePem: pulumi.Output<string | undefined>;
    /** CloudWatch dimensions (`net/…`, `targetgroup/…`) of the load balancer and its target groups. */
    readonly loadBalancerArnSuffix: pulumi.Output<string>;
    readonly dicomTargetGroupArnSuffix: pulumi.Output<string>;

    constructor(name: string, args: OrthancLoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("orthanc-aws:endpoint:OrthancLoadBalancer", name, {}, opts);
        const deregistrationDelay = args.deregistrationDelaySeconds ?? 60;
        const specs = listenerSpecs(args.endpoint);
        const source = certificateSource(args.endpoint, "dicom");

        const securityGroup = new aws.ec2.SecurityGroup(`${name}-sg`, {
            vpcId: args.vpcId,
            description: "Orthanc load balancer: TLS from the allowed client networks only",
        }, { parent: this });
        for (const rule of clientIngressRules(args.endpoint)) {
            new aws.vpc.SecurityGroupIngressRule(`${name}-in-${rule.key}`, {
                securityGroupId: securityGroup.id,
                ipProtocol: "tcp",
                fromPort: rule.port,
                toPort: rule.port,
                cidrIpv4: rule.cidrIpv4,
                cidrIpv6: rule.cidrIpv6,
                description: rule.description,
            }, { parent: this });
        }
        for (const spec of specs) {
            new aws.vpc.SecurityGroupEgressRule(`${name}-out-${spec.name}`, {
                securityGroupId: securityGroup.id,
                ipProtocol: "tcp",
                fromPort: spec.targetPort,
                toPort: spec.targetPort,
                cidrIpv4: args.vpcCidrBlock,
                description: `To Orthanc's ${spec.name} port in the VPC`,
            }, { parent: this });
        }

        const identity = aws.getCallerIdentityOutput({}, { parent: this });
        const partition = aws.getPartitionOutput({}, { parent: this });
        // SSE-KMS with the logs key: its policy admits delivery.logs.amazonaws.com.
        const accessLogs = createPrivateBucket(`${name}-access-logs`, {
            encryption: { sseAlgorithm: "aws:kms", kmsKeyArn: args.logsKeyArn },
            versioned: false,
            logArchive: true,
            lifecycleRules: accessLogLifecycleRules(args.logRetentionDays),
            policy: (bucketArn) => pulumi.all([bucketArn, identity.accountId, partition.partition]).apply(([arn, accountId, partitionName]) =>
                loadBalancerLogBucketPolicy(arn, accountId, partitionName, args.region)),
            protect: args.protect,
        }, this);

        // Named explicitly (see loadBalancerPhysicalName), so a replacement must delete the old one first: AWS
        // refuses two load balancers or target groups of one name.
        const loadBalancer = new aws.lb.LoadBalancer(`${name}-nlb`, {
            name: loadBalancerPhysicalName(args.physicalNamePrefix),
            loadBalancerType: "network",
            internal: false,
            subnets: args.publicSubnetIds,
            securityGroups: [securityGroup.id],
            enableCrossZoneLoadBalancing: true,
            // With the data stores: the service's address survives a mistaken destroy (AWS Config elb-deletion-protection-enabled).
            enableDeletionProtection: args.protect,
            accessLogs: { bucket: accessLogs.bucket.bucket, prefix: ACCESS_LOG_PREFIX, enabled: true },
        }, { parent: this, dependsOn: [accessLogs.policy], deleteBeforeReplace: true });

        const certificate = new EndpointCertificate(`${name}-certificate`, {
            source,
            loadBalancerDnsName: loadBalancer.dnsName,
            commonName: args.certificateCommonName,
        }, { parent: this });

        const targetGroups = new Map(specs.map((spec) => [spec.name, new aws.lb.TargetGroup(`${name}-${spec.name}`, {
            name: targetGroupPhysicalName(args.physicalNamePrefix, spec.name),
            vpcId: args.vpcId,
            targetType: "ip",
            protocol: "TCP",
            port: spec.targetPort,
            deregistrationDelay,
            stickiness: { type: "source_ip", enabled: true },
            preserveClientIp: String(args.preserveDicomClientAddresses),
            healthCheck: {
                enabled: true,
                protocol: "TCP",
                interval: TARGET_HEALTH_CHECK_INTERVAL_SECONDS,
                healthyThreshold: TARGET_HEALTHY_THRESHOLD,
                unhealthyThreshold: TARGET_HEALTHY_THRESHOLD,
            },
        }, { parent: this, deleteBeforeReplace: true })]));

        const targetGroupArn = (listener: ListenerSpec["name"]): pulumi.Output<string> => targetGroups.get(listener)!.arn;
        this.listeners = specs.map((spec) => new aws.lb.Listener(`${name}-${spec.name}-tls`, {
            loadBalancerArn: loadBalancer.arn,
            protocol: "TLS",
            port: spec.port,
            sslPolicy: TLS_SECURITY_POLICY,
            certificateArn: certificate.certificateArn,
            defaultActions: [{ type: "forward", targetGroupArn: targetGroupArn(spec.name) }],
        }, { parent: this }));

        if (source.kind === "acm-dns") {
            new aws.route53.Record(`${name}-alias`, {
                zoneId: source.hostedZoneId,
                name: source.domainName,
                type: "A",
                aliases: [{ name: loadBalancer.dnsName, zoneId: loadBalancer.zoneId, evaluateTargetHealth: true }],
                // The record moved from the domain (now the ALB's) to dicom.<domain>: the old one goes first.
            }, { parent: this, deleteBeforeReplace: true });
        }

        this.dnsName = loadBalancer.dnsName;
        this.hostName = source.kind === "acm-dns" ? pulumi.output(source.domainName) : loadBalancer.dnsName;
        this.securityGroupId = securityGroup.id;
        this.dicomTargetGroupArn = targetGroupArn("dicom");
        this.accessLogBucketName = accessLogs.bucket.bucket;
        this.certificateArn = certificate.certificateArn;
        this.certificatePem = certificate.certificatePem;
        this.loadBalancerArnSuffix = loadBalancer.arnSuffix;
        this.dicomTargetGroupArnSuffix = targetGroups.get("dicom")!.arnSuffix;
        this.registerOutputs({
            dnsName: this.dnsName, hostName: this.hostName, securityGroupId: this.securityGroupId,
            accessLogBucketName: this.accessLogBucketName, certificateArn: this.certificateArn,
        });
    }
}
