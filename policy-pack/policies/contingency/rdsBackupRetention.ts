import { ResourceValidationPolicy } from "@pulumi/policy";
import { safeguard } from "../../lib/hipaa";
import { RDS_CLUSTER, RDS_INSTANCE } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";
import { asNumber, isSet } from "../../lib/values";

export const DEFAULT_MINIMUM_BACKUP_RETENTION_DAYS = 7;

export interface BackupRetentionConfig {
    minimumDays?: number;
}

export const requireRdsBackupRetention: ResourceValidationPolicy = {
    name: "orthanc-rds-backup-retention",
    ...safeguard("contingencyPlan", "high", `RDS instances and Aurora clusters must keep `
        + "automated backups at least the configured number of days (`backupRetentionPeriod`, default minimum 7)."),
    remediationSteps: "Set `backupRetentionPeriod` (stack config `database.backupRetentionDays`) to at least the minimum.",
    configSchema: {
        properties: { minimumDays: { type: "integer", minimum: 1, default: DEFAULT_MINIMUM_BACKUP_RETENTION_DAYS } },
    },
    validateResource: validateResourceOfTypes([...RDS_INSTANCE, ...RDS_CLUSTER], (props, args, reportViolation) => {
        if (isSet(props.replicateSourceDb)) {
            args.notApplicable("Read replicas are backed up through their source database");
        }
        const minimum = args.getConfig<BackupRetentionConfig>().minimumDays ?? DEFAULT_MINIMUM_BACKUP_RETENTION_DAYS;
        const days = asNumber(props.backupRetentionPeriod);
        if (days === undefined || days < minimum) {
            reportViolation(`'${args.name}' keeps backups ${days === undefined ? "for the engine default (not set)" : `${days} days`}; the minimum is ${minimum}.`);
        }
    }),
};
