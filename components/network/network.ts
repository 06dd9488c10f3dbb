import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { NatGatewayStrategy } from "../../config/types";
import { endpointServiceName, GATEWAY_ENDPOINTS, subnetMasks } from "./networkLayout";
import { FlowLogs } from "./flowLogs";

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

const NAT_STRATEGY: Record<NatGatewayStrategy, awsx.types.enums.ec2.NatGatewayStrategy> = {
    none: awsx.ec2.NatGatewayStrategy.None,
    single: awsx.ec2.NatGatewayStrategy.Single,
    perAz: awsx.ec2.NatGatewayStrategy.OnePerAz,
};

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
    /** Prefix lists of the S3 and DynamoDB gateway endpoints, for security-group egress rules. */
    readonly gatewayPrefixListIds: pulumi.Output<string>[];

    constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("orthanc-aws:network:Network", name, {}, opts);
        const masks = subnetMasks(Number(args.cidrBlock.split("/")[1]));

        const vpc = new awsx.ec2.Vpc(`${name}-vpc`, {
            cidrBlock: args.cidrBlock,
            numberOfAvailabilityZones: args.availabilityZones,
            enableDnsHostnames: true,
            enableDnsSupport: true,
            natGateways: { strategy: NAT_STRATEGY[args.natGateways] },
            subnetStrategy: awsx.ec2.SubnetAllocationStrategy.Auto,
            subnetSpecs: [
                { type: awsx.ec2.SubnetType.Public, name: "public", cidrMask: masks.public },
                { type: awsx.ec2.SubnetType.Private, name: "private", cidrMask: masks.private },
                { type: awsx.ec2.SubnetType.Isolated, name: "isolated", cidrMask: masks.isolated },
            ],
        }, { parent: this });

        this.vpcId = vpc.vpcId;
        this.vpcCidrBlock = pulumi.output(args.cidrBlock);
        this.publicSubnetIds = vpc.publicSubnetIds;
        this.privateSubnetIds = vpc.privateSubnetIds;
        this.isolatedSubnetIds = vpc.isolatedSubnetIds;

        const routeTableIds = vpc.routeTables.apply((tables) => pulumi.all(tables.map((table) => table.id)));
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
