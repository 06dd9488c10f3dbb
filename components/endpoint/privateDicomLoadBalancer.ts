import { createHash } from "crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ORTHANC_DICOM_PORT, TARGET_HEALTH_CHECK_INTERVAL_SECONDS, TARGET_HEALTHY_THRESHOLD } from "../compute";
import { ACCESS_LOG_PREFIX, privateDicomPhysicalName } from "./loadBalancerSettings";

export interface PrivateDicomLoadBalancerArgs {
    /** `<namespace>-<stack>`: the load balancer and its target group are named `<prefix>-site`. */
    physicalNamePrefix: string;
    vpcId: pulumi.Input<string>;
    /** The VPC's range: the load balancer may forward only into it. */
    vpcCidrBlock: pulumi.Input<string>;
    /** Private subnets: the load balancer gets no public address. */
    privateSubnetIds: pulumi.Input<string[]>;
    /** Plain DICOM port the on-premises modalities connect to. */
    port: number;
    /** On-premises networks (RFC 1918) reached over the VPN or Direct Connect: the only sources admitted. */
    onPremisesCidrs: string[];
    /** DICOM targets see callers' own addresses when modalities are declared. */
    preserveClientAddresses: boolean;
    /** The public load balancer's access-log bucket (its policy admits log delivery under the same prefix). */
    accessLogBucketName: pulumi.Input<string>;
    /** Deletion protection on the load balancer, with the stack's data stores (`protectDataStores`). @default false */
    deletionProtection?: boolean;
    /** @default 60 */
    deregistrationDelaySeconds?: number;
}

/** One ingress rule per on-premises network, keyed by content so that reordering replaces nothing. */
export function onPremisesIngressRules(port: number, cidrs: string[]): { key: string; cidr: string; port: number }[] {
    return cidrs.map((cidr) => ({ key: createHash("sha256").update(`${port}|${cidr}`).digest("hex").slice(0, 8), cidr, port }));
}

/**
 * An internal Network Load Balancer with one plain TCP listener for modalities that cannot speak DICOM TLS:
 * in private subnets, its security group admits only the on-premises ranges, which reach the VPC over the
 * Site-to-Site VPN or Direct Connect and never over the internet. The policy pack's
 * `orthanc-plain-listener-private-only` holds every plain listener to exactly that.
 */
export class PrivateDicomLoadBalancer extends pulumi.ComponentResource {
    readonly dnsName: pulumi.Output<string>;
    readonly securityGroupId: pulumi.Output<string>;
    readonly dicomTargetGroupArn: pulumi.Output<string>;
    readonly listeners: aws.lb.Listener[];

    constructor(name: string, args: PrivateDicomLoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("orthanc-aws:endpoint:PrivateDicomLoadBalancer", name, {}, opts);
        const deregistrationDelay = args.deregistrationDelaySeconds ?? 60;

        const securityGroup = new aws.ec2.SecurityGroup(`${name}-sg`, {
            vpcId: args.vpcId,
            description: "Orthanc private DICOM: plain DICOM from the on-premises networks only",
        }, { parent: this });
        for (const rule of onPremisesIngressRules(args.port, args.onPremisesCidrs)) {
            new aws.vpc.SecurityGroupIngressRule(`${name}-in-${rule.key}`, {
                securityGroupId: securityGroup.id,
                ipProtocol: "tcp",
                fromPort: rule.port,
                toPort: rule.port,
                cidrIpv4: rule.cidr,
                description: `Plain DICOM from on-premises ${rule.cidr}`,
            }, { parent: this });
        }
        new aws.vpc.SecurityGroupEgressRule(`${name}-out-dicom`, {
            securityGroupId: securityGroup.id,
            ipProtocol: "tcp",
            fromPort: ORTHANC_DICOM_PORT,
            toPort: ORTHANC_DICOM_PORT,
            cidrIpv4: args.vpcCidrBlock,
            description: "To Orthanc's DICOM port in the VPC",
        }, { parent: this });

        const loadBalancer = new aws.lb.LoadBalancer(`${name}-nlb`, {
            name: privateDicomPhysicalName(args.physicalNamePrefix),
            loadBalancerType: "network",
            internal: true,
            subnets: args.privateSubnetIds,
            securityGroups: [securityGroup.id],
            enableCrossZoneLoadBalancing: true,
            enableDeletionProtection: args.deletionProtection ?? false,
            // NLB access logs record TLS listeners only; enabled so that the stack's rule holds for every load balancer.
            accessLogs: { bucket: args.accessLogBucketName, prefix: ACCESS_LOG_PREFIX, enabled: true },
        }, { parent: this, deleteBeforeReplace: true });

        const targetGroup = new aws.lb.TargetGroup(`${name}-dicom`, {
            name: privateDicomPhysicalName(args.physicalNamePrefix),
            vpcId: args.vpcId,
            targetType: "ip",
            protocol: "TCP",
            port: ORTHANC_DICOM_PORT,
            deregistrationDelay,
            stickiness: { type: "source_ip", enabled: true },
            preserveClientIp: String(args.preserveClientAddresses),
            healthCheck: {
                enabled: true,
                protocol: "TCP",
                interval: TARGET_HEALTH_CHECK_INTERVAL_SECONDS,
                healthyThreshold: TARGET_HEALTHY_THRESHOLD,
                unhealthyThreshold: TARGET_HEALTHY_THRESHOLD,
            },
        }, { parent: this, deleteBeforeReplace: true });

        this.listeners = [new aws.lb.Listener(`${name}-dicom-plain`, {
            loadBalancerArn: loadBalancer.arn,
            protocol: "TCP",
            port: args.port,
            defaultActions: [{ type: "forward", targetGroupArn: targetGroup.arn }],
        }, { parent: this })];

        this.dnsName = loadBalancer.dnsName;
        this.securityGroupId = securityGroup.id;
        this.dicomTargetGroupArn = targetGroup.arn;
        this.registerOutputs({ dnsName: this.dnsName, securityGroupId: this.securityGroupId, dicomTargetGroupArn: this.dicomTargetGroupArn });
    }
}
