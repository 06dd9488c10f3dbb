/** What the file storage component decides about EFS: lifecycle policies and the file-system policy. */
import type { StorageConfig } from "../../config/types";
import { denyInsecureTransport, PolicyDocument } from "../security";

/** Shape of `aws.efs.FileSystem` `lifecyclePolicies`: the API takes one transition per entry. */
export type EfsLifecyclePolicy = { transitionToIa: string } | { transitionToPrimaryStorageClass: string };

/** Files move to Infrequent Access after the configured idle time and, unless `none`, back on first read. */
export function efsLifecyclePolicies(storage: StorageConfig): EfsLifecyclePolicy[] {
    const policies: EfsLifecyclePolicy[] = [{ transitionToIa: storage.efsTransitionToIa }];
    if (storage.efsTransitionToPrimary !== "none") {
        policies.push({ transitionToPrimaryStorageClass: storage.efsTransitionToPrimary });
    }
    return policies;
}

/**
 * The isolated subnets that get a mount target, one per availability zone. Mount targets are created per AZ from
 * configuration (the subnet list is not known when they are declared), so a network that disagrees is an error.
 */
export function mountTargetSubnets(subnetIds: string[], availabilityZoneCount: number): string[] {
    if (subnetIds.length !== availabilityZoneCount) {
        throw new Error(
            `EFS mount targets: expected ${availabilityZoneCount} isolated subnets (network.availabilityZones), ` +
            `got ${subnetIds.length}.`);
    }
    return subnetIds;
}

/**
 * The file-system policy. Once a policy exists, EFS grants nothing to clients that do not authenticate with IAM
 * (anonymous NFS), so the policy only:
 *  - denies every action over a connection without TLS;
 *  - lets authenticated principals mount and write through a mount target and the Orthanc access point only.
 * `ClientRootAccess` is never granted: root on the client is squashed. The task role still needs an identity
 * policy with `elasticfilesystem:ClientMount`/`ClientWrite` on the file system.
 * https://docs.aws.amazon.com/efs/latest/ug/iam-access-control-nfs-efs.html
 */
export function efsFileSystemPolicy(fileSystemArn: string, accessPointArn: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            denyInsecureTransport("*", fileSystemArn, { AWS: "*" }),
            {
                Sid: "AllowMountThroughOrthancAccessPoint",
                Effect: "Allow",
                Principal: { AWS: "*" },
                Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
                Resource: fileSystemArn,
                Condition: {
                    Bool: { "elasticfilesystem:AccessedViaMountTarget": true },
                    StringEquals: { "elasticfilesystem:AccessPointArn": accessPointArn },
                },
            },
        ],
    };
}

/**
 * The access point's root: Orthanc's directory, or its copy inside the directory an AWS Backup restore into the
 * existing file system created (`/aws-backup-restore_<timestamp>/<the original path>`), so that a restore needs no
 * copy of the files and no new file system. https://docs.aws.amazon.com/aws-backup/latest/devguide/restoring-efs.html
 */
export function accessPointRoot(rootDirectory: string, restoredDirectory: string | undefined): string {
    return restoredDirectory === undefined ? rootDirectory : `/${restoredDirectory}${rootDirectory}`;
}
