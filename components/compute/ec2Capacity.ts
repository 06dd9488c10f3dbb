import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { assumeRolePolicy, ecsInstancePolicy } from "./orthancPolicies";
import { ecsOptimizedAmiParameter } from "./orthancTaskSettings";

export interface EcsEc2CapacityArgs {
    clusterName: pulumi.Input<string>;
    clusterArn: pulumi.Input<string>;
    instanceType: string;
    vpcId: pulumi.Input<string>;
    /** Private subnets the hosts run in (one Auto Scaling group across all of them). */
    privateSubnetIds: pulumi.Input<string[]>;
    /** Customer-managed key of the hosts' root volumes. */
    dataKeyArn: pulumi.Input<string>;
    minSize: number;
    maxSize: number;
    region: string;
    /**
     * The stack's default tags (`defaultTags(config, project)`). The provider's `defaultTags` reach neither the
     * instances, volumes and interfaces the Auto Scaling group launches nor the group itself, so they are set here.
     */
    tags: Record<string, string>;
    /**
     * Further groups of the hosts: on EC2 the host mounts a task's EFS volume, so it carries the file system's
     * client group.
     * @default []
     */
    additionalSecurityGroupIds?: pulumi.Input<string>[];
    /**
     * Root volume size in GiB (the ECS-optimized AL2023 AMI's snapshot is 30 GiB).
     * @default 30
     */
    rootVolumeGiB?: number;
}

/** User data: join the cluster, and keep tasks away from the host's instance metadata (and its role). */
export function ecsUserData(clusterName: string): string {
    return [
        "#!/bin/bash",
        "cat >> /etc/ecs/ecs.config <<'EOF'",
        `ECS_CLUSTER=${clusterName}`,
        "ECS_AWSVPC_BLOCK_IMDS=true",
        "ECS_ENABLE_TASK_IAM_ROLE=true",
        "EOF",
        "",
    ].join("\n");
}

/** What the launched hosts are tagged with: the instance, its root volume and its network interface. */
export const HOST_TAGGED_RESOURCE_TYPES = ["instance", "volume", "network-interface"] as const;

/** The launch template's `tagSpecifications`: every resource a host launch creates carries the stack's tags. */
export function hostTagSpecifications(tags: Record<string, string>): aws.types.input.ec2.LaunchTemplateTagSpecification[] {
    return HOST_TAGGED_RESOURCE_TYPES.map((resourceType) => ({ resourceType, tags: { ...tags } }));
}

/**
 * The Auto Scaling group's tags, propagated to the instances it launches, plus `AmazonECSManaged`, which ECS
 * requires on a group behind a capacity provider with managed scaling.
 */
export function autoScalingGroupTags(tags: Record<string, string>): aws.types.input.autoscaling.GroupTag[] {
    return [...Object.entries(tags), ["AmazonECSManaged", "true"]]
        .map(([key, value]) => ({ key, value, propagateAtLaunch: true }));
}

/**
 * Container hosts for the EC2 launch type: ECS-optimized Amazon Linux 2023 from the public SSM parameter, IMDSv2
 * only, an encrypted gp3 root volume with the data key, no public address, an Auto Scaling group across the private
 * subnets and an ECS capacity provider that scales it.
 */
export class EcsEc2Capacity extends pulumi.ComponentResource {
    readonly capacityProviderName: pulumi.Output<string>;
    readonly autoScalingGroupName: pulumi.Output<string>;

