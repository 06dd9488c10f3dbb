import { EnforcementLevel, PolicyComplianceFramework, Severity } from "@pulumi/policy";

/** HIPAA Security Rule (45 CFR Part 164, Subpart C) safeguards the pack's policies serve. */
export const SAFEGUARDS = {
    accessControl: { section: "§164.312(a)(1)", label: "access control", title: "Access control" },
    encryption: { section: "§164.312(a)(2)(iv)", label: "encryption", title: "Encryption and decryption" },
    auditControls: { section: "§164.312(b)", label: "audit controls", title: "Audit controls" },
    integrity: { section: "§164.312(c)(1)", label: "integrity", title: "Integrity" },
    transmissionSecurity: { section: "§164.312(e)(1)", label: "transmission security", title: "Transmission security" },
    contingencyPlan: { section: "§164.308(a)(7)", label: "contingency plan", title: "Contingency plan" },
} as const;

export type Safeguard = keyof typeof SAFEGUARDS;

/** The policy's `framework` metadata: shown by Pulumi Cloud next to each violation. */
export function hipaaFramework(safeguard: Safeguard): PolicyComplianceFramework {
    const { section, title } = SAFEGUARDS[safeguard];
    return { name: "HIPAA Security Rule", version: "45 CFR 164 Subpart C", reference: section, specification: title };
}

/**
 * The metadata every policy of the pack shares: a description that starts with the HIPAA section it serves, the
 * mandatory level (pack config may lower it per environment), severity and framework.
 */
export function safeguard(key: Safeguard, severity: Severity, summary: string): {
    description: string; enforcementLevel: EnforcementLevel; severity: Severity; framework: PolicyComplianceFramework;
} {
    const { section, label } = SAFEGUARDS[key];
    return {
        description: `${section} ${label}: ${summary}`,
        enforcementLevel: "mandatory",
        severity,
        framework: hipaaFramework(key),
    };
}
