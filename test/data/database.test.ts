import * as assert from "node:assert/strict";
import { Database } from "../../components/data/database";
import type { StackConfig } from "../../config/types";
import type { Plan } from "../../tools/offline/planTypes";
import { evaluateComponents, ofType, single } from "../support/planQueries";
import { assertAccessGroups, inputsOf, output, stackConfig } from "./planQueries";

const INSTANCE = "aws:rds/instance:Instance";
const DATA_KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/data-key";
const LOGS_KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/logs-key";
const ISOLATED_SUBNETS = ["subnet-iso-a", "subnet-iso-b"];
const VPC_ID = "vpc-0123";

function deploy(stack: string, config: StackConfig): Promise<Plan> {
    return evaluateComponents(() => {
        const db = new Database(`orthanc-${stack}-database`, {
            settings: config.database, vpcId: VPC_ID, subnetIds: ISOLATED_SUBNETS, dataKeyArn: DATA_KEY_ARN,
            logsKeyArn: LOGS_KEY_ARN, logRetentionDays: config.logRetentionDays, protect: config.protectDataStores,
        });
        return {
            address: db.address, port: db.port, databaseName: db.databaseName, masterUsername: db.masterUsername,
            masterUserSecretArn: db.masterUserSecretArn, instanceArn: db.instanceArn,
            securityGroupId: db.securityGroupId, clientSecurityGroupId: db.clientSecurityGroupId,
        };
    }, stack);
}

