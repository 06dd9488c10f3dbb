/**
 * Orthanc's DICOM file store on EFS (`storage.backend: efs`): encrypted with the data key, elastic throughput,
 * Infrequent Access lifecycle, reachable only from the Orthanc tasks, only over TLS, only through an access
 * point that maps every client to a non-root POSIX user.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { StorageConfig } from "../../config/types";
import { createAccessSecurityGroups } from "../security";
import { accessPointRoot, efsFileSystemPolicy, efsLifecyclePolicies, mountTargetSubnets } from "./efsSettings";

export const NFS_PORT = 2049;

export interface FileStorageArgs {
    /** `storage` section of the validated stack configuration. */
    settings: StorageConfig;
    vpcId: pulumi.Input<string>;
    /** Isolated subnets, one per availability zone; a mount target goes into each. */
    subnetIds: pulumi.Input<string[]>;
    /**
     * How many availability zones (and so isolated subnets) the network has. Mount targets are resources and
     * cannot be created from an unresolved list, so the count comes from configuration and is checked against
     * `subnetIds` once known.
     */
    availabilityZoneCount: number;
    /** ARN of the data CMK. */
    dataKeyArn: pulumi.Input<string>;
    /** Protect the file system in Pulumi (`protect`) so that `pulumi destroy` cannot delete it. */
    protect: boolean;
    /**
     * POSIX user and group every NFS operation through the access point runs as, and that own the files: the
     * container's own user, so that what Orthanc writes belongs to the user that runs it.
     */
    posixUid: number;
    posixGid: number;
    /**
     * Directory exposed as the root of the access point (created, owned by the POSIX user, mode 0750).
     * @default "/orthanc-storage"
     */
    rootDirectory?: string;
}

export class FileStorage extends pulumi.ComponentResource {
    public readonly fileSystemId: pulumi.Output<string>;
    public readonly fileSystemArn: pulumi.Output<string>;
    /** Use in the task definition's `efsVolumeConfiguration.authorizationConfig.accessPointId` with `iam: "ENABLED"`. */
    public readonly accessPointId: pulumi.Output<string>;
    public readonly accessPointArn: pulumi.Output<string>;
    /** Security group of the mount targets: admits NFS only from `clientSecurityGroupId`. */
    public readonly securityGroupId: pulumi.Output<string>;
    /** Security group the Orthanc tasks must carry to reach the file system. */
    public readonly clientSecurityGroupId: pulumi.Output<string>;
    /** The service should depend on these: a mount fails until its AZ's target is available. */
    public readonly mountTargets: aws.efs.MountTarget[];

    constructor(name: string, args: FileStorageArgs, opts?: pulumi.ComponentResourceOptions) {
        super("orthanc-aws:data:FileStorage", name, {}, opts);
        const { posixUid, posixGid } = args;
        const rootDirectory = accessPointRoot(args.rootDirectory ?? "/orthanc-storage", args.settings.efsRestoredDirectory);

        const fileSystem = new aws.efs.FileSystem(`${name}-fs`, {
            encrypted: true,
            kmsKeyId: args.dataKeyArn,
            performanceMode: "generalPurpose",
            throughputMode: "elastic",
            lifecyclePolicies: efsLifecyclePolicies(args.settings),
        }, { parent: this, protect: args.protect });

        const groups = createAccessSecurityGroups(name, { vpcId: args.vpcId, port: NFS_PORT, service: "NFS" }, this);
        const subnetIds = pulumi.output(args.subnetIds)
            .apply((ids) => mountTargetSubnets(ids, args.availabilityZoneCount));
        // One target per AZ; the AZ's position is its identity here, as the subnet IDs are not known yet.
        this.mountTargets = Array.from({ length: args.availabilityZoneCount }, (_, zone) =>
            new aws.efs.MountTarget(`${name}-mount-az${zone + 1}`, {
                fileSystemId: fileSystem.id,
                subnetId: subnetIds.apply((ids) => ids[zone]),
                securityGroups: [groups.store.id],
            }, { parent: this }));

        const accessPoint = new aws.efs.AccessPoint(`${name}-orthanc`, {
            fileSystemId: fileSystem.id,
            posixUser: { uid: posixUid, gid: posixGid },
            rootDirectory: {
                path: rootDirectory,
                creationInfo: { ownerUid: posixUid, ownerGid: posixGid, permissions: "0750" },
            },
        }, { parent: this });

        new aws.efs.FileSystemPolicy(`${name}-policy`, {
            fileSystemId: fileSystem.id,
            policy: pulumi.all([fileSystem.arn, accessPoint.arn])
                .apply(([fsArn, apArn]) => JSON.stringify(efsFileSystemPolicy(fsArn, apArn))),
        }, { parent: this });
        // The stack's own plan backs the file system up into its vault; EFS's automatic backups would add a second
        // copy into AWS's default vault, under AWS's key and retention.
        new aws.efs.BackupPolicy(`${name}-backup`, {
            fileSystemId: fileSystem.id,
            backupPolicy: { status: "DISABLED" },
        }, { parent: this });

        this.fileSystemId = fileSystem.id;
        this.fileSystemArn = fileSystem.arn;
        this.accessPointId = accessPoint.id;
        this.accessPointArn = accessPoint.arn;
        this.securityGroupId = groups.store.id;
        this.clientSecurityGroupId = groups.client.id;
        this.registerOutputs({
            fileSystemId: this.fileSystemId,
            fileSystemArn: this.fileSystemArn,
            accessPointId: this.accessPointId,
            accessPointArn: this.accessPointArn,
            securityGroupId: this.securityGroupId,
            clientSecurityGroupId: this.clientSecurityGroupId,
        });
    }
}
