/**
 * The audit trail's settings (`audit.*`): how long the Orthanc log group, which holds the audit lines, keeps them.
 * HIPAA §164.316(b)(2)(i) keeps required documentation six years from its creation; the audit trail is kept as
 * long, so a shorter retention is refused rather than warned about.
 */
import { LOG_RETENTION_DAYS } from "./awsLimits";
import { SectionReader } from "./fields";
import { AuditConfig } from "./types";

export const AUDIT_SETTINGS = ["logRetentionDays"] as const;

/** Six years of 365.25 days, CloudWatch's own 6-year value. */
export const MIN_AUDIT_RETENTION_DAYS = 2192;

/** The CloudWatch retention values of at least six years. */
export const AUDIT_RETENTION_DAYS = LOG_RETENTION_DAYS.filter((days) => days >= MIN_AUDIT_RETENTION_DAYS);

export function readAudit(section: SectionReader): AuditConfig {
    section.rejectUnknown(AUDIT_SETTINGS);
    const setting = section.path("logRetentionDays");
    if (!section.has("logRetentionDays")) return { logRetentionDays: MIN_AUDIT_RETENTION_DAYS };
    const days = section.oneOfNumbers("logRetentionDays", LOG_RETENTION_DAYS, MIN_AUDIT_RETENTION_DAYS);
    if (days < MIN_AUDIT_RETENTION_DAYS) {
        section.problems.invalid(setting, days, `the audit trail must be kept at least ${MIN_AUDIT_RETENTION_DAYS} days (6 years, ` +
            `HIPAA §164.316(b)(2)(i) documentation retention); use one of ${AUDIT_RETENTION_DAYS.join(", ")}`);
        return { logRetentionDays: MIN_AUDIT_RETENTION_DAYS };
    }
    return { logRetentionDays: days };
}
