import { ResourceValidationPolicy } from "@pulumi/policy";
import { safeguard } from "../../lib/hipaa";
import { LOG_GROUP } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";
import { asNumber } from "../../lib/values";

export const DEFAULT_MINIMUM_LOG_RETENTION_DAYS = 90;

/** The CloudWatch Logs value of `retentionInDays` that keeps events forever. */
const NEVER_EXPIRE = 0;

export interface LogRetentionConfig {
    minimumDays?: number;
}

/**
 * An explicit retention is required. `retentionInDays: 0` means "never expire", which keeps events longer than
 * any minimum and is accepted; an unset retention is an oversight, not a decision, and is reported.
 */
export const requireLogRetention: ResourceValidationPolicy = {
    name: "orthanc-log-retention",
    ...safeguard("auditControls", "medium", `CloudWatch log groups must set a retention of at least `
        + "the configured number of days (`retentionInDays`, pack config `minimumDays`), or 0 (never expire)."),
    remediationSteps: "Set `retentionInDays` (stack config `logRetentionDays`) to at least the minimum.",
    configSchema: {
        properties: { minimumDays: { type: "integer", minimum: 1, default: DEFAULT_MINIMUM_LOG_RETENTION_DAYS } },
    },
    validateResource: validateResourceOfTypes(LOG_GROUP, (props, args, reportViolation) => {
        const minimum = args.getConfig<LogRetentionConfig>().minimumDays ?? DEFAULT_MINIMUM_LOG_RETENTION_DAYS;
        const days = asNumber(props.retentionInDays);
        if (days === undefined) {
            reportViolation(`'${args.name}' sets no retention (retentionInDays); set at least ${minimum} days.`);
        } else if (days !== NEVER_EXPIRE && days < minimum) {
            reportViolation(`'${args.name}' keeps events ${days} days; the minimum is ${minimum}.`);
        }
    }),
};
