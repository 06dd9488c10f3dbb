/**
 * Pricers of the always-on infrastructure: NAT, public IPv4 addresses, endpoints, load balancers, the database,
 * container capacity. Each reads only the resource's inputs (and the resources it refers to).
 */
import { charge, CostLine, quantity } from "./costLines";
import { HOURS_PER_MONTH } from "./priceTable";
import {
    asArray, asNumber, asRecord, CostedResource, priced, Pricer, PricingContext, referenced,
} from "./resourceTypes";

const HOURS = `${HOURS_PER_MONTH} h`;
/** Average load-balancer capacity units a month: a small clinic's traffic stays within one (1 LCU = 25 new connections/s, 1 GB/h). */
const LOAD_BALANCER_CAPACITY_UNITS = 1;

function hourly(context: PricingContext, label: string, count: number, key: string, what: string): CostLine {
    return charge(context.prices, label, count * HOURS_PER_MONTH, key, `${count} ${what} × ${HOURS}`);
}

const natGateway: Pricer = (resource, context) => priced(
    hourly(context, "NAT gateway", 1, "natGateway.hour", "NAT gateway"),
    ...(resource.inputs.connectivityType === "private" ? [] : [charge(context.prices, "NAT data processing",
        context.assumptions.natGbPerMonth / Math.max(1, countOfType(context, resource.type)), "natGateway.gb",
        `${quantity(context.assumptions.natGbPerMonth)} GB (costAssumptions.natGbPerMonth) shared by the NAT gateways`)]),
);

const vpcEndpoint: Pricer = (resource, context) => {
    const kind = resource.inputs.vpcEndpointType ?? "Gateway";
    if (kind === "Gateway") return { status: "free", reason: "gateway endpoints (S3, DynamoDB) are free" };
    if (kind !== "Interface") return { status: "unpriced", reason: `endpoint type ${String(kind)}` };
    const zones = asArray(resource.inputs.subnetIds).length;
    return priced(hourly(context, "interface endpoint", zones, "vpcEndpoint.interface.azHour", "zones"));
};

const loadBalancer: Pricer = (resource, context) => {
    const kind = resource.inputs.loadBalancerType ?? "application";
    const prefix = kind === "network" ? "nlb" : kind === "application" ? "alb" : undefined;
    if (prefix === undefined) return { status: "unpriced", reason: `load balancer type ${String(kind)}` };
    const zones = asArray(resource.inputs.subnets).length || asArray(resource.inputs.subnetMappings).length;
    const lines = [
        hourly(context, `${prefix.toUpperCase()} hours`, 1, `${prefix}.hour`, "load balancer"),
        hourly(context, `${prefix.toUpperCase()} capacity units`, LOAD_BALANCER_CAPACITY_UNITS, `${prefix}.lcuHour`, "capacity unit (assumed average)"),
    ];
    // An internet-facing load balancer holds one public IPv4 address per zone (https://aws.amazon.com/vpc/pricing/, public IPv4).
    if (resource.inputs.internal !== true) lines.push(hourly(context, "load balancer public IPv4 addresses", zones, "publicIpv4.hour", "addresses"));
    return priced(...lines);
};

const database: Pricer = (resource, context) => {
    const engine = resource.inputs.engine;
    if (engine !== "postgres") return { status: "unpriced", reason: `engine ${String(engine)} (the table prices PostgreSQL)` };
    const deployment = resource.inputs.multiAz === true ? "multiAz" : "singleAz";
    const instanceClass = String(resource.inputs.instanceClass);
    const storageType = resource.inputs.storageType ?? "gp2";
    const gib = asNumber(resource.inputs.allocatedStorage) ?? 0;
    const lines = [
        hourly(context, `${instanceClass} ${deployment === "multiAz" ? "Multi-AZ" : "Single-AZ"}`, 1,
            `rds.postgres.${instanceClass}.${deployment}.hour`, "instance"),
        charge(context.prices, "database storage", gib, `rds.${String(storageType)}.${deployment}.gbMonth`,
            `${gib} GiB ${String(storageType)} allocated (grows to maxAllocatedStorage only as used)`),
    ];
    // RDS keeps the master password in a Secrets Manager secret it creates (not a resource of the plan).
    if (resource.inputs.manageMasterUserPassword === true) {
        lines.push(charge(context.prices, "RDS-managed master-user secret", 1, "secretsManager.secret.month", "1 secret"));
    }
    return priced(...lines);
};

/** Tasks of `count` split over a capacity-provider strategy: `base` first, the rest by weight (ECS's rule). */
export function tasksByProvider(count: number, strategies: readonly { capacityProvider: string; base?: number; weight?: number }[]): Map<string, number> {
    const split = new Map<string, number>();
    let remaining = count;
    for (const strategy of strategies) {
        const base = Math.min(remaining, strategy.base ?? 0);
        if (base > 0) split.set(strategy.capacityProvider, base);
        remaining -= base;
    }
    const totalWeight = strategies.reduce((sum, strategy) => sum + (strategy.weight ?? 0), 0);
    for (const strategy of strategies) {
        const share = totalWeight > 0 ? remaining * (strategy.weight ?? 0) / totalWeight : 0;
        split.set(strategy.capacityProvider, (split.get(strategy.capacityProvider) ?? 0) + share);
    }
    return split;
}

const FARGATE_PROVIDERS: Record<string, string> = { FARGATE: "fargate", FARGATE_SPOT: "fargateSpot" };

