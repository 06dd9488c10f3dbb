import * as assert from "node:assert/strict";
import { FileStorage } from "../../components/data/fileStorage";
import type { StorageConfig } from "../../config/types";
import type { Plan } from "../../tools/offline/planTypes";
import { evaluateComponents, ofType, single } from "../support/planQueries";
import { assertAccessGroups, inputsOf, output, stackConfig } from "./planQueries";

const FILE_SYSTEM = "aws:efs/fileSystem:FileSystem";
const DATA_KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/data-key";
const ISOLATED_SUBNETS = ["subnet-iso-a", "subnet-iso-b", "subnet-iso-c"];

function deploy(stack: string, settings: StorageConfig, protect: boolean): Promise<Plan> {
    return evaluateComponents(() => {
        const files = new FileStorage(`orthanc-${stack}-files`, {
            settings, vpcId: "vpc-0123", subnetIds: ISOLATED_SUBNETS, availabilityZoneCount: 3,
            dataKeyArn: DATA_KEY_ARN, protect, posixUid: 999, posixGid: 999,
        });
        return {
            fileSystemId: files.fileSystemId, fileSystemArn: files.fileSystemArn, accessPointId: files.accessPointId,
            securityGroupId: files.securityGroupId, clientSecurityGroupId: files.clientSecurityGroupId,
            mountTargets: files.mountTargets.length,
        };
    }, stack);
}

describe("FileStorage component (mocks)", () => {
    const devStorage = stackConfig("dev").storage;
    // The prod sample uses S3; its EFS variant takes the lifecycle values that differ from dev.
    const otherStorage: StorageConfig = { ...devStorage, efsTransitionToIa: "AFTER_90_DAYS", efsTransitionToPrimary: "none" };
    let dev: Plan;
    let other: Plan;
    before(async () => {
        dev = await deploy("dev", devStorage, false);
        other = await deploy("prod", otherStorage, true);
    });

    it("encrypts with the data key, elastic throughput, IA lifecycle from config", () => {
        const fs = inputsOf(single(dev, FILE_SYSTEM));
        assert.equal(fs.encrypted, true);
        assert.equal(fs.kmsKeyId, DATA_KEY_ARN);
        assert.equal(fs.throughputMode, "elastic");
        assert.equal(fs.performanceMode, "generalPurpose");
        assert.deepEqual(fs.lifecyclePolicies, [
            { transitionToIa: devStorage.efsTransitionToIa },
            { transitionToPrimaryStorageClass: devStorage.efsTransitionToPrimary },
        ]);
        assert.deepEqual(inputsOf(single(other, FILE_SYSTEM)).lifecyclePolicies, [{ transitionToIa: "AFTER_90_DAYS" }]);
    });

    it("protects the file system when asked", () => {
        assert.equal(single(dev, FILE_SYSTEM).options.protect, false);
        assert.equal(single(other, FILE_SYSTEM).options.protect, true);
    });

    it("puts a mount target in every isolated subnet behind the NFS security group", () => {
        const store = output(single(dev, "aws:ec2/securityGroup:SecurityGroup", "files-sg"));
        const targets = ofType(dev, "aws:efs/mountTarget:MountTarget");
        assert.deepEqual(targets.map((t) => t.inputs.subnetId), ISOLATED_SUBNETS);
        for (const target of targets) {
            assert.equal(target.inputs.fileSystemId, output(single(dev, FILE_SYSTEM)));
            assert.deepEqual(target.inputs.securityGroups, [store]);
        }
    });

    it("admits NFS only from the client security group", () => {
        assertAccessGroups(dev, "orthanc-dev-files", 2049, "NFS");
        assert.equal(ofType(dev, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").length, 1);
    });

    it("exposes Orthanc's directory through a non-root access point", () => {
        const ap = inputsOf(single(dev, "aws:efs/accessPoint:AccessPoint"));
        assert.equal(ap.fileSystemId, output(single(dev, FILE_SYSTEM)));
        assert.deepEqual(ap.posixUser, { uid: 999, gid: 999 });
        assert.deepEqual(ap.rootDirectory, {
            path: "/orthanc-storage",
            creationInfo: { ownerUid: 999, ownerGid: 999, permissions: "0750" },
        });
    });

    it("requires TLS and IAM through the access point in the file-system policy; EFS automatic backups off", () => {
        const fsArn = output(single(dev, FILE_SYSTEM), "arn");
        const apArn = output(single(dev, "aws:efs/accessPoint:AccessPoint"), "arn");
        const policy = JSON.parse(inputsOf(single(dev, "aws:efs/fileSystemPolicy:FileSystemPolicy")).policy);
        const [denyPlain, allow] = policy.Statement;
        assert.equal(denyPlain.Effect, "Deny");
        assert.equal(denyPlain.Resource, fsArn);
        assert.deepEqual(denyPlain.Condition, { Bool: { "aws:SecureTransport": false } });
        assert.equal(allow.Resource, fsArn);
        assert.equal(allow.Condition.StringEquals["elasticfilesystem:AccessPointArn"], apArn);
        assert.ok(!JSON.stringify(policy).includes("ClientRootAccess"));
        assert.deepEqual(single(dev, "aws:efs/backupPolicy:BackupPolicy").inputs.backupPolicy, { status: "DISABLED" }, "the stack's own plan backs it up; no second copy in AWS's default vault");
    });

    it("exports the file system, access point, security groups and mount targets", () => {
        assert.deepEqual(dev.outputs, {
            fileSystemId: output(single(dev, FILE_SYSTEM)),
            fileSystemArn: output(single(dev, FILE_SYSTEM), "arn"),
            accessPointId: output(single(dev, "aws:efs/accessPoint:AccessPoint")),
            securityGroupId: output(single(dev, "aws:ec2/securityGroup:SecurityGroup", "files-sg")),
            clientSecurityGroupId: output(single(dev, "aws:ec2/securityGroup:SecurityGroup", "files-client-sg")),
            mountTargets: 3,
        });
    });
});
