import { PolicyResource, StackValidationArgs, StackValidationPolicy, UnknownValueError } from "@pulumi/policy";
import { DEFAULT_PHI_CLASSIFICATIONS, isPhi } from "../../lib/classification";
import { settingsFor } from "../../lib/correlate";
import { safeguard } from "../../lib/hipaa";
import { isDeclaredLogArchive } from "../../lib/logDeliveryBuckets";
import { wildcardMatches } from "../../lib/wildcard";
import { BACKUP_SELECTION, DYNAMODB_TABLE, EFS_BACKUP_POLICY, EFS_FILE_SYSTEM, RDS_CLUSTER, RDS_INSTANCE, S3_BUCKET } from "../../lib/resourceTypes";
import { forEachDecidable, resourcesOfTypes } from "../../lib/validate";
import { asArray, asRecord, asString } from "../../lib/values";

/** Store kinds, by the name pack config uses to list the ones that must be backed up. */
export const STORE_KINDS: Record<string, readonly string[]> = {
    rds: [...RDS_INSTANCE, ...RDS_CLUSTER],
    efs: EFS_FILE_SYSTEM,
    dynamodb: DYNAMODB_TABLE,
    s3: S3_BUCKET,
};

export interface BackupCoverageConfig {
    storeKinds?: string[];
}

/**
 * True when a selection names the store: through `propertyDependencies.resources` (a real preview, where a new
 * store's ARN is unknown), its ARN (wildcards allowed), or a tag condition the store carries.
 */
function selects(selection: PolicyResource, store: PolicyResource): boolean {
    if ((selection.propertyDependencies?.resources ?? []).some(dependency => dependency.urn === store.urn)) {
        return true;
    }
    const arn = storeArn(store);
    const tags = asRecord(store.props.tagsAll ?? store.props.tags);
    const byArn = arn !== undefined && asArray(selection.props.resources).some(r => typeof r === "string" && wildcardMatches(r, arn))
        && !asArray(selection.props.notResources).some(r => typeof r === "string" && wildcardMatches(r, arn));
    const byTag = asArray(selection.props.selectionTags).map(asRecord).some(t =>
        t.type === "STRINGEQUALS" && typeof t.key === "string" && tags[t.key] === t.value);
    return byArn || byTag;
}

/**
 * The store's ARN. A new bucket's ARN is unknown in preview, but S3 ARNs carry only the bucket's name
 * (`arn:aws:s3:::<bucket>`, S3 user guide "Policy resources"), which is known once auto-named.
 */
function storeArn(store: PolicyResource): string | undefined {
    try {
        return asString(store.props.arn);
    } catch (error) {
        const name = error instanceof UnknownValueError && S3_BUCKET.includes(store.type) ? asString(store.props.bucket) : undefined;
        if (name === undefined) {
            throw error;
        }
        return `arn:aws:s3:::${name}`;
    }
}

/** EFS's own automatic backups (`aws.efs.BackupPolicy` ENABLED) put the file system in AWS Backup's default plan. */
function efsAutomaticBackups(store: PolicyResource, args: StackValidationArgs): boolean {
    return settingsFor(store, resourcesOfTypes(args, EFS_BACKUP_POLICY), "fileSystemId", []).some(p =>
        asRecord(p.props.backupPolicy).status === "ENABLED");
}

/**
 * AWS Config rds-in-backup-plan, efs-in-backup-plan, dynamodb-in-backup-plan (and S3 for PHI buckets): each PHI store
 * of the configured kinds is in a backup selection of the stack.
 */
export const requireDataStoresInBackupPlan: StackValidationPolicy = {
    name: "orthanc-data-stores-in-backup-plan",
    ...safeguard("contingencyPlan", "high", "every PHI store (RDS, EFS, DynamoDB, S3) must be in an AWS Backup "
        + "selection of the stack (by ARN or tag), or for EFS have automatic backups on."),
    remediationSteps: "Add the store's ARN to an `aws.backup.Selection`'s `resources`.",
    configSchema: {
        properties: { storeKinds: { type: "array", items: { type: "string", enum: Object.keys(STORE_KINDS) }, default: Object.keys(STORE_KINDS) } },
    },
    validateStack: (args, reportViolation) => {
        const kinds = args.getConfig<BackupCoverageConfig>().storeKinds ?? Object.keys(STORE_KINDS);
        const types = kinds.flatMap(kind => STORE_KINDS[kind] ?? []);
        const selections = resourcesOfTypes(args, BACKUP_SELECTION);
        const stores = resourcesOfTypes(args, types).filter(s => isPhi(asRecord(s.props), DEFAULT_PHI_CLASSIFICATIONS) && !isDeclaredLogArchive(s));
        forEachDecidable(stores, store => {
            if (selections.some(selection => selects(selection, store))) {
                return;
            }
            if (EFS_FILE_SYSTEM.includes(store.type) && efsAutomaticBackups(store, args)) {
                return;
            }
            reportViolation(`PHI store '${store.name}' is in no AWS Backup selection of the stack.`, store.urn);
        });
    },
};
