import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ORTHANC_DICOM_PORT, ORTHANC_HTTP_PORT } from "../orthanc/configuration";

/** NFS, the only port EFS mount targets listen on. */
export const NFS_PORT = 2049;

export interface OrthancServiceNetworkArgs {
    vpcId: pulumi.Input<string>;
    /** The load balancer's security group: the only source admitted to Orthanc's ports. */
    loadBalancerSecurityGroupId: pulumi.Input<string>;
    /** The database's security group; it gets an ingress rule from the tasks. */
    databaseSecurityGroupId: pulumi.Input<string>;
    databasePort: pulumi.Input<number>;
    /** The EFS mount targets' security group (efs backend); it gets an ingress rule from the tasks. @default none */
    fileSystemSecurityGroupId?: pulumi.Input<string>;
}

/**
 * The tasks' security group and the rules that connect it: in from the load balancer on Orthanc's two ports only;
 * out to the database, the file system and HTTPS (AWS APIs, the image registry), and the matching ingress rules on
 * the database's and file system's groups, which only this component knows the source of.
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

        this.connect(name, "database", tasks.id, args.databaseSecurityGroupId, args.databasePort);
        if (args.fileSystemSecurityGroupId !== undefined) {
            this.connect(name, "efs", tasks.id, args.fileSystemSecurityGroupId, NFS_PORT);
        }

        this.taskSecurityGroupId = tasks.id;
        this.registerOutputs({ taskSecurityGroupId: this.taskSecurityGroupId });
    }

    /** Egress from the tasks and the matching ingress on the target's group, on one port. */
    private connect(name: string, target: string, taskGroupId: pulumi.Output<string>, targetGroupId: pulumi.Input<string>, port: pulumi.Input<number>): void {
        new aws.vpc.SecurityGroupEgressRule(`${name}-to-${target}`, {
            securityGroupId: taskGroupId,
            referencedSecurityGroupId: targetGroupId,
            ipProtocol: "tcp",
            fromPort: port,
            toPort: port,
            description: `Orthanc tasks to the ${target}`,
        }, { parent: this });
        new aws.vpc.SecurityGroupIngressRule(`${name}-${target}-from-tasks`, {
            securityGroupId: targetGroupId,
            referencedSecurityGroupId: taskGroupId,
            ipProtocol: "tcp",
            fromPort: port,
            toPort: port,
            description: "From the Orthanc tasks",
        }, { parent: this });
    }
}
