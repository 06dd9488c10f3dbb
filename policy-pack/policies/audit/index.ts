import { Policies } from "@pulumi/policy";
import { requireLbAccessLogs } from "./lbAccessLogs";
import { requireLogRetention } from "./logRetention";
import { requireVpcFlowLogs } from "./vpcFlowLogs";
import { requireRdsEnhancedMonitoring } from "./rdsEnhancedMonitoring";
import { requireRdsLogsExported } from "./rdsLogsExported";
import { requireAlarmActions } from "./alarmActions";
import { requireS3AccessLogging } from "./s3AccessLogging";
import { requireCloudTrailSettings } from "./cloudtrailSettings";
import { requireWafLogging } from "./wafLogging";

/** §164.312(b): audit controls (log-group encryption is in the encryption group). */
export const auditPolicies: Policies = [
    requireVpcFlowLogs,
    requireLbAccessLogs,
    requireLogRetention,
    requireRdsEnhancedMonitoring,
    requireRdsLogsExported,
    requireAlarmActions,
    requireS3AccessLogging,
    requireCloudTrailSettings,
    requireWafLogging,
];
