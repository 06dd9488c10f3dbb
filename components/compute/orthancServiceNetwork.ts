import { createHash } from "crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DicomNetworkConfig } from "../../config/types";
import { ORTHANC_DICOM_PORT, ORTHANC_HTTP_PORT } from "./orthancConfiguration";

/** A rule of the tasks' group, keyed by its content so that reordering the configuration replaces nothing. */
export interface TaskRuleSpec {
    key: string;
    cidr: string;
    port: number;
    description: string;
}

function ruleKey(...parts: (string | number)[]): string {
    return createHash("sha256").update(parts.join("|")).digest("hex").slice(0, 8);
}

/**
 * Direct ingress to Orthanc's DICOM port. With modalities declared the load balancers preserve client addresses
 * (`preservesClientAddresses` in components/endpoint), so packets reach a task from the modality's own address: the tasks' group admits
 * each declared caller's address, which configuration has checked lies in `endpoint.allowedCidrs` or
 * `privateDicom.onPremisesCidrs`, and nobody else (only declared modalities may do anything then).
 */
export function dicomClientIngress(network: DicomNetworkConfig): TaskRuleSpec[] {
    const callers = [...new Set(network.modalities.filter((modality) => modality.allow.length > 0).map((modality) => modality.host))];
    return callers.map((host) => ({
        key: ruleKey("dicom-in", host),
        cidr: `${host}/32`,
        port: ORTHANC_DICOM_PORT,
        description: `DICOM from declared modality ${host} (client address preserved by the load balancer)`,
    }));
}

/**
 * Egress for the associations and requests Orthanc opens: each declared modality's address and port (C-STORE,
 * C-MOVE destinations, C-FIND/C-GET SCU), each peer's and DICOMweb server's port other than 443 (already open).
 */
export function networkEgress(network: DicomNetworkConfig): TaskRuleSpec[] {
    const modalities = network.modalities.map((modality) => ({
        key: ruleKey("modality", modality.host, modality.port),
        cidr: `${modality.host}/32`,
        port: modality.port,
        description: `DICOM to modality ${modality.name}`,
    }));
    const httpPorts = [...network.peers, ...network.dicomWebServers]
        .map((node) => Number(new URL(node.url).port || 443))
        .filter((port) => port !== 443);
    const http = [...new Set(httpPorts)].map((port) => ({
        key: ruleKey("https", port),
        cidr: "0.0.0.0/0",
        port,
        description: `HTTPS to Orthanc peers and DICOMweb servers on port ${port}`,
    }));
    const unique = new Map([...modalities, ...http].map((rule) => [rule.key, rule]));
    return [...unique.values()];
}

export interface OrthancServiceNetworkArgs {
    vpcId: pulumi.Input<string>;
    /** The DICOM load balancers' security groups: they reach Orthanc's DICOM port (and run its health checks). */
    loadBalancerSecurityGroupIds: pulumi.Input<string>[];
    /** The web tier's (Application Load Balancer's) group: it reaches Orthanc's HTTP port. */
    webSecurityGroupId: pulumi.Input<string>;
    /** The declared DICOM network: the callers it admits and the egress it needs (`dicomClientIngress`, `networkEgress`). */
    dicomNetwork: DicomNetworkConfig;
}

/**
 * The tasks' own security group: in from the web load balancer on Orthanc's HTTP port, from the DICOM load
 * balancers on its DICOM port, and from declared modalities
 * on the DICOM port, out over HTTPS (AWS APIs, the image registry) and to the declared DICOM network. The database
 * and file system are reached through their client groups, which the tasks carry as well.
 */
export class OrthancServiceNetwork extends pulumi.ComponentResource {
    readonly taskSecurityGroupId: pulumi.Output<string>;

    constructor(name: string, args: OrthancServiceNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("orthanc-aws:compute:OrthancServiceNetwork", name, {}, opts);
        const tasks = new aws.ec2.SecurityGroup(`${name}-tasks`, {
            vpcId: args.vpcId,
            description: "Orthanc tasks: HTTP and DICOM from the load balancer only",
        }, { parent: this });

        new aws.vpc.SecurityGroupIngressRule(`${name}-from-web-http`, {
            securityGroupId: tasks.id,
            referencedSecurityGroupId: args.webSecurityGroupId,
            ipProtocol: "tcp",
            fromPort: ORTHANC_HTTP_PORT,
            toPort: ORTHANC_HTTP_PORT,
            description: "Orthanc http from the web load balancer",
        }, { parent: this });
        args.loadBalancerSecurityGroupIds.forEach((groupId, index) => {
            // The first group keeps the rule name it always had.
            const suffix = index === 0 ? "" : `-${index + 1}`;
            new aws.vpc.SecurityGroupIngressRule(`${name}-from-lb${suffix}-dicom`, {
                securityGroupId: tasks.id,
                referencedSecurityGroupId: groupId,
                ipProtocol: "tcp",
                fromPort: ORTHANC_DICOM_PORT,
                toPort: ORTHANC_DICOM_PORT,
                description: "Orthanc dicom from the load balancer",
            }, { parent: this });
        });

        for (const rule of dicomClientIngress(args.dicomNetwork)) {
            new aws.vpc.SecurityGroupIngressRule(`${name}-dicom-in-${rule.key}`, {
                securityGroupId: tasks.id,
                ipProtocol: "tcp",
                fromPort: rule.port,
                toPort: rule.port,
                cidrIpv4: rule.cidr,
                description: rule.description,
            }, { parent: this });
        }

        new aws.vpc.SecurityGroupEgressRule(`${name}-https-out`, {
            securityGroupId: tasks.id,
            ipProtocol: "tcp",
            fromPort: 443,
            toPort: 443,
            cidrIpv4: "0.0.0.0/0",
            description: "AWS APIs (Secrets Manager, Logs, S3, ECR) and the image registry",
        }, { parent: this });
        for (const rule of networkEgress(args.dicomNetwork)) {
            new aws.vpc.SecurityGroupEgressRule(`${name}-out-${rule.key}`, {
                securityGroupId: tasks.id,
                ipProtocol: "tcp",
                fromPort: rule.port,
                toPort: rule.port,
                cidrIpv4: rule.cidr,
                description: rule.description,
            }, { parent: this });
        }

        this.taskSecurityGroupId = tasks.id;
        this.registerOutputs({ taskSecurityGroupId: this.taskSecurityGroupId });
    }
}
