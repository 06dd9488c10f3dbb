import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NatGatewayStrategy } from "../../config/types";
import { endpointServiceName, GATEWAY_ENDPOINTS, subnetMasks } from "./networkLayout";
import { FlowLogs } from "./flowLogs";
import { Vpc } from "./vpc";

export interface NetworkArgs {
    cidrBlock: string;
    availabilityZones: number;
    natGateways: NatGatewayStrategy;
    /** AWS services reached through private interface endpoints (`ecr.api`, `logs`, ...); empty for none. */
    interfaceEndpointServices: string[];
    region: string;
    /** KMS key of the flow-log group. */
    logsKeyArn: pulumi.Input<string>;
    logRetentionDays: number;
}

/**
 * The VPC: public subnets for the load balancer (and NAT), private subnets for tasks and the Lambda, isolated
 * subnets without any route out for the database and file system; S3/DynamoDB gateway endpoints, optional
 * interface endpoints, and flow logs of all traffic.
 */
export class Network extends pulumi.ComponentResource {
    readonly vpcId: pulumi.Output<string>;
    readonly vpcCidrBlock: pulumi.Output<string>;
    readonly publicSubnetIds: pulumi.Output<string[]>;
    readonly privateSubnetIds: pulumi.Output<string[]>;
    readonly isolatedSubnetIds: pulumi.Output<string[]>;
    /** Route tables of the private subnets, in the order of `privateSubnetIds`. */
    readonly privateRouteTableIds: pulumi.Output<string[]>;
    /** Prefix lists of the S3 and DynamoDB gateway endpoints, for security-group egress rules. */
    readonly gatewayPrefixListIds: pulumi.Output<string>[];

    constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("orthanc-aws:network:Network", name, {}, opts);
        const vpc = new Vpc(`${name}-vpc`, {
            cidrBlock: args.cidrBlock,
            availabilityZones: args.availabilityZones,
            natGateways: args.natGateways,
            masks: subnetMasks(Number(args.cidrBlock.split("/")[1])),
        }, { parent: this });

        this.vpcId = vpc.vpcId;
        this.vpcCidrBlock = pulumi.output(args.cidrBlock);
        this.publicSubnetIds = pulumi.all(vpc.subnetIds.public);
        this.privateSubnetIds = pulumi.all(vpc.subnetIds.private);
        this.isolatedSubnetIds = pulumi.all(vpc.subnetIds.isolated);

        this.privateRouteTableIds = pulumi.all(vpc.privateRouteTableIds);
        const routeTableIds = pulumi.all(vpc.routeTableIds);
        this.gatewayPrefixListIds = GATEWAY_ENDPOINTS.map((service) => new aws.ec2.VpcEndpoint(`${name}-${service}`, {
            vpcId: this.vpcId,
            serviceName: endpointServiceName(args.region, service),
            vpcEndpointType: "Gateway",
            routeTableIds,
        }, { parent: this }).prefixListId);

        if (args.interfaceEndpointServices.length > 0) {
            const endpointSecurityGroup = new aws.ec2.SecurityGroup(`${name}-endpoints`, {
                vpcId: this.vpcId,
                description: "HTTPS from inside the VPC to AWS service endpoints",
                ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [args.cidrBlock], description: "HTTPS from the VPC" }],
            }, { parent: this });
            for (const service of args.interfaceEndpointServices) {
                new aws.ec2.VpcEndpoint(`${name}-${service.replace(/\./g, "-")}`, {
                    vpcId: this.vpcId,
                    serviceName: endpointServiceName(args.region, service),
                    vpcEndpointType: "Interface",
                    privateDnsEnabled: true,
                    subnetIds: this.privateSubnetIds,
                    securityGroupIds: [endpointSecurityGroup.id],
                }, { parent: this });
            }
        }

        new FlowLogs(`${name}-flow-logs`, {
            vpcId: this.vpcId,
            logsKeyArn: args.logsKeyArn,
            logRetentionDays: args.logRetentionDays,
        }, { parent: this });

        this.registerOutputs({
            vpcId: this.vpcId,
            publicSubnetIds: this.publicSubnetIds,
            privateSubnetIds: this.privateSubnetIds,
            isolatedSubnetIds: this.isolatedSubnetIds,
        });
    }
}
