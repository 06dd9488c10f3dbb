/** Pure decisions about the VPC's layout: subnet sizes per tier and which AWS services get private endpoints. */
import { LaunchType, NetworkConfig } from "../../config/types";

export interface SubnetMasks {
    /** Tasks and the Lambda: the tier that needs the most addresses (awsvpc gives each task an ENI). */
    private: number;
    /** Load balancer and NAT gateways only. */
    public: number;
    /** Database and file system: a handful of ENIs. */
    isolated: number;
}

/**
 * Subnet prefix lengths for a VPC of the given prefix. Per AZ the private subnet takes 1/8 of the VPC and the
 * public and isolated ones 1/32 each, so three AZs use 9/16 of the range and leave room to add a tier later.
 */
export function subnetMasks(vpcPrefix: number): SubnetMasks {
    return { private: vpcPrefix + 3, public: vpcPrefix + 5, isolated: vpcPrefix + 5 };
}

/** Services every task needs without internet: images (ECR), logs, secrets, parameters, keys, credentials. */
const BASE_INTERFACE_ENDPOINTS = ["ecr.api", "ecr.dkr", "logs", "secretsmanager", "ssm", "kms", "sts"];
/** The ECS agent on EC2 container hosts talks to these; Fargate's agent does not need them in the VPC. */
const EC2_HOST_INTERFACE_ENDPOINTS = ["ecs", "ecs-agent", "ecs-telemetry"];
/** Gateway endpoints are free and keep S3 and DynamoDB traffic off the NAT: always created. */
export const GATEWAY_ENDPOINTS = ["s3", "dynamodb"] as const;

export function interfaceEndpointServices(network: NetworkConfig, launchType: LaunchType): string[] {
    if (!network.interfaceEndpoints) return [];
    return launchType === "ec2" ? [...BASE_INTERFACE_ENDPOINTS, ...EC2_HOST_INTERFACE_ENDPOINTS] : [...BASE_INTERFACE_ENDPOINTS];
}

export function endpointServiceName(region: string, service: string): string {
    return `com.amazonaws.${region}.${service}`;
}

/** The network resources a VPC of this config consists of (awsx `ec2.Vpc` creates them as its children). */
export interface VpcContents {
    subnets: { public: number; private: number; isolated: number };
    /** Prefix length of each tier's subnets. */
    masks: SubnetMasks;
    natGateways: number;
    /** One per NAT gateway. */
    elasticIps: number;
    internetGateways: number;
    /** One per subnet, each with its association. */
    routeTables: number;
    routeTableAssociations: number;
    /** Default routes: each public subnet's to the internet gateway, each private subnet's to a NAT gateway when there is one. */
    routes: number;
    /** The VPC itself. */
    vpcs: number;
}

/**
 * Computed from the config alone, so it holds whatever builds the VPC (awsx's `ec2.Vpc`: one route table per
 * subnet, NAT gateways by strategy, https://www.pulumi.com/registry/packages/awsx/api-docs/ec2/vpc/): the offline
 * plan cannot see a remote component's children and reports these in their place.
 */
export function vpcContents(network: NetworkConfig): VpcContents {
    const zones = network.availabilityZones;
    const natGateways = { none: 0, single: 1, perAz: zones }[network.natGateways];
    const subnets = { public: zones, private: zones, isolated: zones };
    const subnetCount = subnets.public + subnets.private + subnets.isolated;
    return {
        subnets,
        masks: subnetMasks(Number(network.cidrBlock.split("/")[1])),
        natGateways,
        elasticIps: natGateways,
        internetGateways: 1,
        routeTables: subnetCount,
        routeTableAssociations: subnetCount,
        routes: subnets.public + (natGateways > 0 ? subnets.private : 0),
        vpcs: 1,
    };
}

/** How many resources the contents are. */
export function vpcResourceCount(contents: VpcContents): number {
    const { subnets } = contents;
    return contents.vpcs + subnets.public + subnets.private + subnets.isolated + contents.natGateways + contents.elasticIps
        + contents.internetGateways + contents.routeTables + contents.routeTableAssociations + contents.routes;
}