describe("Database component (mocks)", () => {
    const devConfig = stackConfig("dev");
    const prodConfig = stackConfig("prod");
    let dev: Plan;
    let prod: Plan;
    before(async () => {
        dev = await deploy("dev", devConfig);
        prod = await deploy("prod", prodConfig);
    });

    it("creates an encrypted, private, TLS-only PostgreSQL with RDS-managed credentials", () => {
        const db = inputsOf(single(dev, INSTANCE));
        assert.equal(db.identifier, "orthanc-dev-database");
        assert.equal(db.engine, "postgres");
        assert.equal(db.engineVersion, devConfig.database.engineVersion);
        assert.equal(db.instanceClass, devConfig.database.instanceClass);
        assert.equal(db.storageType, "gp3");
        assert.equal(db.allocatedStorage, devConfig.database.allocatedStorage);
        assert.equal(db.maxAllocatedStorage, devConfig.database.maxAllocatedStorage);
        assert.equal(db.storageEncrypted, true);
        assert.equal(db.kmsKeyId, DATA_KEY_ARN);
        assert.equal(db.performanceInsightsEnabled, true);
        assert.equal(db.performanceInsightsKmsKeyId, DATA_KEY_ARN);
        assert.equal(db.publiclyAccessible, false);
        assert.equal(db.manageMasterUserPassword, true);
        assert.equal(db.masterUserSecretKmsKeyId, DATA_KEY_ARN);
        assert.equal(db.password, undefined, "no password in state");
        assert.equal(db.skipFinalSnapshot, false);
        const suffix = single(dev, "random:index/randomId:RandomId").outputs.hex;
        assert.equal(db.finalSnapshotIdentifier, `orthanc-dev-database-final-${suffix}`);
        assert.equal(db.deleteAutomatedBackups, false);
        assert.equal(db.autoMinorVersionUpgrade, true);
        assert.equal(db.backupWindow, "03:00-04:00");
        assert.equal(db.maintenanceWindow, "sun:04:30-sun:05:30");
        assert.equal(db.port, 5432);
        assert.deepEqual(db.enabledCloudwatchLogsExports, ["postgresql", "upgrade"]);
        assert.deepEqual(db.vpcSecurityGroupIds, [output(single(dev, "aws:ec2/securityGroup:SecurityGroup", "database-sg"))]);
    });

    it("names the final snapshot after the instance and a random suffix that is new with every new instance", () => {
        for (const [plan, stack] of [[dev, "dev"], [prod, "prod"]] as const) {
            const suffix = single(plan, "random:index/randomId:RandomId");
            const instance = single(plan, INSTANCE);
            assert.equal(suffix.parent, instance.parent, "the suffix belongs to the database component");
            assert.equal(suffix.inputs.byteLength, 4);
            // Keyed on the instance's identity: the inputs that replace the instance when changed.
            assert.deepEqual(suffix.inputs.keepers, {
                identifier: `orthanc-${stack}-database`, kmsKeyId: DATA_KEY_ARN, dbName: "orthanc", username: "orthanc",
            });
            assert.ok(instance.options.dependsOn.includes(suffix.urn), "the snapshot name comes from the suffix");
            const name = String(instance.inputs.finalSnapshotIdentifier);
            assert.match(name, new RegExp(`^orthanc-${stack}-database-final-[0-9a-f]{8}$`));
            // RDS snapshot identifiers: 1-255 letters, digits and single hyphens, starting with a letter.
            assert.match(name, /^[a-z](?:-?[a-z0-9])*$/);
            assert.ok(name.length <= 255);
        }
    });

    it("follows config for multi-AZ, backup retention, deletion protection and Pulumi protection", () => {
        for (const [plan, config] of [[dev, devConfig], [prod, prodConfig]] as const) {
            const db = single(plan, INSTANCE);
            assert.equal(db.inputs.multiAz, config.database.multiAz);
            assert.equal(db.inputs.backupRetentionPeriod, config.database.backupRetentionDays);
            assert.equal(db.inputs.deletionProtection, config.database.deletionProtection);
            assert.equal(db.options.protect, config.protectDataStores);
        }
        // The sample stacks differ, so both branches are exercised.
        assert.deepEqual([devConfig.database.multiAz, devConfig.database.deletionProtection, devConfig.protectDataStores],
            [false, false, false]);
        assert.deepEqual([prodConfig.database.multiAz, prodConfig.database.deletionProtection, prodConfig.protectDataStores],
            [true, true, true]);
    });

    it("places the instance in the isolated subnets, in the subnet and parameter groups it creates", () => {
        const subnetGroup = single(dev, "aws:rds/subnetGroup:SubnetGroup");
        assert.deepEqual(subnetGroup.inputs.subnetIds, ISOLATED_SUBNETS);
        const db = single(dev, INSTANCE);
        for (const group of [subnetGroup, single(dev, "aws:rds/parameterGroup:ParameterGroup")]) {
            assert.ok(db.options.dependsOn.includes(group.urn), group.name);
        }
    });

    it("uses a parameter group of the version's family with TLS forced and no statement logging", () => {
        const params = inputsOf(single(dev, "aws:rds/parameterGroup:ParameterGroup"));
        assert.equal(params.family, `postgres${devConfig.database.engineVersion}`);
        const values = Object.fromEntries(params.parameters.map((p: { name: string; value: string }) => [p.name, p.value]));
        assert.equal(values["rds.force_ssl"], "1");
        assert.equal(values.log_statement, "none");
        assert.equal(values.log_min_duration_statement, "-1");
        assert.equal(values.log_min_error_statement, "panic");
        assert.equal(values.log_connections, "1");
    });

    it("creates the exported log groups first, encrypted with the logs key, with the configured retention", () => {
        for (const [plan, stack, config] of [[dev, "dev", devConfig], [prod, "prod", prodConfig]] as const) {
            const groups = ofType(plan, "aws:cloudwatch/logGroup:LogGroup");
            assert.deepEqual(groups.map((g) => g.inputs.name), [
                `/aws/rds/instance/orthanc-${stack}-database/postgresql`,
                `/aws/rds/instance/orthanc-${stack}-database/upgrade`,
            ]);
            for (const group of groups) {
                assert.equal(group.inputs.kmsKeyId, LOGS_KEY_ARN);
                assert.equal(group.inputs.retentionInDays, config.logRetentionDays);
                assert.ok(single(plan, INSTANCE).options.dependsOn.includes(group.urn), group.name);
            }
        }
    });

    it("admits 5432 only from the client security group, which may only reach the database", () => {
        assertAccessGroups(dev, "orthanc-dev-database", 5432, "PostgreSQL");
        assert.equal(ofType(dev, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").length, 1);
        assert.equal(ofType(dev, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").length, 1);
        const groups = ofType(dev, "aws:ec2/securityGroup:SecurityGroup");
        assert.equal(groups.length, 2);
        for (const group of groups) {
            assert.equal(group.inputs.vpcId, VPC_ID);
            assert.equal(group.inputs.ingress, undefined, "no inline rules");
            assert.equal(group.inputs.egress, undefined, "no inline rules");
        }
    });

    it("parents every child to the component and prefixes its name", () => {
        const component = single(dev, "orthanc-aws:data:Database");
        const children = dev.resources.filter((r) => r.parent === component.urn);
        assert.equal(children.length, 10);
        for (const child of children) assert.ok(child.name.startsWith("orthanc-dev-database-"), child.name);
    });

    it("exports the endpoint, database, master secret ARN and security groups", () => {
        const db = single(dev, INSTANCE);
        const secret = (output(db, "masterUserSecrets") as { secretArn: string }[])[0].secretArn;
        assert.match(secret, /^arn:aws:secretsmanager:.*:secret:rds!db-/);
        assert.deepEqual(dev.outputs, {
            address: output(db, "address"),
            port: 5432,
            databaseName: "orthanc",
            masterUsername: "orthanc",
            masterUserSecretArn: secret,
            instanceArn: output(db, "arn"),
            securityGroupId: output(single(dev, "aws:ec2/securityGroup:SecurityGroup", "database-sg")),
            clientSecurityGroupId: output(single(dev, "aws:ec2/securityGroup:SecurityGroup", "database-client-sg")),
        });
    });
});
