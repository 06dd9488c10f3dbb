import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NatGatewayStrategy } from "../../config/types";
import { SubnetMasks } from "./networkLayout";
import { allocateSubnets, SUBNET_TIERS, SubnetTier } from "./subnetAllocation";
import { DEFAULT_NETWORK_ACL_EGRESS, DEFAULT_NETWORK_ACL_INGRESS, natGatewayZones } from "./vpcRules";

export interface VpcArgs {
    cidrBlock: string;
    availabilityZones: number;
    natGateways: NatGatewayStrategy;
    masks: SubnetMasks;
}

/** awsx's subnet type names, kept in the `SubnetType` tag. */
const SUBNET_TYPE: Record<SubnetTier, string> = { public: "Public", private: "Private", isolated: "Isolated" };
/** The remote component this one replaces; its children are aliased to their old URNs below. */
const AWSX_VPC_TYPE = "awsx:ec2:Vpc";

/**
 * The VPC from plain aws.ec2 resources, so every part of it (subnets, route tables, gateways, the default security
 * group and network ACL) is visible to the policy pack offline and in a preview. Names, CIDR blocks and tags are those
 * awsx 3.x gave the same layout (pulumi/pulumi-awsx awsx/ec2/vpc.ts at e60adf3), and each resource is aliased to its
 * URN under the awsx component, so a `pulumi up` from the awsx version moves them instead of replacing them.
 */
export class Vpc extends pulumi.ComponentResource {
    readonly vpcId: pulumi.Output<string>;
    readonly subnetIds: Record<SubnetTier, pulumi.Output<string>[]>;
    readonly routeTableIds: pulumi.Output<string>[];
    /** The private subnets' route tables, by zone (a site link propagates its routes into them). */
    readonly privateRouteTableIds: pulumi.Output<string>[];

    constructor(name: string, args: VpcArgs, opts: pulumi.ComponentResourceOptions & { parent: pulumi.Resource }) {
        super("orthanc-aws:network:Vpc", name, {}, { ...opts, aliases: [{ type: AWSX_VPC_TYPE }] });
        const oldComponent = pulumi.createUrn(name, AWSX_VPC_TYPE, opts.parent);
        const moved = (type: string, resourceName: string, oldParent: pulumi.Input<string>) =>
            ({ parent: this, aliases: [pulumi.createUrn(resourceName, type, oldParent)] });
        const tags = { Name: name };

        const vpc = new aws.ec2.Vpc(name, {
            cidrBlock: args.cidrBlock, enableDnsHostnames: true, enableDnsSupport: true, tags,
        }, moved("aws:ec2/vpc:Vpc", name, oldComponent));
        const oldVpc = pulumi.createUrn(name, "aws:ec2/vpc:Vpc", oldComponent);
        const internetGateway = new aws.ec2.InternetGateway(name, { vpcId: vpc.id, tags },
            moved("aws:ec2/internetGateway:InternetGateway", name, oldVpc));

        // awsx took the first N zones the region lists (aws.getAvailabilityZones without a state filter).
        const zones = aws.getAvailabilityZonesOutput({}, { parent: this }).names;
        const layout = allocateSubnets(args.cidrBlock, args.availabilityZones, args.masks);
        const natZones = natGatewayZones(args.natGateways, args.availabilityZones);
        this.subnetIds = { public: [], private: [], isolated: [] };
        this.routeTableIds = [];
        this.privateRouteTableIds = [];
        const natGatewayIds: pulumi.Output<string>[] = [];

        layout.forEach((blocks, az) => {
            for (const tier of SUBNET_TIERS) {
                const resourceName = `${name}-${tier}-${az + 1}`;
                const tierTags = { Name: resourceName, SubnetType: SUBNET_TYPE[tier] };
                const subnet = new aws.ec2.Subnet(resourceName, {
                    vpcId: vpc.id, availabilityZone: zones[az], cidrBlock: blocks[tier],
                    // Nothing in the VPC gets a public address: the load balancer and NAT gateways have Elastic IPs.
                    mapPublicIpOnLaunch: false, tags: { ...tags, ...tierTags },
                }, moved("aws:ec2/subnet:Subnet", resourceName, oldVpc));
                const oldSubnet = pulumi.createUrn(resourceName, "aws:ec2/subnet:Subnet", oldVpc);
                const routeTable = new aws.ec2.RouteTable(resourceName, { vpcId: vpc.id, tags: { ...tags, ...tierTags } },
                    moved("aws:ec2/routeTable:RouteTable", resourceName, oldSubnet));
                const oldRouteTable = pulumi.createUrn(resourceName, "aws:ec2/routeTable:RouteTable", oldSubnet);
                new aws.ec2.RouteTableAssociation(resourceName, { routeTableId: routeTable.id, subnetId: subnet.id },
                    moved("aws:ec2/routeTableAssociation:RouteTableAssociation", resourceName, oldRouteTable));
                this.subnetIds[tier].push(subnet.id);
                this.routeTableIds.push(routeTable.id);
                if (tier === "private") this.privateRouteTableIds.push(routeTable.id);

                if (tier === "public") {
                    if (natZones.includes(az)) {
                        const natName = `${name}-${az + 1}`;
                        const eip = new aws.ec2.Eip(natName, { tags: { Name: natName } },
                            moved("aws:ec2/eip:Eip", natName, oldSubnet));
                        natGatewayIds.push(new aws.ec2.NatGateway(natName, {
                            subnetId: subnet.id, allocationId: eip.allocationId, tags: { Name: natName },
                        }, moved("aws:ec2/natGateway:NatGateway", natName, oldSubnet)).id);
                    }
                    new aws.ec2.Route(resourceName, {
                        routeTableId: routeTable.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: internetGateway.id,
                    }, moved("aws:ec2/route:Route", resourceName, oldRouteTable));
                } else if (tier === "private" && natGatewayIds.length > 0) {
                    new aws.ec2.Route(resourceName, {
                        routeTableId: routeTable.id, destinationCidrBlock: "0.0.0.0/0",
                        natGatewayId: natGatewayIds[Math.min(az, natGatewayIds.length - 1)],
                    }, moved("aws:ec2/route:Route", resourceName, oldRouteTable));
                }
                // Isolated subnets have no route out at all.
            }
        });

        // Adopting the defaults removes AWS's allow-all rules (provider docs, aws.ec2.DefaultSecurityGroup).
        new aws.ec2.DefaultSecurityGroup(`${name}-default`, { vpcId: vpc.id, ingress: [], egress: [], tags }, { parent: this });
        new aws.ec2.DefaultNetworkAcl(`${name}-default`, {
            defaultNetworkAclId: vpc.defaultNetworkAclId,
            // Every subnet stays on the default ACL; listing them avoids the provider's recurring diff.
            subnetIds: SUBNET_TIERS.flatMap(tier => this.subnetIds[tier]),
            ingress: DEFAULT_NETWORK_ACL_INGRESS, egress: DEFAULT_NETWORK_ACL_EGRESS, tags,
        }, { parent: this });

        this.vpcId = vpc.id;
        this.registerOutputs({
            vpcId: this.vpcId, subnetIds: this.subnetIds, routeTableIds: this.routeTableIds, privateRouteTableIds: this.privateRouteTableIds,
        });
    }
}
