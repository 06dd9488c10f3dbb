/** The day-two settings: alarms, backups and their copies, image supply, deployments, restores, the pipeline's concurrency. */
import * as assert from "assert";
import { parseStackConfig, StackConfigError } from "../../config/parse";
import { deploymentNotices } from "../../config/notices";

function raw(settings: Record<string, unknown> = {}): Record<string, string> {
    // eu-west-1 has no prices in the table, so the budget needs an amount or none (test/cost covers that rule).
    const base: Record<string, unknown> = { endpoint: { allowedCidrs: ["203.0.113.0/24"] }, budget: { enabled: false }, ...settings };
    return { "aws:region": "eu-west-1", ...Object.fromEntries(Object.entries(base).map(([key, value]) => [`orthanc-aws:${key}`, typeof value === "string" ? value : JSON.stringify(value)])) };
}

function problems(settings: Record<string, unknown>): string[] {
    try {
        parseStackConfig(raw(settings), "test");
    } catch (error) {
        assert.ok(error instanceof StackConfigError);
        return error.problems;
    }
    return [];
}

const CREDENTIAL = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:ecr-pullthroughcache/docker-hub-AbC123";

describe("day-two settings", () => {
    it("defaults: no alarm e-mail, mirrored image, rolling deployments, no reserved concurrency, governance lock when protected", () => {
        const config = parseStackConfig(raw(), "test");
        assert.deepStrictEqual(config.alarms, { email: undefined, fromLegacySetting: false });
        assert.deepStrictEqual([config.compute.imageSource, config.compute.deployment, config.compute.maintenanceStartSeconds], ["mirror", "rolling", 1800]);
        assert.deepStrictEqual(config.metadataPipeline, { enabled: false, maxConcurrency: 5, reservedConcurrency: undefined });
        assert.deepStrictEqual(config.backup, { retentionDays: 35, copy: undefined, vaultLock: "governance" });
        assert.deepStrictEqual([config.database.allowMajorVersionUpgrade, config.database.restoreSnapshot, config.storage.efsRestoredDirectory], [false, undefined, undefined]);
        assert.strictEqual(parseStackConfig(raw({ protectDataStores: false }), "test").backup.vaultLock, "none");
    });

    it("keeps metadataPipeline.alarmEmail's address as alarms.email, and refuses both", () => {
        const legacy = parseStackConfig(raw({ metadataPipeline: { alarmEmail: "pacs@example.org" } }), "test");
        assert.deepStrictEqual(legacy.alarms, { email: "pacs@example.org", fromLegacySetting: true });
        assert.ok(deploymentNotices(legacy).some((notice) => notice.topic === "alarms" && notice.level === "warning"));
        assert.deepStrictEqual(problems({ alarms: { email: "a@example.org" }, metadataPipeline: { alarmEmail: "b@example.org" } }),
            ["metadataPipeline.alarmEmail: was replaced by alarms.email (every alarm of the stack goes to one topic); remove metadataPipeline.alarmEmail"]);
        assert.deepStrictEqual(problems({ alarms: { email: "not-an-address", pager: true } }), [
            "alarms.pager: unknown setting; known settings here are alarms.email",
            "alarms.email: \"not-an-address\" is not allowed; use an e-mail address",
        ]);
    });

    it("caps the indexer by the event source, and a reservation must cover it", () => {
        assert.deepStrictEqual(parseStackConfig(raw({ metadataPipeline: { reservedConcurrency: 3 } }), "test").metadataPipeline,
            { enabled: false, maxConcurrency: 3, reservedConcurrency: 3 });
        assert.deepStrictEqual(problems({ metadataPipeline: { maxConcurrency: 8, reservedConcurrency: 4 } }), [
            "metadataPipeline.reservedConcurrency: 4 is not allowed; use at least metadataPipeline.maxConcurrency (8), or remove it: invocations beyond the reservation are throttled into the dead-letter queue",
        ]);
        assert.deepStrictEqual(problems({ metadataPipeline: { maxConcurrency: 1 } }), ["metadataPipeline.maxConcurrency: 1 is not allowed; use a whole number from 2 to 1000"]);
    });

    it("copies recovery points to another region or an existing vault, never both, never the same region", () => {
        assert.deepStrictEqual(parseStackConfig(raw({ backup: { copyRegion: "eu-central-1", copyRetentionDays: 90 } }), "test").backup.copy,
            { region: "eu-central-1", vaultArn: undefined, retentionDays: 90 });
        const vaultArn = "arn:aws:backup:eu-central-1:444455556666:backup-vault:pacs-copies";
        assert.deepStrictEqual(parseStackConfig(raw({ backup: { copyVaultArn: vaultArn, retentionDays: 30 } }), "test").backup.copy,
            { region: undefined, vaultArn, retentionDays: 30 });
        assert.deepStrictEqual(problems({ backup: { copyRegion: "eu-west-1" } }),
            ["backup.copyRegion: \"eu-west-1\" is not allowed; use a region other than aws:region: a copy in the same region survives no regional outage"]);
        assert.deepStrictEqual(problems({ backup: { copyRegion: "eu-central-1", copyVaultArn: vaultArn } }),
            ["backup.copyRegion: and backup.copyVaultArn are exclusive: a region for a vault this stack creates, or another account's vault"]);
        assert.deepStrictEqual(problems({ backup: { copyRetentionDays: 10 } }), ["backup.copyRetentionDays: needs backup.copyRegion or backup.copyVaultArn"]);
        assert.deepStrictEqual(problems({ backup: { copyVaultArn: "pacs-copies" } }),
            ["backup.copyVaultArn: \"pacs-copies\" is not allowed; use the ARN of an AWS Backup vault, arn:aws:backup:<region>:<account>:backup-vault:<name>"]);
    });

    it("locks vaults only while the stores are protected; a compliance lock needs a real retention", () => {
        assert.deepStrictEqual(problems({ protectDataStores: false, backup: { vaultLock: "governance" } }),
            ["backup.vaultLock: \"governance\" is not allowed; a locked vault cannot be destroyed with its recovery points; use none while protectDataStores is false"]);
        assert.deepStrictEqual(problems({ backup: { vaultLock: "compliance", retentionDays: 3 } }),
            ["backup.retentionDays: 3 is not allowed; use at least 7 with backup.vaultLock compliance: a compliance lock can never be shortened or removed"]);
        assert.deepStrictEqual(problems({ backup: { vaultLock: "forever" } }), ["backup.vaultLock: \"forever\" is not allowed; use one of none, governance, compliance"]);
    });

    it("never pulls Docker Hub anonymously: registry is refused for a Docker Hub image, the cache needs its credential", () => {
        assert.deepStrictEqual(problems({ compute: { imageSource: "registry" } }), [
            "compute.imageSource: \"registry\" would pull \"orthancteam/orthanc:26.8.1\" anonymously from Docker Hub at every task start, which Docker Hub rate-limits per address (all tasks share the NAT's); use \"mirror\" or \"pullThroughCache\"",
        ]);
        assert.deepStrictEqual(problems({ compute: { imageSource: "registry", image: "111122223333.dkr.ecr.eu-west-1.amazonaws.com/orthanc:26.8.1" } }), []);
        assert.deepStrictEqual(problems({ compute: { imageSource: "pullThroughCache" } }), [
            "compute.pullThroughCacheCredentialArn: is required with compute.imageSource \"pullThroughCache\": ECR authenticates to Docker Hub with a Secrets Manager secret named ecr-pullthroughcache/… holding {\"username\", \"accessToken\"} (see docs/operations.md)",
        ]);
        assert.deepStrictEqual(problems({ compute: { imageSource: "pullThroughCache", pullThroughCacheCredentialArn: CREDENTIAL } }), []);
        assert.deepStrictEqual(problems({ compute: { pullThroughCacheCredentialArn: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:docker-hub" } }), [
            "compute.pullThroughCacheCredentialArn: \"arn:aws:secretsmanager:eu-west-1:111122223333:secret:docker-hub\" is not allowed; use the ARN of a Secrets Manager secret whose name starts with ecr-pullthroughcache/ (ECR reads no other)",
        ]);
    });

    it("reads the old compute.mirrorImage as the image source it meant, and refuses it beside compute.imageSource", () => {
        assert.strictEqual(parseStackConfig(raw({ compute: { mirrorImage: true } }), "test").compute.imageSource, "mirror");
        assert.deepStrictEqual(problems({ compute: { mirrorImage: false } })[0]?.startsWith("compute.imageSource: \"registry\" would pull"), true);
        assert.deepStrictEqual(problems({ compute: { mirrorImage: true, imageSource: "mirror" } }), ["compute.mirrorImage: was replaced by compute.imageSource; remove it"]);
    });

    it("validates deployments and restores, naming the setting", () => {
        assert.deepStrictEqual(problems({ compute: { deployment: "blue-green", maintenanceStartSeconds: 60 } }), [
            "compute.deployment: \"blue-green\" is not allowed; use one of rolling, maintenance",
            "compute.maintenanceStartSeconds: 60 is not allowed; use a whole number from 300 to 7200",
        ]);
        const snapshot = "arn:aws:rds:eu-west-1:111122223333:snapshot:awsbackup:job-0123abcd-4567-89ef-0123-456789abcdef";
        assert.strictEqual(parseStackConfig(raw({ database: { restoreSnapshot: snapshot } }), "test").database.restoreSnapshot, snapshot);
        assert.deepStrictEqual(problems({ database: { restoreSnapshot: "../etc" } }), [
            "database.restoreSnapshot: \"../etc\" is not allowed; use an RDS snapshot identifier or ARN, e.g. an AWS Backup recovery point arn:aws:rds:<region>:<account>:snapshot:awsbackup:job-…",
        ]);
        assert.deepStrictEqual(problems({ storage: { backend: "s3", efsRestoredDirectory: "aws-backup-restore_2026-12-01T10-00-00-000Z" } }),
            ["storage.efsRestoredDirectory: restores the EFS file store, but storage.backend is \"s3\""]);
        assert.deepStrictEqual(problems({ storage: { backend: "efs", efsRestoredDirectory: "/etc" } }), [
            "storage.efsRestoredDirectory: \"/etc\" is not allowed; use the name of the directory AWS Backup restored into, aws-backup-restore_<timestamp> (see docs/operations.md#restore)",
        ]);
    });

    it("tells the operator what destroy deletes or refuses, where the image comes from, and how the certificate renews", () => {
        const dev = deploymentNotices(parseStackConfig(raw({ protectDataStores: false, database: { deletionProtection: false }, storage: { backend: "efs" } }), "test"));
        assert.deepStrictEqual(dev.map((notice) => [notice.topic, notice.level]), [["certificate", "info"], ["image", "info"], ["teardown", "warning"]]);
        assert.match(dev[2].text, /^protectDataStores is false: pulumi destroy deletes, with their data, the database \(RDS\), file system \(EFS\),/);
        const prod = deploymentNotices(parseStackConfig(raw({ endpoint: { allowedCidrs: ["203.0.113.0/24"], domainName: "pacs.example.org", hostedZoneId: "Z0123456789ABCDEFGHIJ" } }), "test"));
        assert.deepStrictEqual(prod[0], { level: "info", topic: "certificate", text: "ACM issues and renews the certificates of pacs.example.org (web) and dicom.pacs.example.org (DICOM TLS) itself: no action needed (an alarm fires if renewal fails)." });
        assert.match(prod[2].text, /^pulumi destroy refuses to delete the protected stores: database \(RDS\), image bucket \(S3\),.* To release them: pulumi config set protectDataStores false/);
        const selfSignedProtected = deploymentNotices(parseStackConfig(raw(), "test"));
        assert.strictEqual(selfSignedProtected[0].level, "warning", "a protected (production) stack is warned about its self-signed certificate");
    });
});
