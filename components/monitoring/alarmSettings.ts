/**
 * Every alarm of the service, as data: metric, statistic, window and a threshold derived from the stack config
 * (task counts, the database's class and storage, the certificate's source). The component turns each into a
 * CloudWatch alarm with ALARM and OK actions on the stack's topic; the note and the tests read the same table.
 */
import type * as pulumi from "@pulumi/pulumi";
import { StackConfig } from "../../config/types";
import { estimatedMaxConnections, instanceClassMemoryGiB } from "../data";
import { SELF_SIGNED_EARLY_RENEWAL_HOURS } from "../endpoint";

const GIB = 1024 ** 3;

/** What the thresholds depend on, read from the stack config. */
export interface AlarmFacts {
    /** Healthy targets expected at least, per target group. */
    minHealthyTargets: number;
    allocatedStorageGiB: number;
    instanceClass: string;
    certificate: "self-signed" | "acm";
    fileStore: "efs" | "s3";
    backupCopy: boolean;
}

export function alarmFacts(config: StackConfig): AlarmFacts {
    return {
        minHealthyTargets: config.compute.deployment === "maintenance" ? 1 : config.compute.minCount,
        allocatedStorageGiB: config.database.allocatedStorage,
        instanceClass: config.database.instanceClass,
        certificate: config.endpoint.domainName !== undefined && config.endpoint.hostedZoneId !== undefined ? "acm" : "self-signed",
        fileStore: config.storage.backend,
        backupCopy: config.backup.copy !== undefined,
    };
}

/** Names of what the alarms watch (outputs of the other components). */
export interface AlarmTargets {
    /** The DICOM TLS Network Load Balancer (`net/…`). */
    loadBalancer: pulumi.Input<string>;
    /** The web tier's Application Load Balancer (`app/…`) and its Orthanc target group. */
    webLoadBalancer: pulumi.Input<string>;
    httpTargetGroup: pulumi.Input<string>;
    /** The ALB's Keycloak target group (identity.mode keycloak): nobody signs in while it has no healthy target. */
    keycloakTargetGroup?: pulumi.Input<string>;
    dicomTargetGroup: pulumi.Input<string>;
    clusterName: pulumi.Input<string>;
    serviceName: pulumi.Input<string>;
    taskStopRuleName: pulumi.Input<string>;
    rotationStateMachineArn: pulumi.Input<string>;
    databaseIdentifier: pulumi.Input<string>;
    fileSystemId?: pulumi.Input<string>;
    /** The DICOM NLB's certificate. */
    certificateArn: pulumi.Input<string>;
    /** The web ALB's certificate (its own, issued at another time: it renews on its own schedule). */
    webCertificateArn: pulumi.Input<string>;
    backupVaultName: pulumi.Input<string>;
}

export interface AlarmMetric {
    namespace: string;
    metricName: string;
    statistic: "Average" | "Minimum" | "Maximum" | "Sum";
    dimensions: Record<string, pulumi.Input<string>>;
}

export interface AlarmSpec {
    /** Suffix of the alarm's resource name. */
    key: string;
    description: string;
    /** One metric, or `expression` over `metrics` (ids m0, m1, …). */
    metrics: AlarmMetric[];
    expression?: string;
    period: number;
    evaluationPeriods: number;
    datapointsToAlarm: number;
    comparisonOperator: "GreaterThanThreshold" | "LessThanThreshold";
    threshold: number;
    /** What a missing datapoint means: a metric that stops is itself a symptom (`breaching`) or just quiet. */
    treatMissingData: "breaching" | "notBreaching" | "missing";
    /** The threshold in words, for the plan and the operator's note. */
    thresholdText: string;
}

/** Self-signed certificates are re-issued by `pulumi up` inside their last 30 days: warn two weeks before that window opens. */
export const SELF_SIGNED_WARNING_DAYS = SELF_SIGNED_EARLY_RENEWAL_HOURS / 24 + 14;
/** ACM renews its own certificates 60 days before expiry; under 30 days left, renewal has failed (e.g. a removed validation record). */
export const ACM_WARNING_DAYS = 30;

