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
