import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ORTHANC_DICOM_PORT, ORTHANC_HTTP_PORT } from "./orthancConfiguration";

export interface OrthancServiceNetworkArgs {
    vpcId: pulumi.Input<string>;
    /** The load balancer's security group: the only source admitted to Orthanc's ports. */
    loadBalancerSecurityGroupId: pulumi.Input<string>;
}

/**
 * The tasks' own security group: in from the load balancer on Orthanc's two ports only, out over HTTPS (AWS APIs,
 * the image registry). The database and file system are reached through their client groups, which the tasks
 * carry as well.
 */
export class OrthancServiceNetwork extends pulumi.ComponentResource {
    readonly taskSecurityGroupId: pulumi.Output<string>;

    constructor(name: string, args: OrthancServiceNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("orthanc-aws:compute:OrthancServiceNetwork", name, {}, opts);
        const tasks = new aws.ec2.SecurityGroup(`${name}-tasks`, {
            vpcId: args.vpcId,
            description: "Orthanc tasks: HTTP and DICOM from the load balancer only",
        }, { parent: this });

        for (const [portName, port] of [["http", ORTHANC_HTTP_PORT], ["dicom", ORTHANC_DICOM_PORT]] as const) {
            new aws.vpc.SecurityGroupIngressRule(`${name}-from-lb-${portName}`, {
                securityGroupId: tasks.id,
                referencedSecurityGroupId: args.loadBalancerSecurityGroupId,
                ipProtocol: "tcp",
                fromPort: port,
                toPort: port,
                description: `Orthanc ${portName} from the load balancer`,
            }, { parent: this });
        }

        new aws.vpc.SecurityGroupEgressRule(`${name}-https-out`, {
            securityGroupId: tasks.id,
            ipProtocol: "tcp",
            fromPort: 443,
            toPort: 443,
            cidrIpv4: "0.0.0.0/0",
            description: "AWS APIs (Secrets Manager, Logs, S3, ECR) and the image registry",
        }, { parent: this });

        this.taskSecurityGroupId = tasks.id;
        this.registerOutputs({ taskSecurityGroupId: this.taskSecurityGroupId });
    }
}