export function databaseThresholds(facts: Pick<AlarmFacts, "allocatedStorageGiB" | "instanceClass">): { freeStorageBytes: number; freeableMemoryBytes: number; connections: number; maxConnections: number } {
    const memoryGiB = instanceClassMemoryGiB(facts.instanceClass) ?? 1;
    const maxConnections = estimatedMaxConnections(facts.instanceClass);
    return {
        // Storage autoscaling grows the volume below 10 % free; staying below it means autoscaling is at its ceiling or blocked.
        freeStorageBytes: Math.max(2, facts.allocatedStorageGiB / 10) * GIB,
        freeableMemoryBytes: Math.round(memoryGiB * GIB / 10),
        connections: Math.floor(maxConnections * 0.8),
        maxConnections,
    };
}

export function serviceAlarmSpecs(facts: AlarmFacts, targets: AlarmTargets): AlarmSpec[] {
    const db = databaseThresholds(facts);
    const rds = (metricName: string, statistic: AlarmMetric["statistic"]): AlarmMetric[] =>
        [{ namespace: "AWS/RDS", metricName, statistic, dimensions: { DBInstanceIdentifier: targets.databaseIdentifier } }];
    const service = { ClusterName: targets.clusterName, ServiceName: targets.serviceName };
    // HTTPS and sign-in are served by the Application Load Balancer, DICOM TLS by the Network Load Balancer.
    const healthyTargets = (key: string, description: string, balancer: "web" | "dicom", targetGroup: pulumi.Input<string>, minimum: number, minutes: number): AlarmSpec => ({
        key,
        description,
        metrics: [balancer === "web"
            ? { namespace: "AWS/ApplicationELB", metricName: "HealthyHostCount", statistic: "Minimum", dimensions: { LoadBalancer: targets.webLoadBalancer, TargetGroup: targetGroup } }
            : { namespace: "AWS/NetworkELB", metricName: "HealthyHostCount", statistic: "Minimum", dimensions: { LoadBalancer: targets.loadBalancer, TargetGroup: targetGroup } }],
        period: 60, evaluationPeriods: minutes, datapointsToAlarm: minutes,
        comparisonOperator: "LessThanThreshold", threshold: minimum, treatMissingData: "breaching",
        thresholdText: `< ${minimum} for ${minutes} × 1 min`,
    });
    const orthancTargets = (listener: "https" | "dicom", targetGroup: pulumi.Input<string>): AlarmSpec => healthyTargets(`${listener}-healthy-hosts`,
        `Fewer than ${facts.minHealthyTargets} healthy Orthanc target(s) behind the ${listener === "https" ? "HTTPS" : "DICOM TLS"} listener for 5 minutes`,
        listener === "https" ? "web" : "dicom", targetGroup, facts.minHealthyTargets, 5);
    const specs: AlarmSpec[] = [
        orthancTargets("https", targets.httpTargetGroup),
        orthancTargets("dicom", targets.dicomTargetGroup),
        // Keycloak is one task that re-augments at start (up to 5 min, its health check's start period): 10 minutes
        // without a healthy target is an outage of sign-in, not a deployment.
        ...(targets.keycloakTargetGroup === undefined ? [] : [healthyTargets("sign-in-healthy-hosts",
            "No healthy Keycloak target behind the web load balancer for 10 minutes: nobody can sign in (break-glass: docs/identity.md)",
            "web", targets.keycloakTargetGroup, 1, 10)]),
        {
            // 5xx the ALB itself answers (502/503/504: no healthy target, a target that reset or timed out). Orthanc's
            // own 5xx stay out: a malformed upload can earn one without anything being down.
            key: "web-5xx",
            description: "The web load balancer answered more than 10 requests with 5xx (no healthy Orthanc or Keycloak, or targets timing out) in 5 minutes",
            metrics: [{ namespace: "AWS/ApplicationELB", metricName: "HTTPCode_ELB_5XX_Count", statistic: "Sum", dimensions: { LoadBalancer: targets.webLoadBalancer } }],
            period: 300, evaluationPeriods: 1, datapointsToAlarm: 1,
            comparisonOperator: "GreaterThanThreshold", threshold: 10, treatMissingData: "notBreaching",
            thresholdText: "> 10 in 5 min",
        },
        {
            key: "tasks-below-desired",
            description: "Fewer Orthanc tasks running than desired for 10 minutes (tasks fail to start or keep being replaced)",
            metrics: [
                { namespace: "ECS/ContainerInsights", metricName: "DesiredTaskCount", statistic: "Maximum", dimensions: service },
                { namespace: "ECS/ContainerInsights", metricName: "RunningTaskCount", statistic: "Minimum", dimensions: service },
            ],
            expression: "m0 - m1",
            period: 60, evaluationPeriods: 10, datapointsToAlarm: 10,
            comparisonOperator: "GreaterThanThreshold", threshold: 0, treatMissingData: "missing",
            thresholdText: "desired − running > 0 for 10 × 1 min",
        },
        {
            key: "task-failures",
            description: "An Orthanc task failed to start, exited, or failed its health checks (stop reasons in the task-stops log group)",
            metrics: [{ namespace: "AWS/Events", metricName: "MatchedEvents", statistic: "Sum", dimensions: { RuleName: targets.taskStopRuleName } }],
            period: 300, evaluationPeriods: 1, datapointsToAlarm: 1,
            comparisonOperator: "GreaterThanThreshold", threshold: 0, treatMissingData: "notBreaching",
            thresholdText: "> 0 in 5 min",
        },
        {
            key: "rotation-rollout-failures",
            description: "The forced redeployment after a secret rotation failed: tasks may hold a rotated password (redeploy the service)",
            metrics: [{ namespace: "AWS/States", metricName: "ExecutionsFailed", statistic: "Sum", dimensions: { StateMachineArn: targets.rotationStateMachineArn } }],
            period: 300, evaluationPeriods: 1, datapointsToAlarm: 1,
            comparisonOperator: "GreaterThanThreshold", threshold: 0, treatMissingData: "notBreaching",
            thresholdText: "> 0 in 5 min",
        },
        {
            key: "database-cpu", description: "Database CPU above 80 % for 15 minutes",
            metrics: rds("CPUUtilization", "Average"), period: 300, evaluationPeriods: 3, datapointsToAlarm: 3,
            comparisonOperator: "GreaterThanThreshold", threshold: 80, treatMissingData: "breaching", thresholdText: "> 80 % for 3 × 5 min",
        },
        {
            key: "database-free-storage", description: `Database free storage below ${db.freeStorageBytes / GIB} GiB for 10 minutes`,
            metrics: rds("FreeStorageSpace", "Minimum"), period: 300, evaluationPeriods: 2, datapointsToAlarm: 2,
            comparisonOperator: "LessThanThreshold", threshold: db.freeStorageBytes, treatMissingData: "breaching",
            thresholdText: `< ${db.freeStorageBytes / GIB} GiB for 2 × 5 min`,
        },
        {
            key: "database-freeable-memory", description: `Database freeable memory below ${(db.freeableMemoryBytes / GIB).toFixed(1)} GiB (10 % of ${facts.instanceClass}) for 15 minutes`,
            metrics: rds("FreeableMemory", "Average"), period: 300, evaluationPeriods: 3, datapointsToAlarm: 3,
            comparisonOperator: "LessThanThreshold", threshold: db.freeableMemoryBytes, treatMissingData: "breaching",
            thresholdText: `< ${(db.freeableMemoryBytes / GIB).toFixed(1)} GiB for 3 × 5 min`,
        },
        {
            key: "database-connections", description: `Database connections above ${db.connections} (80 % of about ${db.maxConnections} max_connections of ${facts.instanceClass})`,
            metrics: rds("DatabaseConnections", "Maximum"), period: 300, evaluationPeriods: 2, datapointsToAlarm: 2,
            comparisonOperator: "GreaterThanThreshold", threshold: db.connections, treatMissingData: "breaching",
            thresholdText: `> ${db.connections} for 2 × 5 min`,
        },
        certificateAlarm(facts, "certificate-expiry", "DICOM", targets.certificateArn),
        certificateAlarm(facts, "web-certificate-expiry", "web", targets.webCertificateArn),
        {
            key: "backup-job-failures", description: "An AWS Backup job of the PHI stores failed",
            metrics: [{ namespace: "AWS/Backup", metricName: "NumberOfBackupJobsFailed", statistic: "Sum", dimensions: { BackupVaultName: targets.backupVaultName } }],
            period: 3600, evaluationPeriods: 1, datapointsToAlarm: 1,
            comparisonOperator: "GreaterThanThreshold", threshold: 0, treatMissingData: "notBreaching", thresholdText: "> 0 in 1 h",
        },
    ];
    if (facts.backupCopy) {
        specs.push({
            key: "backup-copy-failures", description: "Copying a recovery point to the second region or account failed",
            metrics: [{ namespace: "AWS/Backup", metricName: "NumberOfCopyJobsFailed", statistic: "Sum", dimensions: { BackupVaultName: targets.backupVaultName } }],
            period: 3600, evaluationPeriods: 1, datapointsToAlarm: 1,
            comparisonOperator: "GreaterThanThreshold", threshold: 0, treatMissingData: "notBreaching", thresholdText: "> 0 in 1 h",
        });
    }
    if (facts.fileStore === "efs" && targets.fileSystemId !== undefined) {
        // PercentIOLimit exists only for General Purpose file systems, which the file store is.
        specs.push({
            key: "efs-io-limit", description: "The file system is above 90 % of General Purpose I/O limits for 15 minutes",
            metrics: [{ namespace: "AWS/EFS", metricName: "PercentIOLimit", statistic: "Maximum", dimensions: { FileSystemId: targets.fileSystemId } }],
            period: 300, evaluationPeriods: 3, datapointsToAlarm: 3,
            comparisonOperator: "GreaterThanThreshold", threshold: 90, treatMissingData: "notBreaching", thresholdText: "> 90 % for 3 × 5 min",
        });
    }
    return specs;
}

