import * as assert from "node:assert/strict";
import { Database } from "../../components/database";
import type { DatabaseConfig } from "../../config/types";
import { DATA_KEY_ARN, DEV_DATABASE, ISOLATED_SUBNETS, LOGS_KEY_ARN, PROD_DATABASE, VPC_ID } from "./fixtures";
import { only, Registration, runUnderMocks, valueOf } from "./mockProgram";

const INSTANCE = "aws:rds/instance:Instance";

async function deploy(settings: DatabaseConfig, protect: boolean, name = "orthanc-dev-database") {
    return runUnderMocks(() => new Database(name, {
        settings, vpcId: VPC_ID, subnetIds: ISOLATED_SUBNETS, dataKeyArn: DATA_KEY_ARN, logsKeyArn: LOGS_KEY_ARN,
        logRetentionDays: 90, protect,
    }));
}

describe("Database component (mocks)", () => {
    let dev: { registrations: Registration[]; result: Database };
    let prod: { registrations: Registration[]; result: Database };
    before(async () => {
        dev = await deploy(DEV_DATABASE, false);
        prod = await deploy(PROD_DATABASE, true, "orthanc-prod-database");
    });

    it("creates an encrypted, private, TLS-only PostgreSQL with RDS-managed credentials", () => {
        const db = only(dev.registrations, INSTANCE).inputs;
        assert.equal(db.identifier, "orthanc-dev-database");
        assert.equal(db.engine, "postgres");
        assert.equal(db.engineVersion, "16");
        assert.equal(db.instanceClass, "db.t4g.medium");
        assert.equal(db.storageType, "gp3");
        assert.equal(db.allocatedStorage, 20);
        assert.equal(db.maxAllocatedStorage, 100);
        assert.equal(db.storageEncrypted, true);
        assert.equal(db.kmsKeyId, DATA_KEY_ARN);
        assert.equal(db.performanceInsightsEnabled, true);
        assert.equal(db.performanceInsightsKmsKeyId, DATA_KEY_ARN);
        assert.equal(db.publiclyAccessible, false);
        assert.equal(db.manageMasterUserPassword, true);
        assert.equal(db.masterUserSecretKmsKeyId, DATA_KEY_ARN);
        assert.equal(db.password, undefined, "no password in state");
        assert.equal(db.skipFinalSnapshot, false);
        assert.equal(db.finalSnapshotIdentifier, "orthanc-dev-database-final");
        assert.equal(db.deleteAutomatedBackups, false);
        assert.equal(db.autoMinorVersionUpgrade, true);
        assert.equal(db.backupWindow, "03:00-04:00");
        assert.equal(db.maintenanceWindow, "sun:04:30-sun:05:30");
        assert.equal(db.port, 5432);
        assert.deepEqual(db.enabledCloudwatchLogsExports, ["postgresql", "upgrade"]);
        assert.equal(db.dbSubnetGroupName, "orthanc-dev-database-subnets");
        assert.equal(db.parameterGroupName, "orthanc-dev-database-params");
        assert.deepEqual(db.vpcSecurityGroupIds, ["orthanc-dev-database-sg-id"]);
    });

    it("follows config for multi-AZ, backup retention, deletion protection and Pulumi protection", () => {
        const devDb = only(dev.registrations, INSTANCE);
        assert.equal(devDb.inputs.multiAz, false);
        assert.equal(devDb.inputs.backupRetentionPeriod, 7);
        assert.equal(devDb.inputs.deletionProtection, false);
        assert.equal(devDb.protect, false);
        const prodDb = only(prod.registrations, INSTANCE);
        assert.equal(prodDb.inputs.multiAz, true);
        assert.equal(prodDb.inputs.backupRetentionPeriod, 35);
        assert.equal(prodDb.inputs.deletionProtection, true);
        assert.equal(prodDb.inputs.engineVersion, "17.2");
        assert.equal(prodDb.protect, true);
    });

    it("places the instance in the isolated subnets", () => {
        assert.deepEqual(only(dev.registrations, "aws:rds/subnetGroup:SubnetGroup").inputs.subnetIds, ISOLATED_SUBNETS);
    });

    it("uses a parameter group of the version's family with TLS forced and no statement logging", () => {
        const devParams = only(dev.registrations, "aws:rds/parameterGroup:ParameterGroup").inputs;
        assert.equal(devParams.family, "postgres16");
        const values = Object.fromEntries(devParams.parameters.map((p: { name: string; value: string }) =>
            [p.name, p.value]));
        assert.equal(values["rds.force_ssl"], "1");
        assert.equal(values.log_statement, "none");
        assert.equal(values.log_min_duration_statement, "-1");
        assert.equal(values.log_connections, "1");
        assert.equal(only(prod.registrations, "aws:rds/parameterGroup:ParameterGroup").inputs.family, "postgres17");
    });

    it("creates the exported log groups first, encrypted with the logs key, with the configured retention", () => {
        const groups = dev.registrations.filter((r) => r.type === "aws:cloudwatch/logGroup:LogGroup");
        assert.deepEqual(groups.map((g) => g.inputs.name), [
            "/aws/rds/instance/orthanc-dev-database/postgresql",
            "/aws/rds/instance/orthanc-dev-database/upgrade",
        ]);
        for (const group of groups) {
            assert.equal(group.inputs.kmsKeyId, LOGS_KEY_ARN);
            assert.equal(group.inputs.retentionInDays, 90);
        }
        const instanceDependencies = only(dev.registrations, INSTANCE).dependencies;
        for (const group of groups) {
            assert.ok(instanceDependencies.some((urn) => urn.endsWith(`::${group.name}`)), group.name);
        }
    });

    it("admits 5432 only from the client security group, which may only reach the database", () => {
        const ingress = only(dev.registrations, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").inputs;
        assert.deepEqual(ingress, {
            securityGroupId: "orthanc-dev-database-sg-id",
            referencedSecurityGroupId: "orthanc-dev-database-client-sg-id",
            ipProtocol: "tcp", fromPort: 5432, toPort: 5432, description: "PostgreSQL from Orthanc tasks",
        });
        const egress = only(dev.registrations, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").inputs;
        assert.equal(egress.securityGroupId, "orthanc-dev-database-client-sg-id");
        assert.equal(egress.referencedSecurityGroupId, "orthanc-dev-database-sg-id");
        assert.equal(egress.fromPort, 5432);
        const groups = dev.registrations.filter((r) => r.type === "aws:ec2/securityGroup:SecurityGroup");
        for (const group of groups) {
            assert.equal(group.inputs.vpcId, VPC_ID);
            assert.equal(group.inputs.ingress, undefined, "no inline rules");
            assert.equal(group.inputs.egress, undefined, "no inline rules");
        }
        assert.equal(groups.length, 2);
    });

    it("parents every child to the component", () => {
        const component = only(dev.registrations, "orthanc-aws:data:Database");
        const children = dev.registrations.filter((r) => r !== component);
        assert.equal(children.length, 9);
        for (const child of children) {
            assert.ok(child.parent.endsWith("orthanc-aws:data:Database::orthanc-dev-database"), child.name);
            assert.ok(child.name.startsWith("orthanc-dev-database-"), child.name);
        }
    });

    it("exports the endpoint, database, master secret ARN and security groups", async () => {
        const db = dev.result;
        assert.equal(await valueOf(db.address), "orthanc-dev-database.abc.us-east-1.rds.amazonaws.com");
        assert.equal(await valueOf(db.port), 5432);
        assert.equal(await valueOf(db.databaseName), "orthanc");
        assert.equal(await valueOf(db.masterUsername), "orthanc");
        assert.equal(await valueOf(db.masterUserSecretArn),
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-orthanc-dev-database-instance");
        assert.equal(await valueOf(db.securityGroupId), "orthanc-dev-database-sg-id");
        assert.equal(await valueOf(db.clientSecurityGroupId), "orthanc-dev-database-client-sg-id");
    });
});
