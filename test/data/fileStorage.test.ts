import * as assert from "node:assert/strict";
import { FileStorage } from "../../components/fileStorage";
import type { StorageConfig } from "../../config/types";
import { DATA_KEY_ARN, EFS_STORAGE, ISOLATED_SUBNETS, S3_STORAGE, VPC_ID } from "./fixtures";
import { only, Registration, runUnderMocks, valueOf } from "./mockProgram";

const FILE_SYSTEM = "aws:efs/fileSystem:FileSystem";

function deploy(settings: StorageConfig, protect: boolean, subnets = ISOLATED_SUBNETS) {
    return runUnderMocks(() => new FileStorage("orthanc-prod-files", {
        settings, vpcId: VPC_ID, subnetIds: subnets, availabilityZoneCount: 3, dataKeyArn: DATA_KEY_ARN, protect,
    }));
}

describe("FileStorage component (mocks)", () => {
    let prod: { registrations: Registration[]; result: FileStorage };
    before(async () => { prod = await deploy(EFS_STORAGE, true); });

    it("encrypts with the data key, elastic throughput, IA lifecycle from config, protected", () => {
        const fs = only(prod.registrations, FILE_SYSTEM);
        assert.equal(fs.inputs.encrypted, true);
        assert.equal(fs.inputs.kmsKeyId, DATA_KEY_ARN);
        assert.equal(fs.inputs.throughputMode, "elastic");
        assert.equal(fs.inputs.performanceMode, "generalPurpose");
        assert.deepEqual(fs.inputs.lifecyclePolicies,
            [{ transitionToIa: "AFTER_30_DAYS" }, { transitionToPrimaryStorageClass: "AFTER_1_ACCESS" }]);
        assert.equal(fs.protect, true);
    });

    it("follows other lifecycle values and the protection flag", async () => {
        const dev = await deploy(S3_STORAGE, false);
        const fs = only(dev.registrations, FILE_SYSTEM);
        assert.deepEqual(fs.inputs.lifecyclePolicies, [{ transitionToIa: "AFTER_90_DAYS" }]);
        assert.equal(fs.protect, false);
    });

    it("puts a mount target in every isolated subnet behind the NFS security group", () => {
        const targets = prod.registrations.filter((r) => r.type === "aws:efs/mountTarget:MountTarget");
        assert.deepEqual(targets.map((t) => t.inputs.subnetId), ISOLATED_SUBNETS);
        for (const target of targets) {
            assert.equal(target.inputs.fileSystemId, "orthanc-prod-files-fs-id");
            assert.deepEqual(target.inputs.securityGroups, ["orthanc-prod-files-sg-id"]);
        }
    });

    it("admits NFS only from the client security group", () => {
        const ingress = only(prod.registrations, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").inputs;
        assert.equal(ingress.securityGroupId, "orthanc-prod-files-sg-id");
        assert.equal(ingress.referencedSecurityGroupId, "orthanc-prod-files-client-sg-id");
        assert.equal(ingress.fromPort, 2049);
        assert.equal(ingress.toPort, 2049);
        assert.equal(ingress.cidrIpv4, undefined);
    });

    it("exposes Orthanc's directory through a non-root access point", () => {
        const ap = only(prod.registrations, "aws:efs/accessPoint:AccessPoint").inputs;
        assert.deepEqual(ap.posixUser, { uid: 1000, gid: 1000 });
        assert.deepEqual(ap.rootDirectory, {
            path: "/orthanc-storage",
            creationInfo: { ownerUid: 1000, ownerGid: 1000, permissions: "0750" },
        });
    });

    it("requires TLS and IAM through the access point in the file-system policy; backups on", () => {
        const policy = JSON.parse(only(prod.registrations, "aws:efs/fileSystemPolicy:FileSystemPolicy").inputs.policy);
        const [denyPlain, allow] = policy.Statement;
        assert.deepEqual(denyPlain.Condition, { Bool: { "aws:SecureTransport": false } });
        assert.equal(denyPlain.Effect, "Deny");
        assert.match(denyPlain.Resource, /orthanc-prod-files-fs$/);
        assert.match(allow.Condition.StringEquals["elasticfilesystem:AccessPointArn"], /orthanc-prod-files-orthanc$/);
        assert.ok(!JSON.stringify(policy).includes("ClientRootAccess"));
        assert.deepEqual(only(prod.registrations, "aws:efs/backupPolicy:BackupPolicy").inputs.backupPolicy,
            { status: "ENABLED" });
    });

    it("exports the file system, access point and security groups", async () => {
        const fs = prod.result;
        assert.equal(await valueOf(fs.fileSystemId), "orthanc-prod-files-fs-id");
        assert.equal(await valueOf(fs.accessPointId), "orthanc-prod-files-orthanc-id");
        assert.equal(await valueOf(fs.clientSecurityGroupId), "orthanc-prod-files-client-sg-id");
        assert.equal(await valueOf(fs.securityGroupId), "orthanc-prod-files-sg-id");
        assert.equal(fs.mountTargets.length, 3);
    });
});