/** ACM publishes `DaysToExpiry` once a day for imported and issued certificates. https://docs.aws.amazon.com/acm/latest/userguide/cloudwatch-metrics.html */
function certificateAlarm(facts: AlarmFacts, key: string, tier: "DICOM" | "web", certificateArn: pulumi.Input<string>): AlarmSpec {
    const selfSigned = facts.certificate === "self-signed";
    const days = selfSigned ? SELF_SIGNED_WARNING_DAYS : ACM_WARNING_DAYS;
    const clients = tier === "DICOM" ? "every modality" : "every browser and DICOMweb client";
    return {
        key,
        description: selfSigned
            ? `The self-signed ${tier} endpoint certificate expires in under ${days} days: plan \`pulumi up\` inside its last 30 days, and give ${clients} the new certificate (docs/operations.md#certificates)`
            : `The ${tier} endpoint's ACM certificate expires in under ${days} days: ACM's automatic renewal has failed (check its DNS validation record)`,
        metrics: [{ namespace: "AWS/CertificateManager", metricName: "DaysToExpiry", statistic: "Minimum", dimensions: { CertificateArn: certificateArn } }],
        period: 86400, evaluationPeriods: 1, datapointsToAlarm: 1,
        comparisonOperator: "LessThanThreshold", threshold: days, treatMissingData: "missing", thresholdText: `< ${days} days`,
    };
}
