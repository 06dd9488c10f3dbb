/**
 * The Orthanc index: RDS PostgreSQL in the isolated subnets, encrypted with the data key, TLS-only, with an
 * RDS-managed master password in Secrets Manager (never in Pulumi state) and logs that never contain SQL text.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { DatabaseConfig } from "../../config/types";
import { createAccessSecurityGroups } from "../security";
import { estimatedMaxConnections } from "./databaseConnections";
import {
    finalSnapshotIdentifier, POSTGRES_LOG_EXPORTS, POSTGRES_PARAMETERS, postgresParameterGroupFamily,
    rdsInstanceIdentifier, rdsLogGroupName,
} from "./postgresSettings";

export const POSTGRES_PORT = 5432;

/** OS metrics every minute: the longest interval RDS offers, 1–60 s (RDS user guide, "Enhanced Monitoring"). */
export const ENHANCED_MONITORING_INTERVAL_SECONDS = 60;

export interface DatabaseArgs {
    /** `database` section of the validated stack configuration. */
    settings: DatabaseConfig;
    vpcId: pulumi.Input<string>;
    /** Isolated subnets (no route to the internet), one per availability zone. */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** ARN of the data CMK: storage, Performance Insights and the master-password secret. */
    dataKeyArn: pulumi.Input<string>;
    /** ARN of the logs CMK, for the exported PostgreSQL log groups. */
    logsKeyArn: pulumi.Input<string>;
    /** Retention of the exported PostgreSQL log groups, in days. */
    logRetentionDays: number;
    /** Protect the instance in Pulumi (`protect`) so that `pulumi destroy` cannot delete it. */
    protect: boolean;
    /**
     * Name of the database Orthanc uses.
     * @default "orthanc"
     */
    databaseName?: string;
    /**
     * Master user name (the password is generated and rotated by RDS).
     * @default "orthanc"
     */
    masterUsername?: string;
    /**
     * Daily automated backup window, UTC, `hh24:mi-hh24:mi`.
     * @default "03:00-04:00"
     */
    backupWindow?: string;
    /**
     * Weekly maintenance window, UTC, `ddd:hh24:mi-ddd:hh24:mi`; must not overlap the backup window.
     * @default "sun:04:30-sun:05:30"
     */
    maintenanceWindow?: string;
}

export class Database extends pulumi.ComponentResource {
    /** DNS name of the instance (TLS required). */
    public readonly address: pulumi.Output<string>;
    public readonly port: pulumi.Output<number>;
    public readonly databaseName: pulumi.Output<string>;
    public readonly masterUsername: pulumi.Output<string>;
    /**
     * ARN of the RDS-managed Secrets Manager secret holding `{"username": ..., "password": ...}`, encrypted with
     * the data key. ECS reads the password with `valueFrom: "<arn>:password::"`.
     */
    public readonly masterUserSecretArn: pulumi.Output<string>;
    public readonly instanceArn: pulumi.Output<string>;
    public readonly instanceIdentifier: pulumi.Output<string>;
    /** Security group of the instance: admits 5432 only from `clientSecurityGroupId`. */
    public readonly securityGroupId: pulumi.Output<string>;
    /** Security group the Orthanc tasks must carry to reach the database. */
    public readonly clientSecurityGroupId: pulumi.Output<string>;
    /** The instance's default `max_connections`, estimated from its class; shared by every client. */
    public readonly maxConnections: number;

