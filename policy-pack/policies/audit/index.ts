import { Policies } from "@pulumi/policy";
import { requireLbAccessLogs } from "./lbAccessLogs";
import { requireLogRetention } from "./logRetention";
import { requireVpcFlowLogs } from "./vpcFlowLogs";

/** §164.312(b): audit controls (log-group encryption is in the encryption group). */
export const auditPolicies: Policies = [
    requireVpcFlowLogs,
    requireLbAccessLogs,
    requireLogRetention,
];
