/**
 * What a user must check in the text plan before `pulumi up`: the few settings that decide cost, availability and
 * who can connect, and the network resources the VPC will hold (which the offline plan cannot see, the awsx VPC
 * being a remote component). Computed from the validated config only.
 */
import { instanceSize, taskCapacity } from "../config/ec2InstanceSizes";
import { StackConfig } from "../config/types";
import { certificateSource } from "../components/endpoint";
import { vpcContents, VpcContents } from "../components/network";

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

function natStrategy(config: StackConfig): string {
    const { natGateways } = vpcContents(config.network);
    const why = { none: "no internet route; AWS services through endpoints", single: "one AZ's NAT is a single point of failure", perAz: "one per zone" };
    return `${config.network.natGateways}: ${plural(natGateways, "NAT gateway")} (${why[config.network.natGateways]})`;
}

function hosts(config: StackConfig): string {
    const { compute } = config;
    if (compute.launchType === "fargate") return "none: Fargate runs the tasks on AWS-managed hosts";
    const size = instanceSize(compute.instanceType);
    if (size === undefined) return compute.instanceType;
    const capacity = taskCapacity(size);
    const perHost = Math.min(Math.floor(capacity.cpu / compute.cpu), Math.floor(capacity.memory / compute.memory));
    return `${compute.instanceType} (${size.vcpus} vCPUs, ${size.memoryMib} MiB; ${plural(perHost, "task")} per host)`;
}

function storage(config: StackConfig): string {
    const { storage: s } = config;
    if (s.backend === "efs") {
        return `EFS; to Infrequent Access ${s.efsTransitionToIa}, back to Standard ${s.efsTransitionToPrimary === "none" ? "never" : s.efsTransitionToPrimary}`;
    }
    const after = (days: number) => (days === 0 ? "never" : `after ${days} days`);
    return `S3; Glacier Instant Retrieval ${after(s.s3GlacierInstantRetrievalAfterDays)}, Deep Archive ${after(s.s3DeepArchiveAfterDays)}, `
        + `replaced versions removed after ${s.s3NoncurrentVersionExpirationDays} days`;
}

function certificate(config: StackConfig): string {
    const source = certificateSource(config.endpoint);
    return source.kind === "acm-dns"
        ? `ACM, DNS-validated for ${source.domainName} in zone ${source.hostedZoneId}`
        : "self-signed (clients must trust it explicitly; set endpoint.domainName and hostedZoneId for a trusted one)";
}

/** Label → value, in the order a reviewer reads them. */
export function keySettings(config: StackConfig): Array<[string, string]> {
    const { compute, database, network } = config;
    return [
        ["region", config.region],
        ["availability zones", `${network.availabilityZones} (the region's first ${network.availabilityZones})`],
        ["NAT", natStrategy(config)],
        ["task", `${compute.launchType}, ${compute.cpu} CPU units (${compute.cpu / 1024} vCPU), ${compute.memory} MiB; `
            + `${compute.desiredCount} running, ${compute.minCount}–${compute.maxCount} with autoscaling`],
        ["container hosts", hosts(config)],
        ["database", `${database.instanceClass}, ${database.multiAz ? "Multi-AZ" : "single-AZ"}, PostgreSQL ${database.engineVersion}, `
            + `${database.allocatedStorage}–${database.maxAllocatedStorage} GiB`],
        ["storage", storage(config)],
        ["certificate", certificate(config)],
        ["allowed networks", config.endpoint.allowedCidrs.join(", ")],
        ["image", `${compute.image} (${{ mirror: "mirrored into the account's ECR", pullThroughCache: "through an ECR pull-through cache", registry: "pulled as named" }[compute.imageSource]})`],
    ];
}

/** The VPC's contents, one line each. */
export function vpcLines(contents: VpcContents): Array<[string, string]> {
    const { subnets, masks } = contents;
    return [
        ["subnets", `${subnets.public} public (/${masks.public}), ${subnets.private} private (/${masks.private}), ${subnets.isolated} isolated (/${masks.isolated})`],
        ["NAT gateways", String(contents.natGateways)],
        ["Elastic IPs", String(contents.elasticIps)],
        ["internet gateway", String(contents.internetGateways)],
        ["route tables", `${contents.routeTables}, with ${contents.routeTableAssociations} associations and ${plural(contents.routes, "default route")}`],
    ];
}

/** Aligned `label  value` lines under a heading. */
export function renderBlock(heading: string, rows: Array<[string, string]>): string {
    const width = Math.max(...rows.map(([label]) => label.length));
    return [heading, ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`)].join("\n");
}