    constructor(name: string, args: DatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
        super("orthanc-aws:data:Database", name, {}, opts);
        const databaseName = args.databaseName ?? "orthanc";
        const masterUsername = args.masterUsername ?? "orthanc";
        const backupWindow = args.backupWindow ?? "03:00-04:00";
        const maintenanceWindow = args.maintenanceWindow ?? "sun:04:30-sun:05:30";
        const settings = args.settings;
        const identifier = rdsInstanceIdentifier(name);

        const groups = createAccessSecurityGroups(name, {
            vpcId: args.vpcId, port: POSTGRES_PORT, service: "PostgreSQL",
        }, this);
        const subnetGroup = new aws.rds.SubnetGroup(`${name}-subnets`, {
            subnetIds: args.subnetIds,
            description: "Isolated subnets of the Orthanc index database",
        }, { parent: this });
        const parameterGroup = new aws.rds.ParameterGroup(`${name}-params`, {
            family: postgresParameterGroupFamily(settings.engineVersion),
            description: "Orthanc index: TLS only, no SQL text in logs",
            parameters: POSTGRES_PARAMETERS.map((p) => ({ name: p.name, value: p.value })),
        }, { parent: this });
        // RDS would create these groups itself, unencrypted and kept forever; created first, they use the logs key.
        const logGroups = POSTGRES_LOG_EXPORTS.map((logType) => new aws.cloudwatch.LogGroup(`${name}-${logType}-logs`, {
            name: rdsLogGroupName(identifier, logType),
            kmsKeyId: args.logsKeyArn,
            retentionInDays: args.logRetentionDays,
        }, { parent: this }));

        // Enhanced Monitoring: RDS publishes OS metrics with this role (RDS user guide, "Setting up and enabling
        // Enhanced Monitoring"; the AWS-managed AmazonRDSEnhancedMonitoringRole is the documented permission set).
        const monitoringRole = new aws.iam.Role(`${name}-monitoring`, {
            description: "RDS Enhanced Monitoring of the Orthanc index database",
            assumeRolePolicy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: { Service: "monitoring.rds.amazonaws.com" }, Action: "sts:AssumeRole" }],
            }),
        }, { parent: this });
        const monitoringPolicy = new aws.iam.RolePolicyAttachment(`${name}-monitoring`, {
            role: monitoringRole.name,
            policyArn: "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
        }, { parent: this });

        // New with every new instance: keyed on the inputs that, changed, replace the instance; stable otherwise.
        const finalSnapshotSuffix = new random.RandomId(`${name}-final-snapshot`, {
            byteLength: 4,
            keepers: {
                identifier, kmsKeyId: args.dataKeyArn, dbName: databaseName, username: masterUsername,
                ...(settings.restoreSnapshot !== undefined ? { snapshotIdentifier: settings.restoreSnapshot } : {}),
            },
        }, { parent: this });

        const instance = new aws.rds.Instance(`${name}-instance`, {
            identifier,
            engine: "postgres",
            engineVersion: settings.engineVersion,
            instanceClass: settings.instanceClass,
            dbName: databaseName,
            username: masterUsername,
            manageMasterUserPassword: true,
            masterUserSecretKmsKeyId: args.dataKeyArn,
            port: POSTGRES_PORT,
            storageType: "gp3",
            allocatedStorage: settings.allocatedStorage,
            maxAllocatedStorage: settings.maxAllocatedStorage,
            storageEncrypted: true,
            kmsKeyId: args.dataKeyArn,
            dbSubnetGroupName: subnetGroup.name,
            vpcSecurityGroupIds: [groups.store.id],
            publiclyAccessible: false,
            parameterGroupName: parameterGroup.name,
            multiAz: settings.multiAz,
            backupRetentionPeriod: settings.backupRetentionDays,
            backupWindow,
            maintenanceWindow,
            copyTagsToSnapshot: true,
            // Automated backups stay (until their retention ends) even if the instance is deleted.
            deleteAutomatedBackups: false,
            deletionProtection: settings.deletionProtection,
            skipFinalSnapshot: false,
            finalSnapshotIdentifier: finalSnapshotSuffix.hex.apply((suffix) => finalSnapshotIdentifier(identifier, suffix)),
            // Minor versions follow AWS in the maintenance window; a major upgrade needs database.allowMajorVersionUpgrade.
            autoMinorVersionUpgrade: true,
            allowMajorVersionUpgrade: settings.allowMajorVersionUpgrade,
            // A restore creates the instance from a snapshot or an AWS Backup recovery point (ForceNew: a new instance).
            snapshotIdentifier: settings.restoreSnapshot,
            performanceInsightsEnabled: true,
            performanceInsightsKmsKeyId: args.dataKeyArn,
            performanceInsightsRetentionPeriod: 7,
            enabledCloudwatchLogsExports: [...POSTGRES_LOG_EXPORTS],
            monitoringInterval: ENHANCED_MONITORING_INTERVAL_SECONDS,
            monitoringRoleArn: monitoringRole.arn,
        }, { parent: this, protect: args.protect, dependsOn: [...logGroups, monitoringPolicy] });

        this.address = instance.address;
        this.port = instance.port;
        this.databaseName = pulumi.output(databaseName);
        this.masterUsername = pulumi.output(masterUsername);
        this.masterUserSecretArn = instance.masterUserSecrets.apply((secrets) => {
            const arn = secrets?.[0]?.secretArn;
            if (arn === undefined) {
                throw new Error(`RDS instance ${identifier} reports no managed master-user secret.`);
            }
            return arn;
        });
        this.instanceArn = instance.arn;
        this.instanceIdentifier = instance.identifier;
        this.securityGroupId = groups.store.id;
        this.clientSecurityGroupId = groups.client.id;
        this.maxConnections = estimatedMaxConnections(settings.instanceClass);
        this.registerOutputs({
            address: this.address,
            port: this.port,
            databaseName: this.databaseName,
            masterUsername: this.masterUsername,
            masterUserSecretArn: this.masterUserSecretArn,
            instanceArn: this.instanceArn,
            instanceIdentifier: this.instanceIdentifier,
            securityGroupId: this.securityGroupId,
            clientSecurityGroupId: this.clientSecurityGroupId,
            maxConnections: this.maxConnections,
        });
    }
}
