/** Backups of every PHI store, copies to a second region or account, Vault Lock, and what `pulumi destroy` may delete. */
import * as assert from "node:assert/strict";
import { evaluateStack } from "../../tools/offline/evaluate";
import type { Plan } from "../../tools/offline/planTypes";
import { jsonInput, named, ofType, single } from "../support/planQueries";

const VAULT = "aws:backup/vault:Vault";

describe("backups, copies, locks and teardown (mocks)", () => {
    let dev: Plan;
    let prod: Plan;
    before(async () => {
        dev = await evaluateStack("dev");
        prod = await evaluateStack("prod", { backup: { copyRegion: "us-west-2", copyRetentionDays: 730 } });
    });

    it("selects every PHI store: database and file system in dev; database, image bucket and header table in prod", () => {
        const selected = (plan: Plan) => single(plan, "aws:backup/selection:Selection").inputs.resources;
        assert.deepEqual(selected(dev), [single(dev, "aws:rds/instance:Instance").outputs.arn, single(dev, "aws:efs/fileSystem:FileSystem").outputs.arn]);
        assert.deepEqual(selected(prod), [
            single(prod, "aws:rds/instance:Instance").outputs.arn,
            named(prod, "orthanc-prod-objects-images").outputs.arn,
            single(prod, "aws:dynamodb/table:Table").outputs.arn,
        ]);
    });

    it("turns EFS's own automatic backups off: the stack's plan is the only one", () => {
        assert.deepEqual(single(dev, "aws:efs/backupPolicy:BackupPolicy").inputs.backupPolicy, { status: "DISABLED" });
    });

    it("copies every recovery point into a vault in the second region, under a key of its own there", () => {
        const provider = named(prod, "orthanc-prod-backup-copy-provider");
        assert.equal(provider.inputs.region, "us-west-2");
        const key = named(prod, "orthanc-prod-backup-copy-key");
        const copyVault = named(prod, "orthanc-prod-backup-copy-vault");
        assert.deepEqual([key.options.provider, copyVault.options.provider].map((urn) => urn?.endsWith("orthanc-prod-backup-copy-provider")), [true, true]);
        assert.deepEqual([key.inputs.enableKeyRotation, copyVault.inputs.kmsKeyArn, copyVault.inputs.name],
            [true, key.outputs.arn, "orthanc-prod-backup-vault-copy"]);
        assert.equal(copyVault.options.protect, true);
        const [rule] = single(prod, "aws:backup/plan:Plan").inputs.rules as Array<Record<string, unknown>>;
        assert.deepEqual(rule.copyActions, [{ destinationVaultArn: copyVault.outputs.arn, lifecycle: { deleteAfter: 730 } }]);
        assert.equal(prod.outputs.backupCopyVaultArn, copyVault.outputs.arn);
        assert.deepEqual((single(dev, "aws:backup/plan:Plan").inputs.rules as Array<Record<string, unknown>>)[0].copyActions, []);
    });

    it("copies into another account's vault without creating one", async () => {
        const vaultArn = "arn:aws:backup:us-west-2:444455556666:backup-vault:pacs-copies";
        const plan = await evaluateStack("prod", { backup: { copyVaultArn: vaultArn } });
        assert.equal(ofType(plan, VAULT).length, 1);
        const [rule] = single(plan, "aws:backup/plan:Plan").inputs.rules as Array<Record<string, unknown>>;
        assert.deepEqual(rule.copyActions, [{ destinationVaultArn: vaultArn, lifecycle: { deleteAfter: 365 } }]);
    });

    it("locks protected vaults with the plan's retention as the floor (governance by default, compliance on request)", async () => {
        const locks = ofType(prod, "aws:backup/vaultLockConfiguration:VaultLockConfiguration").sort((a, b) => String(a.inputs.backupVaultName).localeCompare(String(b.inputs.backupVaultName)));
        assert.deepEqual(locks.map((lock) => [lock.inputs.backupVaultName, lock.inputs.minRetentionDays, lock.inputs.changeableForDays]), [
            ["orthanc-prod-backup-vault", 365, undefined],
            ["orthanc-prod-backup-vault-copy", 730, undefined],
        ]);
        const compliance = await evaluateStack("prod", { backup: { vaultLock: "compliance" } });
        assert.equal(single(compliance, "aws:backup/vaultLockConfiguration:VaultLockConfiguration").inputs.changeableForDays, 3);
        assert.equal(ofType(dev, "aws:backup/vaultLockConfiguration:VaultLockConfiguration").length, 0);
    });

    it("lets `pulumi destroy` of an unprotected stack delete its data: vault, buckets and repository are force-destroyed", () => {
        assert.deepEqual([single(dev, VAULT).inputs.forceDestroy, single(dev, VAULT).options.protect], [true, false]);
        assert.deepEqual(ofType(dev, "aws:s3/bucket:Bucket").map((bucket) => [bucket.name, bucket.inputs.forceDestroy, bucket.options.protect]).sort(),
            [["orthanc-dev-endpoint-access-logs", true, false], ["orthanc-dev-trail-bucket", true, false], ["orthanc-dev-web-access-logs", true, false]]);
        // The mirrors of the Orthanc image, the auth-service sidecar's and Keycloak's two images.
        assert.deepEqual(ofType(dev, "aws:ecr/repository:Repository").map((repository) => [repository.name, repository.inputs.forceDelete]).sort(), [
            ["orthanc-dev-keycloak-image-psql-repository", true], ["orthanc-dev-keycloak-image-repository", true],
            ["orthanc-dev-orthanc-auth-service-image-repository", true], ["orthanc-dev-orthanc-image-repository", true],
        ]);
        const database = single(dev, "aws:rds/instance:Instance");
        assert.deepEqual([database.inputs.deletionProtection, database.inputs.skipFinalSnapshot], [false, false]);
    });

    it("keeps a protected stack's stores: protected, never force-destroyed, with the reason in the stack's notices", () => {
        for (const vault of ofType(prod, VAULT)) assert.deepEqual([vault.inputs.forceDestroy, vault.options.protect], [false, true]);
        for (const bucket of ofType(prod, "aws:s3/bucket:Bucket")) assert.deepEqual([bucket.inputs.forceDestroy, bucket.options.protect], [false, true], bucket.name);
        const notices = prod.outputs.operatorNotices as string[];
        assert.ok(notices.some((notice) => notice.startsWith("info: teardown: pulumi destroy refuses to delete the protected stores: database (RDS), image bucket (S3)")));
        assert.ok((dev.outputs.operatorNotices as string[]).some((notice) => notice.startsWith("warning: teardown: protectDataStores is false: pulumi destroy deletes, with their data,")));
        assert.deepEqual(jsonInput(named(prod, "orthanc-prod-backup-vault-policy"), "policy").Statement[0].Sid, "DenyRecoveryPointDeletion");
    });
});
