/** Monitoring: the stack's alarm topic (for every component's alarms), the service's alarms and its dashboard. */
export { AlarmTopic } from "./alarmTopic";
export type { AlarmTopicArgs } from "./alarmTopic";
export { ServiceMonitoring } from "./serviceMonitoring";
export type { ServiceMonitoringArgs } from "./serviceMonitoring";
export { alarmFacts, serviceAlarmSpecs, databaseThresholds, SELF_SIGNED_WARNING_DAYS, ACM_WARNING_DAYS } from "./alarmSettings";
export type { AlarmFacts, AlarmSpec, AlarmTargets } from "./alarmSettings";
