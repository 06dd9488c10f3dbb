import { ResourceValidationPolicy } from "@pulumi/policy";
import { safeguard } from "../../lib/hipaa";
import { LOG_GROUP } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";
import { asNumber } from "../../lib/values";

export const DEFAULT_MINIMUM_LOG_RETENTION_DAYS = 90;

export interface LogRetentionConfig {
    minimumDays?: number;
}

/**
 * An explicit retention is required: "never expire" (no `retentionInDays`, or 0) keeps PHI-bearing logs forever,
 * against the minimum-necessary principle, and is usually an oversight rather than a decision.
 */
export const requireLogRetention: ResourceValidationPolicy = {
    name: "orthanc-log-retention",
    ...safeguard("auditControls", "medium", `CloudWatch log groups must keep events for at least `
        + "the configured number of days (`retentionInDays`, pack config `minimumDays`)."),
    remediationSteps: "Set `retentionInDays` (stack config `logRetentionDays`) to at least the minimum.",
    configSchema: {
        properties: { minimumDays: { type: "integer", minimum: 1, default: DEFAULT_MINIMUM_LOG_RETENTION_DAYS } },
    },
    validateResource: validateResourceOfTypes(LOG_GROUP, (props, args, reportViolation) => {
        const minimum = args.getConfig<LogRetentionConfig>().minimumDays ?? DEFAULT_MINIMUM_LOG_RETENTION_DAYS;
        const days = asNumber(props.retentionInDays);
        if (days === undefined || days === 0) {
            reportViolation(`'${args.name}' sets no retention (retentionInDays); set at least ${minimum} days.`);
        } else if (days < minimum) {
            reportViolation(`'${args.name}' keeps events ${days} days; the minimum is ${minimum}.`);
        }
    }),
};