const ecsService: Pricer = (resource, context) => {
    const desired = asNumber(resource.inputs.desiredCount) ?? 0;
    const strategies = asArray(resource.inputs.capacityProviderStrategies).map(asRecord)
        .map((strategy) => ({ capacityProvider: String(strategy.capacityProvider), base: asNumber(strategy.base), weight: asNumber(strategy.weight) }));
    const split = strategies.length > 0 ? tasksByProvider(desired, strategies)
        : new Map([[resource.inputs.launchType === "FARGATE" ? "FARGATE" : "EC2", desired]]);
    const fargate = [...split].filter(([provider, tasks]) => FARGATE_PROVIDERS[provider] !== undefined && tasks > 0);
    if (fargate.length === 0) return { status: "free", reason: "its tasks run on EC2 container hosts, priced on their Auto Scaling group" };
    const task = referenced(context, "aws:ecs/taskDefinition:TaskDefinition", resource.inputs.taskDefinition);
    if (!task) return { status: "unpriced", reason: "its task definition is not in the plan" };
    const vcpu = (asNumber(task.inputs.cpu) ?? 0) / 1024;
    const gb = (asNumber(task.inputs.memory) ?? 0) / 1024;
    const architecture = asRecord(task.inputs.runtimePlatform).cpuArchitecture === "ARM64" ? "arm64" : "x86_64";
    return priced(...fargate.flatMap(([provider, tasks]) => {
        const kind = FARGATE_PROVIDERS[provider];
        const what = `${quantity(tasks)} ${kind === "fargateSpot" ? "Spot " : ""}task${tasks === 1 ? "" : "s"} (${architecture}) × ${HOURS}`;
        return [
            charge(context.prices, `${kind === "fargateSpot" ? "Fargate Spot" : "Fargate"} vCPU`, tasks * vcpu * HOURS_PER_MONTH, `${kind}.${architecture}.vcpuHour`, `${what} × ${quantity(vcpu)} vCPU`),
            charge(context.prices, `${kind === "fargateSpot" ? "Fargate Spot" : "Fargate"} memory`, tasks * gb * HOURS_PER_MONTH, `${kind}.${architecture}.gbHour`, `${what} × ${quantity(gb)} GB`),
        ];
    }));
};

const autoScalingGroup: Pricer = (resource, context) => {
    const template = referenced(context, "aws:ec2/launchTemplate:LaunchTemplate", asRecord(resource.inputs.launchTemplate).id);
    if (!template) return { status: "unpriced", reason: "its launch template is not in the plan (mixed-instances groups are not priced)" };
    const hosts = asNumber(resource.inputs.desiredCapacity) ?? asNumber(resource.inputs.minSize) ?? 0;
    const what = `${hosts} hosts (${resource.inputs.desiredCapacity === undefined ? "minSize; scales to maxSize " + String(resource.inputs.maxSize) : "desiredCapacity"})`;
    return priced(
        charge(context.prices, `EC2 ${String(template.inputs.instanceType)}`, hosts * HOURS_PER_MONTH, `ec2.${String(template.inputs.instanceType)}.hour`, `${what} × ${HOURS}`),
        ...volumeLines(template, hosts, context),
    );
};

const ec2Instance: Pricer = (resource, context) => priced(
    hourly(context, `EC2 ${String(resource.inputs.instanceType)}`, 1, `ec2.${String(resource.inputs.instanceType)}.hour`, "instance"),
);

function volumeLines(template: CostedResource, hosts: number, context: PricingContext): CostLine[] {
    return asArray(template.inputs.blockDeviceMappings).map((mapping) => asRecord(asRecord(mapping).ebs)).map((ebs) => {
        const gib = asNumber(ebs.volumeSize) ?? 0;
        const volumeType = String(ebs.volumeType ?? "gp2");
        return charge(context.prices, `EBS ${volumeType} volumes`, hosts * gib, `ebs.${volumeType}.gbMonth`, `${hosts} hosts × ${gib} GiB`);
    });
}

function countOfType(context: PricingContext, type: string): number {
    return context.resources.filter((resource) => resource.type === type).length;
}

function single(label: string, key: string, what: string): Pricer {
    return (_resource, context) => priced(charge(context.prices, label, 1, key, what));
}

export const INFRASTRUCTURE_PRICERS: Record<string, Pricer> = {
    "aws:ec2/natGateway:NatGateway": natGateway,
    "aws:ec2/eip:Eip": (_resource, context) => priced(hourly(context, "public IPv4 address", 1, "publicIpv4.hour", "address")),
    "aws:ec2/vpcEndpoint:VpcEndpoint": vpcEndpoint,
    "aws:lb/loadBalancer:LoadBalancer": loadBalancer,
    "aws:rds/instance:Instance": database,
    "aws:ecs/service:Service": ecsService,
    "aws:autoscaling/group:Group": autoScalingGroup,
    "aws:ec2/instance:Instance": ec2Instance,
    "aws:kms/key:Key": single("KMS key", "kms.key.month", "1 key"),
    "aws:secretsmanager/secret:Secret": single("secret", "secretsManager.secret.month", "1 secret"),
    // Cloud Map: a private DNS namespace is a Route 53 private hosted zone; each registered task is a resource
    // (the Keycloak service runs one task). DNS queries inside the VPC are a few cents and left to the usage lines.
    "aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace": single("Cloud Map namespace (private hosted zone)", "route53.hostedZone.month", "1 hosted zone"),
    "aws:servicediscovery/service:Service": single("Cloud Map registered task", "cloudMap.registeredResource.month", "1 registered task"),
    "aws:ec2/vpnConnection:VpnConnection": (_resource, context) => priced(hourly(context, "Site-to-Site VPN connection", 1, "vpn.connection.hour", "connection")),
    "aws:ec2clientvpn/networkAssociation:NetworkAssociation": (_resource, context) => priced(hourly(context, "Client VPN subnet association", 1, "clientVpn.association.hour", "association")),
};
