/**
 * A data store's pair of security groups: the store's own group admits one TCP port only from a "client"
 * group, and the client group may send only to the store on that port. The Orthanc tasks carry the client
 * group; nothing else does. Creating the client group here (rather than taking the tasks' group as input) keeps
 * the data tier independent of the service that consumes it, with no dependency cycle.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface AccessSecurityGroupsArgs {
    vpcId: pulumi.Input<string>;
    /** TCP port of the store (5432 for PostgreSQL, 2049 for NFS). */
    port: number;
    /** What the store is, for the groups' descriptions, e.g. "PostgreSQL". */
    service: string;
}

export interface AccessSecurityGroups {
    /** Attached to the store; admits `port` only from `client`. */
    store: aws.ec2.SecurityGroup;
    /** Attached to the Orthanc tasks; egress only to `store` on `port`. */
    client: aws.ec2.SecurityGroup;
}

/** Creates the pair as children of `parent`, named `${name}-sg` and `${name}-client-sg`. */
export function createAccessSecurityGroups(
    name: string, args: AccessSecurityGroupsArgs, parent: pulumi.Resource,
): AccessSecurityGroups {
    const opts = { parent };
    // No inline rules: the provider removes AWS's default allow-all egress, so each group starts closed.
    const store = new aws.ec2.SecurityGroup(`${name}-sg`, {
        vpcId: args.vpcId,
        description: `${args.service}: admits ${args.port}/tcp from Orthanc tasks only`,
    }, opts);
    const client = new aws.ec2.SecurityGroup(`${name}-client-sg`, {
        vpcId: args.vpcId,
        description: `Orthanc tasks: client of ${args.service}`,
    }, opts);
    new aws.vpc.SecurityGroupIngressRule(`${name}-sg-from-clients`, {
        securityGroupId: store.id,
        referencedSecurityGroupId: client.id,
        ipProtocol: "tcp",
        fromPort: args.port,
        toPort: args.port,
        description: `${args.service} from Orthanc tasks`,
    }, opts);
    new aws.vpc.SecurityGroupEgressRule(`${name}-client-sg-to-store`, {
        securityGroupId: client.id,
        referencedSecurityGroupId: store.id,
        ipProtocol: "tcp",
        fromPort: args.port,
        toPort: args.port,
        description: `${args.service} to the store`,
    }, opts);
    return { store, client };
}
