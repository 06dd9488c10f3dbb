/** Compliance: AWS Config with the HIPAA conformance pack, GuardDuty and Security Hub (FSBP) for the account. */
export { AccountCompliance } from "./accountCompliance";
export type { AccountComplianceArgs } from "./accountCompliance";
export { conformancePackTemplate, HIPAA_MANAGED_RULES } from "./conformancePack";
export { AuditTrail } from "./auditTrail";
export type { AuditTrailArgs } from "./auditTrail";
