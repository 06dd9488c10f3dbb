import { PolicyResource, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { isInternetWide } from "../../lib/cidr";
import { settingsFor } from "../../lib/correlate";
import { safeguard } from "../../lib/hipaa";
import {
    AUTOSCALING_GROUP, EC2_INSTANCE, ECS_SERVICE, EFS_MOUNT_TARGET, INTERNET_GATEWAY, INTERNET_GATEWAY_ATTACHMENT,
    LAMBDA_FUNCTION, RDS_SUBNET_GROUP, ROUTE, ROUTE_TABLE, ROUTE_TABLE_ASSOCIATION, VPC,
} from "../../lib/resourceTypes";
import { forEachDecidable, resourcesOfTypes } from "../../lib/validate";
import { asArray, asRecord, asString } from "../../lib/values";

/** The subnets each kind of workload runs in: none of them may route to the internet gateway directly. */
function workloadSubnets(args: StackValidationArgs): Map<string, string> {
    const placements: [string[], (props: Record<string, unknown>) => unknown][] = [
        [ECS_SERVICE, p => asRecord(p.networkConfiguration).subnets],
        [LAMBDA_FUNCTION, p => asRecord(p.vpcConfig).subnetIds],
        [RDS_SUBNET_GROUP, p => p.subnetIds],
        [EFS_MOUNT_TARGET, p => p.subnetId],
        [AUTOSCALING_GROUP, p => p.vpcZoneIdentifiers],
        [EC2_INSTANCE, p => p.subnetId],
    ];
    const subnets = new Map<string, string>();
    for (const [types, subnetsOf] of placements) {
        for (const resource of resourcesOfTypes(args, types)) {
            for (const subnet of asArray(subnetsOf(asRecord(resource.props)))) {
                if (typeof subnet === "string" && !subnets.has(subnet)) {
                    subnets.set(subnet, resource.name);
                }
            }
        }
    }
    return subnets;
}

/** Internet-wide destinations a route table sends to an internet gateway (inline routes and `aws.ec2.Route`s). */
function internetRoutes(table: PolicyResource, routes: PolicyResource[], gatewayIds: Set<string>): string[] {
    const toGateway = (route: Record<string, unknown>) => {
        const gateway = asString(route.gatewayId);
        return gateway !== undefined && (gateway.startsWith("igw-") || gatewayIds.has(gateway));
    };
    const destinations = (route: Record<string, unknown>) =>
        [asString(route.cidrBlock ?? route.destinationCidrBlock), asString(route.ipv6CidrBlock ?? route.destinationIpv6CidrBlock)]
            .filter((cidr): cidr is string => cidr !== undefined && isInternetWide(cidr));
    const inline = asArray(table.props.routes ?? table.props.route).map(asRecord);
    const attached = settingsFor(table, routes, "routeTableId", []).map(route => asRecord(route.props));
    return [...inline, ...attached].filter(toGateway).flatMap(destinations);
}

/**
 * AWS Config internet-gateway-authorized-vpc-only and no-unrestricted-route-to-igw, read for this program: an internet
 * gateway belongs to a VPC of the stack, and only route tables of subnets that hold no workload (load balancers and
 * NAT gateways) route internet-wide ranges to it. A workload subnet reaches the internet through NAT only.
 */
export const requireInternetRoutesPublicOnly: StackValidationPolicy = {
    name: "orthanc-internet-routes-public-subnets-only",
    ...safeguard("accessControl", "high", "internet gateways must attach to the stack's VPCs only, and no subnet "
        + "running a workload (ECS service, Lambda, database, file-system mount, Auto Scaling group, instance) may have "
        + "a route to an internet gateway."),
    remediationSteps: "Place workloads in private subnets whose route tables send 0.0.0.0/0 to a NAT gateway; keep "
        + "the internet-gateway route in the public subnets' table.",
    validateStack: (args, reportViolation) => {
        const vpcIds = new Set(resourcesOfTypes(args, VPC).map(vpc => asString(vpc.props.id)).filter((id): id is string => id !== undefined));
        forEachDecidable(resourcesOfTypes(args, [...INTERNET_GATEWAY, ...INTERNET_GATEWAY_ATTACHMENT]), gateway => {
            const vpcId = asString(gateway.props.vpcId);
            if (vpcId !== undefined && !vpcIds.has(vpcId)) {
                reportViolation(`Internet gateway '${gateway.name}' attaches to VPC ${vpcId}, which is not one of the stack's.`, gateway.urn);
            }
        });
        const gatewayIds = new Set(resourcesOfTypes(args, INTERNET_GATEWAY).map(g => asString(g.props.id)).filter((id): id is string => id !== undefined));
        const workloads = workloadSubnets(args);
        const routes = resourcesOfTypes(args, ROUTE);
        const associations = resourcesOfTypes(args, ROUTE_TABLE_ASSOCIATION);
        forEachDecidable(resourcesOfTypes(args, ROUTE_TABLE), table => {
            const destinations = internetRoutes(table, routes, gatewayIds);
            if (destinations.length === 0) {
                return;
            }
            for (const association of settingsFor(table, associations, "routeTableId", [])) {
                const subnet = asString(association.props.subnetId) ?? "";
                const workload = workloads.get(subnet);
                if (workload !== undefined) {
                    reportViolation(`Route table '${table.name}' sends ${destinations.join(", ")} to an internet gateway from subnet ${subnet}, where '${workload}' runs.`, table.urn);
                }
            }
        });
    },
};