    constructor(name: string, args: EcsEc2CapacityArgs, opts?: pulumi.ComponentResourceOptions) {
        super("orthanc-aws:compute:EcsEc2Capacity", name, {}, opts);
        const rootVolumeGiB = args.rootVolumeGiB ?? 30;
        const additionalSecurityGroupIds = args.additionalSecurityGroupIds ?? [];
        const identity = aws.getCallerIdentityOutput({}, { parent: this });
        const partition = aws.getPartitionOutput({}, { parent: this });

        const role = new aws.iam.Role(`${name}-role`, {
            description: "ECS container instances: the agent of one cluster",
            assumeRolePolicy: pulumi.all([identity.accountId, partition.partition]).apply(([accountId, partitionName]) =>
                JSON.stringify(assumeRolePolicy("ec2.amazonaws.com", { accountId, partition: partitionName, region: args.region }))),
        }, { parent: this });
        new aws.iam.RolePolicy(`${name}-agent`, {
            role: role.id,
            policy: pulumi.output(args.clusterArn).apply((clusterArn) => JSON.stringify(ecsInstancePolicy(clusterArn))),
        }, { parent: this });
        const profile = new aws.iam.InstanceProfile(`${name}-profile`, { role: role.name }, { parent: this });

        // Tasks have their own ENIs and security group (awsvpc); the host only talks to AWS APIs over HTTPS.
        const hostSecurityGroup = new aws.ec2.SecurityGroup(`${name}-hosts`, {
            vpcId: args.vpcId,
            description: "ECS container hosts: no inbound traffic, HTTPS out to AWS APIs",
        }, { parent: this });
        new aws.vpc.SecurityGroupEgressRule(`${name}-hosts-https-out`, {
            securityGroupId: hostSecurityGroup.id,
            ipProtocol: "tcp",
            fromPort: 443,
            toPort: 443,
            cidrIpv4: "0.0.0.0/0",
            description: "ECS, ECR and CloudWatch endpoints",
        }, { parent: this });

        const ami = aws.ssm.getParameterOutput({ name: ecsOptimizedAmiParameter(args.instanceType) }, { parent: this });
        const launchTemplate = new aws.ec2.LaunchTemplate(`${name}-template`, {
            description: "ECS-optimized Amazon Linux 2023 hosts of the Orthanc cluster",
            imageId: ami.value,
            instanceType: args.instanceType,
            iamInstanceProfile: { arn: profile.arn },
            metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" },
            networkInterfaces: [{ associatePublicIpAddress: "false", deleteOnTermination: "true", securityGroups: [hostSecurityGroup.id, ...additionalSecurityGroupIds] }],
            blockDeviceMappings: [{
                deviceName: "/dev/xvda",
                ebs: { volumeType: "gp3", volumeSize: rootVolumeGiB, encrypted: "true", kmsKeyId: args.dataKeyArn, deleteOnTermination: "true" },
            }],
            monitoring: { enabled: true },
            tagSpecifications: hostTagSpecifications(args.tags),
            userData: pulumi.output(args.clusterName).apply((clusterName) => Buffer.from(ecsUserData(clusterName)).toString("base64")),
            updateDefaultVersion: true,
        }, { parent: this });

        const group = new aws.autoscaling.Group(`${name}-hosts-group`, {
            vpcZoneIdentifiers: args.privateSubnetIds,
            minSize: args.minSize,
            maxSize: args.maxSize,
            launchTemplate: { id: launchTemplate.id, version: launchTemplate.latestVersion.apply(String) },
            healthCheckType: "EC2",
            // The capacity provider's managed termination protection needs it; ECS unprotects hosts it drained.
            protectFromScaleIn: true,
            tags: autoScalingGroupTags(args.tags),
        }, { parent: this, ignoreChanges: ["desiredCapacity"] });

        const capacityProvider = new aws.ecs.CapacityProvider(`${name}-provider`, {
            // Named for the console; unique per account like the cluster it serves.
            name: `${name}-provider`,
            autoScalingGroupProvider: {
                autoScalingGroupArn: group.arn,
                managedTerminationProtection: "ENABLED",
                managedDraining: "ENABLED",
                managedScaling: { status: "ENABLED", targetCapacity: 100, minimumScalingStepSize: 1, maximumScalingStepSize: 2 },
            },
        }, { parent: this });

        this.capacityProviderName = capacityProvider.name;
        this.autoScalingGroupName = group.name;
        this.registerOutputs({ capacityProviderName: this.capacityProviderName, autoScalingGroupName: this.autoScalingGroupName });
    }
}
