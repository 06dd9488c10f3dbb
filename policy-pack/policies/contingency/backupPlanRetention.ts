import { ResourceValidationPolicy } from "@pulumi/policy";
import { safeguard } from "../../lib/hipaa";
import { BACKUP_PLAN } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";
import { asArray, asNumber, asRecord, asString } from "../../lib/values";

export const DEFAULT_MINIMUM_BACKUP_PLAN_RETENTION_DAYS = 35;

export interface BackupPlanRetentionConfig {
    minimumRetentionDays?: number;
}

/**
 * True when an AWS Backup schedule runs at least once a day: `rate(n hours)` up to 24, `rate(1 day)`, or a cron
 * expression whose day-of-month and day-of-week fields both fire every day (AWS Backup developer guide, "Backup plan
 * options": cron(minutes hours day-of-month month day-of-week year)).
 */
export function runsDaily(schedule: string | undefined): boolean {
    if (schedule === undefined) {
        return false;
    }
    const rate = /^rate\((\d+) (minutes?|hours?|days?)\)$/.exec(schedule.trim());
    if (rate !== null) {
        const amount = Number(rate[1]);
        return rate[2].startsWith("minute") ? amount <= 1440 : rate[2].startsWith("hour") ? amount <= 24 : amount <= 1;
    }
    const cron = /^cron\((.+)\)$/.exec(schedule.trim());
    const fields = cron?.[1].trim().split(/\s+/) ?? [];
    if (fields.length !== 6) {
        return false;
    }
    const [, , dayOfMonth, month, dayOfWeek] = fields;
    const every = (field: string) => field === "*" || field === "?";
    return every(dayOfMonth) && every(month) && every(dayOfWeek);
}

/**
 * AWS Config backup-plan-min-frequency-and-min-retention-check with the floor from pack config: every rule of every
 * plan backs up at least daily and keeps recovery points (and their copies) at least `minimumRetentionDays`.
 */
export const requireBackupPlanRetention: ResourceValidationPolicy = {
    name: "orthanc-backup-plan-retention",
    ...safeguard("contingencyPlan", "high", "every AWS Backup plan rule must run at least daily and keep recovery "
        + "points and their copies at least the configured days (`lifecycle.deleteAfter`)."),
    remediationSteps: "Set each rule's `schedule` to a daily cron and `lifecycle.deleteAfter` (stack config "
        + "`backup.retentionDays`) to at least the minimum; copy actions too.",
    configSchema: {
        properties: { minimumRetentionDays: { type: "integer", minimum: 1, default: DEFAULT_MINIMUM_BACKUP_PLAN_RETENTION_DAYS } },
    },
    validateResource: validateResourceOfTypes(BACKUP_PLAN, (props, args, reportViolation) => {
        const minimum = args.getConfig<BackupPlanRetentionConfig>().minimumRetentionDays ?? DEFAULT_MINIMUM_BACKUP_PLAN_RETENTION_DAYS;
        const rules = asArray(props.rules).map(asRecord);
        if (rules.length === 0) {
            reportViolation(`'${args.name}' has no rules.`);
        }
        for (const rule of rules) {
            const name = asString(rule.ruleName) ?? "(unnamed)";
            if (!runsDaily(asString(rule.schedule))) {
                reportViolation(`'${args.name}' rule ${name} runs ${asString(rule.schedule) ?? "on no schedule"}, less than daily.`);
            }
            const kept: [string, unknown][] = [["recovery points", rule.lifecycle],
                ...asArray(rule.copyActions).map(asRecord).map((copy, i): [string, unknown] => [`copy ${i}`, copy.lifecycle])];
            for (const [what, lifecycle] of kept) {
                const days = asNumber(asRecord(lifecycle).deleteAfter);
                if (days !== undefined && days < minimum) {
                    reportViolation(`'${args.name}' rule ${name} keeps ${what} ${days} days; the minimum is ${minimum}.`);
                }
            }
        }
    }),
};
