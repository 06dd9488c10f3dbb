import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PrivateDicomConfig } from "../../config/types";

/**
 * IPsec proposals of the tunnels: IKEv2, AES-256 (GCM or CBC), SHA-2, DH groups 14 and up. AWS's defaults also
 * offer IKEv1, AES-128, SHA-1 and DH group 2 (Site-to-Site VPN user guide, "Tunnel options for your Site-to-Site
 * VPN connection"); a clinic's device needs to support one of these.
 */
export const TUNNEL_PROPOSALS = {
    IkeVersions: ["ikev2"],
    Phase1EncryptionAlgorithms: ["AES256", "AES256-GCM-16"],
    Phase1IntegrityAlgorithms: ["SHA2-256", "SHA2-384", "SHA2-512"],
    Phase1DhGroupNumbers: [14, 19, 20, 21],
    Phase2EncryptionAlgorithms: ["AES256", "AES256-GCM-16"],
    Phase2IntegrityAlgorithms: ["SHA2-256", "SHA2-384", "SHA2-512"],
    Phase2DhGroupNumbers: [14, 19, 20, 21],
};

/** A customer gateway needs an ASN even with static routing; AWS's console default. */
export const STATIC_ROUTING_ASN = 65000;

/** Both tunnels' proposals and logs, as `VpnConnection` arguments. */
export function tunnelOptions(logGroupArn: pulumi.Input<string>): Partial<aws.ec2.VpnConnectionArgs> {
    const options: Record<string, unknown> = {};
    for (const tunnel of ["tunnel1", "tunnel2"]) {
        for (const [key, value] of Object.entries(TUNNEL_PROPOSALS)) options[`${tunnel}${key}`] = value;
        options[`${tunnel}LogOptions`] = { cloudwatchLogOptions: { logEnabled: true, logGroupArn, logOutputFormat: "json" } };
    }
    return options as Partial<aws.ec2.VpnConnectionArgs>;
}

export interface PrivateSiteLinkArgs {
    vpcId: pulumi.Input<string>;
    vpcCidrBlock: pulumi.Input<string>;
    /** Route tables of the private subnets (the tasks'), one per availability zone. */
    privateRouteTableIds: pulumi.Input<string[]>;
    /** How many private route tables there are (resources cannot be counted from an unresolved list). */
    availabilityZoneCount: number;
    settings: PrivateDicomConfig;
    logsKeyArn: pulumi.Input<string>;
    logRetentionDays: number;
}

/**
 * The private path from a clinic's network to the VPC: a virtual private gateway whose routes reach the tasks'
 * subnets, with a Site-to-Site VPN (two IPsec tunnels, BGP or static routes to `onPremisesCidrs`, tunnel logs in an
 * encrypted log group) and/or an association with an existing Direct Connect gateway.
 */
export class PrivateSiteLink extends pulumi.ComponentResource {
    readonly vpnGatewayId: pulumi.Output<string>;
    readonly vpnConnectionId?: pulumi.Output<string>;

    constructor(name: string, args: PrivateSiteLinkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("orthanc-aws:network:PrivateSiteLink", name, {}, opts);
        const { settings } = args;

        const gateway = new aws.ec2.VpnGateway(`${name}-vgw`, { vpcId: args.vpcId }, { parent: this });
        // The on-premises routes the gateway learns (BGP) or holds (static) reach the tasks' route tables.
        const routeTableIds = pulumi.output(args.privateRouteTableIds);
        for (let zone = 0; zone < args.availabilityZoneCount; zone++) {
            new aws.ec2.VpnGatewayRoutePropagation(`${name}-propagation-az${zone + 1}`, {
                vpnGatewayId: gateway.id,
                routeTableId: routeTableIds.apply((ids) => ids[zone]),
            }, { parent: this });
        }

        if (settings.vpn !== undefined) {
            const logGroup = new aws.cloudwatch.LogGroup(`${name}-tunnel-logs`, {
                kmsKeyId: args.logsKeyArn,
                retentionInDays: args.logRetentionDays,
            }, { parent: this });
            const customerGateway = new aws.ec2.CustomerGateway(`${name}-cgw`, {
                ipAddress: settings.vpn.customerGatewayIp,
                bgpAsn: String(settings.vpn.bgpAsn ?? STATIC_ROUTING_ASN),
                type: "ipsec.1",
            }, { parent: this });
            const staticRoutes = settings.vpn.bgpAsn === undefined;
            const connection = new aws.ec2.VpnConnection(`${name}-vpn`, {
                vpnGatewayId: gateway.id,
                customerGatewayId: customerGateway.id,
                type: "ipsec.1",
                staticRoutesOnly: staticRoutes,
                ...tunnelOptions(logGroup.arn),
            }, { parent: this });
            if (staticRoutes) {
                for (const cidr of settings.onPremisesCidrs) {
                    new aws.ec2.VpnConnectionRoute(`${name}-route-${cidr.replace(/[./]/g, "-")}`, {
                        vpnConnectionId: connection.id,
                        destinationCidrBlock: cidr,
                    }, { parent: this });
                }
            }
            this.vpnConnectionId = connection.id;
        }

        if (settings.directConnectGatewayId !== undefined) {
            new aws.directconnect.GatewayAssociation(`${name}-dx`, {
                dxGatewayId: settings.directConnectGatewayId,
                associatedGatewayId: gateway.id,
                // Only the VPC's own range is announced to the site.
                allowedPrefixes: [args.vpcCidrBlock],
            }, { parent: this });
        }

        this.vpnGatewayId = gateway.id;
        this.registerOutputs({ vpnGatewayId: this.vpnGatewayId, vpnConnectionId: this.vpnConnectionId });
    }
}
