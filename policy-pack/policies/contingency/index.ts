import { Policies } from "@pulumi/policy";
import { requireDeletionProtection } from "./deletionProtection";
import { requireDynamodbPitr } from "./dynamodbPitr";
import { requirePhiStoresProtected } from "./phiStoresProtected";
import { requireRdsBackupRetention } from "./rdsBackupRetention";
import { requireBackupPlanRetention } from "./backupPlanRetention";
import { requireDataStoresInBackupPlan } from "./dataStoresInBackupPlan";
import { requireBackupVaultDeniesDeletion } from "./backupVaultDeniesDeletion";
import { requireLbDeletionProtection } from "./lbDeletionProtection";
import { requireRdsMultiAz } from "./rdsMultiAz";
import { requireKmsKeyDeletionWindow } from "./kmsKeyDeletionWindow";
import { requireDynamodbCapacityScales } from "./dynamodbCapacityScales";
import { requireSecretsRotated } from "./secretsRotated";
import { requireAsgElbHealthCheck } from "./asgElbHealthCheck";

/** §164.308(a)(7): contingency plan (backups, recovery, protection from deletion). */
export const contingencyPolicies: Policies = [
    requireRdsBackupRetention,
    requireDynamodbPitr,
    requireDeletionProtection,
    requirePhiStoresProtected,
    requireBackupPlanRetention,
    requireDataStoresInBackupPlan,
    requireBackupVaultDeniesDeletion,
    requireLbDeletionProtection,
    requireRdsMultiAz,
    requireKmsKeyDeletionWindow,
    requireDynamodbCapacityScales,
    requireSecretsRotated,
    requireAsgElbHealthCheck,
];
