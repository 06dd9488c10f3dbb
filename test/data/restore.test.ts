/** The restore path under mocks: what `database.restoreSnapshot` and `storage.efsRestoredDirectory` make `pulumi up` do. */
import * as assert from "node:assert/strict";
import { accessPointRoot } from "../../components/data/efsSettings";
import { evaluateStack } from "../../tools/offline/evaluate";
import type { Plan } from "../../tools/offline/planTypes";
import { single } from "../support/planQueries";

const RECOVERY_POINT = "arn:aws:rds:us-east-1:123456789012:snapshot:awsbackup:job-0123abcd-4567-89ef-0123-456789abcdef";
const RESTORED = "aws-backup-restore_2026-12-01T10-15-00-000Z";

describe("restore from a recovery point (mocks)", () => {
    let plain: Plan;
    let restored: Plan;
    before(async () => {
        plain = await evaluateStack("dev");
        restored = await evaluateStack("dev", { database: { restoreSnapshot: RECOVERY_POINT }, storage: { efsRestoredDirectory: RESTORED } });
    });

    it("creates the database from the snapshot, still encrypted with the data key, TLS-only, managed password and final snapshot", () => {
        const before = single(plain, "aws:rds/instance:Instance").inputs;
        const after = single(restored, "aws:rds/instance:Instance").inputs;
        assert.equal(before.snapshotIdentifier, undefined);
        assert.equal(after.snapshotIdentifier, RECOVERY_POINT);
        for (const key of ["kmsKeyId", "storageEncrypted", "manageMasterUserPassword", "masterUserSecretKmsKeyId", "parameterGroupName", "identifier", "deletionProtection"]) {
            assert.deepEqual(after[key], before[key], key);
        }
        assert.equal(after.skipFinalSnapshot, false);
    });

    it("gives the new instance a new final-snapshot name, so that its own deletion never collides with the old one's", () => {
        const suffix = (plan: Plan) => single(plan, "random:index/randomId:RandomId").inputs.keepers as Record<string, unknown>;
        assert.equal(suffix(plain).snapshotIdentifier, undefined, "stacks that never restored keep their suffix");
        assert.equal(suffix(restored).snapshotIdentifier, RECOVERY_POINT);
    });

    it("points the access point, and so the tasks and the file-system policy, at the restored directory of the same file system", () => {
        assert.equal(accessPointRoot("/orthanc-storage", undefined), "/orthanc-storage");
        const accessPoint = single(restored, "aws:efs/accessPoint:AccessPoint");
        assert.equal((accessPoint.inputs.rootDirectory as { path: string }).path, `/${RESTORED}/orthanc-storage`);
        assert.equal(single(restored, "aws:efs/fileSystem:FileSystem").urn, single(plain, "aws:efs/fileSystem:FileSystem").urn, "the file system itself stays");
        const volume = single(restored, "aws:ecs/taskDefinition:TaskDefinition", "-orthanc-task-definition").inputs.volumes as Array<{ efsVolumeConfiguration: { authorizationConfig: { accessPointId: string } } }>;
        assert.equal(volume[0].efsVolumeConfiguration.authorizationConfig.accessPointId, accessPoint.outputs.id);
        assert.ok((restored.outputs.operatorNotices as string[]).some((notice) => notice.includes(`the database is created from ${RECOVERY_POINT}`)));
    });
});
