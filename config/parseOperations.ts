/**
 * Readers of the settings that keep a running stack healthy (alarms, backups and their copies, the pipeline's
 * concurrency) and the checks across sections that day-two operations need: image supply, restores, locks.
 */
import { ConfigProblems, SectionReader, show } from "./fields";
import {
    AlarmsConfig, BackupConfig, BackupCopyConfig, ImageSource, MetadataPipelineConfig, StackConfig, VaultLockMode,
} from "./types";
import { parseImageReference, privateEcrRepositoryArn } from "../components/compute/imageReference";
import * as aws from "@pulumi/aws";

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const BACKUP_VAULT_ARN = /^arn:aws[a-z-]*:backup:[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d:\d{12}:backup-vault:[A-Za-z0-9_-]{2,50}$/;

export const ALARMS_SETTINGS = ["email"] as const;
export const BACKUP_SETTINGS = ["retentionDays", "copyRegion", "copyVaultArn", "copyRetentionDays", "vaultLock"] as const;
/** `alarmEmail` is the old name of `alarms.email`, still read so that existing stacks keep their subscription. */
export const METADATA_PIPELINE_SETTINGS = ["enabled", "maxConcurrency", "reservedConcurrency", "alarmEmail"] as const;

/** Docker Hub, as an image reference names it: no registry host, or one of the hub's own hosts. */
export function isDockerHubImage(image: string): boolean {
    const { registry } = parseImageReference(image);
    return registry === undefined || ["docker.io", "index.docker.io", "registry-1.docker.io"].includes(registry);
}

export function readAlarms(section: SectionReader, pipeline: SectionReader): AlarmsConfig {
    section.rejectUnknown(ALARMS_SETTINGS);
    const email = section.text("email", EMAIL, "use an e-mail address");
    const legacy = pipeline.text("alarmEmail", EMAIL, "use an e-mail address");
    if (legacy !== undefined && email !== undefined) {
        pipeline.problems.add(pipeline.path("alarmEmail"), `was replaced by alarms.email (every alarm of the stack goes to one topic); remove ${pipeline.path("alarmEmail")}`);
    }
    return { email: email ?? legacy, fromLegacySetting: email === undefined && legacy !== undefined };
}

export function readMetadataPipeline(section: SectionReader): MetadataPipelineConfig {
    section.rejectUnknown(METADATA_PIPELINE_SETTINGS);
    const reservedConcurrency = section.has("reservedConcurrency") ? section.integer("reservedConcurrency", 2, 1000, 5) : undefined;
    // The event source's maximumConcurrency alone caps the indexer: AWS accepts 2–1000.
    const maxConcurrency = section.integer("maxConcurrency", 2, 1000, Math.min(reservedConcurrency ?? 5, 5));
    if (reservedConcurrency !== undefined && reservedConcurrency < maxConcurrency) {
        section.problems.invalid(section.path("reservedConcurrency"), reservedConcurrency,
            `use at least ${section.path("maxConcurrency")} (${maxConcurrency}), or remove it: invocations beyond the reservation are throttled into the dead-letter queue`);
    }
    return { enabled: section.boolean("enabled", false), maxConcurrency, reservedConcurrency };
}

export function readBackup(section: SectionReader, protectDataStores: boolean, region: string | undefined): BackupConfig {
    section.rejectUnknown(BACKUP_SETTINGS);
    const retentionDays = section.integer("retentionDays", 1, 36500, 35);
    const copyRegion = section.text("copyRegion", /^[a-z0-9-]+$/, "use an AWS region code such as us-west-2");
    if (copyRegion !== undefined && !(Object.values(aws.Region) as string[]).includes(copyRegion)) {
        section.problems.invalid(section.path("copyRegion"), copyRegion, "use an AWS region code such as us-west-2 (the AWS provider's aws.Region list)");
    }
    const copyVaultArn = section.text("copyVaultArn", BACKUP_VAULT_ARN, "use the ARN of an AWS Backup vault, arn:aws:backup:<region>:<account>:backup-vault:<name>");
    const copyRetentionDays = section.integer("copyRetentionDays", 1, 36500, retentionDays);
    if (copyRegion !== undefined && copyVaultArn !== undefined) {
        section.problems.add(section.path("copyRegion"), `and ${section.path("copyVaultArn")} are exclusive: a region for a vault this stack creates, or another account's vault`);
    }
    if (copyRegion !== undefined && copyRegion === region) {
        section.problems.invalid(section.path("copyRegion"), copyRegion, "use a region other than aws:region: a copy in the same region survives no regional outage");
    }
    if (section.has("copyRetentionDays") && copyRegion === undefined && copyVaultArn === undefined) {
        section.problems.add(section.path("copyRetentionDays"), `needs ${section.path("copyRegion")} or ${section.path("copyVaultArn")}`);
    }
    const copy: BackupCopyConfig | undefined = copyRegion !== undefined || copyVaultArn !== undefined
        ? { region: copyRegion, vaultArn: copyVaultArn, retentionDays: copyRetentionDays }
        : undefined;
    const vaultLock = section.enumOf<VaultLockMode>("vaultLock", ["none", "governance", "compliance"], protectDataStores ? "governance" : "none");
    if (vaultLock !== "none" && !protectDataStores) {
        section.problems.invalid(section.path("vaultLock"), vaultLock, "a locked vault cannot be destroyed with its recovery points; use none while protectDataStores is false");
    }
    return { retentionDays, copy, vaultLock };
}

/** Checks that need the whole configuration: where the image comes from, what a restore starts from. */
export function checkOperations(config: StackConfig, problems: ConfigProblems): void {
    const { compute, storage } = config;
    const fromDockerHub = isDockerHubImage(compute.image);
    const source: ImageSource = compute.imageSource;
    if (source === "registry" && fromDockerHub) {
        problems.add("compute.imageSource", `"registry" would pull ${show(compute.image)} anonymously from Docker Hub at every task start, which Docker Hub rate-limits per address (all tasks share the NAT's); use "mirror" or "pullThroughCache"`);
    }
    if (source === "pullThroughCache") {
        if (privateEcrRepositoryArn(compute.image, "aws") !== undefined || !fromDockerHub) {
            problems.add("compute.imageSource", `"pullThroughCache" caches Docker Hub images; ${show(compute.image)} is not one: use "registry" for an image from your ECR or another registry`);
        }
        const prefix = `${config.namespace}-${config.stack}-hub`;
        if (prefix.length > 30) {
            problems.add("compute.imageSource", `"pullThroughCache" names its ECR prefix ${show(prefix.toLowerCase())}, longer than ECR's 30 characters; shorten namespace or the stack name`);
        }
        if (compute.pullThroughCacheCredentialArn === undefined) {
            problems.add("compute.pullThroughCacheCredentialArn", "is required with compute.imageSource \"pullThroughCache\": ECR authenticates to Docker Hub with a Secrets Manager secret named ecr-pullthroughcache/… holding {\"username\", \"accessToken\"} (see docs/operations.md)");
        }
    } else if (compute.pullThroughCacheCredentialArn !== undefined) {
        problems.add("compute.pullThroughCacheCredentialArn", "is used only with compute.imageSource \"pullThroughCache\"");
    }
    if (storage.efsRestoredDirectory !== undefined && storage.backend !== "efs") {
        problems.add("storage.efsRestoredDirectory", `restores the EFS file store, but storage.backend is ${show(storage.backend)}`);
    }
    if (config.backup.vaultLock === "compliance" && config.backup.retentionDays < 7) {
        problems.invalid("backup.retentionDays", config.backup.retentionDays, "use at least 7 with backup.vaultLock compliance: a compliance lock can never be shortened or removed");
    }
}
