import { Policies } from "@pulumi/policy";
import { requireDeletionProtection } from "./deletionProtection";
import { requireDynamodbPitr } from "./dynamodbPitr";
import { requirePhiStoresProtected } from "./phiStoresProtected";
import { requireRdsBackupRetention } from "./rdsBackupRetention";

/** §164.308(a)(7): contingency plan (backups, recovery, protection from deletion). */
export const contingencyPolicies: Policies = [
    requireRdsBackupRetention,
    requireDynamodbPitr,
    requireDeletionProtection,
    requirePhiStoresProtected,
];
