import { ResourceValidationPolicy } from "@pulumi/policy";
import { safeguard } from "../../lib/hipaa";
import { RDS_CLUSTER_INSTANCE, RDS_INSTANCE } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";
import { asNumber, isSet } from "../../lib/values";

/** The intervals RDS accepts for Enhanced Monitoring, seconds (RDS user guide, "Setting up Enhanced Monitoring"). */
export const MONITORING_INTERVALS = [1, 5, 10, 15, 30, 60];

/** AWS Config rds-enhanced-monitoring-enabled: OS-level metrics of the database host, every minute or more often. */
export const requireRdsEnhancedMonitoring: ResourceValidationPolicy = {
    name: "orthanc-rds-enhanced-monitoring",
    ...safeguard("auditControls", "medium", "RDS instances must have Enhanced Monitoring (`monitoringInterval` of "
        + "1–60 s and a `monitoringRoleArn`)."),
    remediationSteps: "Set `monitoringInterval: 60` and `monitoringRoleArn` to a role with "
        + "AmazonRDSEnhancedMonitoringRole trusted by monitoring.rds.amazonaws.com.",
    validateResource: validateResourceOfTypes([...RDS_INSTANCE, ...RDS_CLUSTER_INSTANCE], (props, args, reportViolation) => {
        const interval = asNumber(props.monitoringInterval);
        if (interval === undefined || !MONITORING_INTERVALS.includes(interval) || !isSet(props.monitoringRoleArn)) {
            reportViolation(`'${args.name}' has no Enhanced Monitoring (monitoringInterval ${interval ?? "not set"}, monitoringRoleArn ${isSet(props.monitoringRoleArn) ? "set" : "not set"}).`);
        }
    }),
};
