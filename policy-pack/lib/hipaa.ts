import { PolicyComplianceFramework } from "@pulumi/policy";

/** HIPAA Security Rule (45 CFR Part 164, Subpart C) sections the pack's policies serve. */
export const HIPAA_SECTIONS = {
    accessControl: "§164.312(a)(1)",
    encryption: "§164.312(a)(2)(iv)",
    auditControls: "§164.312(b)",
    integrity: "§164.312(c)(1)",
    transmissionSecurity: "§164.312(e)(1)",
    contingencyPlan: "§164.308(a)(7)",
} as const;

const SECTION_TITLES: Record<string, string> = {
    "§164.312(a)(1)": "Access control",
    "§164.312(a)(2)(iv)": "Encryption and decryption",
    "§164.312(b)": "Audit controls",
    "§164.312(c)(1)": "Integrity",
    "§164.312(e)(1)": "Transmission security",
    "§164.308(a)(7)": "Contingency plan",
};

/** The policy's `framework` metadata: shown by Pulumi Cloud next to each violation. */
export function hipaaFramework(section: string): PolicyComplianceFramework {
    return {
        name: "HIPAA Security Rule",
        version: "45 CFR 164 Subpart C",
        reference: section,
        specification: SECTION_TITLES[section] ?? section,
    };
}
