import { AUDIT_SCHEMA, auditQueryString } from "../../components/compute/orthancAudit";
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { defaultTags } from "../../config/tags";
import { StackConfig } from "../../config/types";
import { OrthancService, OrthancServiceArgs } from "../../components/compute/orthancService";
import { ADMIN_PASSWORD_ARGS } from "../../components/compute/adminCredentials";
import { orthancMemorySettings } from "../../components/compute/orthancMemory";
import { Plan } from "../../tools/offline/planTypes";
import { MOCK_ACCOUNT_ID, stableHex } from "../../tools/offline/mockOutputs";
import { stackConfigFixture } from "../orthanc/fixtures";
import { evaluateComponents, jsonInput, named, ofType, single, TEST_REGION } from "../support/planQueries";

const ARN = `arn:aws:%s:${TEST_REGION}:${MOCK_ACCOUNT_ID}`;
const arn = (service: string, resource: string): string => `${ARN.replace("%s", service)}:${resource}`;
const DATABASE_SECRET = arn("secretsmanager", "secret:rds!db-0123-AbCdEf");
const DATA_KEY = arn("kms", "key/data");
const LOGS_KEY = arn("kms", "key/logs");
const FILE_SYSTEM = arn("elasticfilesystem", "file-system/fs-0123");
const ACCESS_POINT = arn("elasticfilesystem", "access-point/fsap-0123");
const BUCKET = "arn:aws:s3:::pacs-images";
const PRIVATE_SUBNETS = ["subnet-private-a", "subnet-private-b"];
/** The file-storage component's mount targets, one per zone, registered beside the service as index.ts does. */
const MOUNT_TARGET_NAMES = ["pacs-test-files-mount-az1", "pacs-test-files-mount-az2"];

function serviceArgs(config: StackConfig): OrthancServiceArgs {
    return {
        namePrefix: `${config.namespace}-${config.stack}`,
        region: config.region,
        compute: config.compute,
        orthanc: config,
        hostTags: defaultTags(config, "orthanc-aws"),
        logRetentionDays: config.logRetentionDays,
        audit: config.audit,
        vpcId: "vpc-0123",
        privateSubnetIds: PRIVATE_SUBNETS,
        dataKeyArn: DATA_KEY,
        logsKeyArn: LOGS_KEY,
        database: { address: "db.internal", port: 5432, databaseName: "orthanc", secretArn: DATABASE_SECRET, clientSecurityGroupId: "sg-database-client", maxConnections: 200 },
        efs: {
            fileSystemId: "fs-0123", fileSystemArn: FILE_SYSTEM, accessPointId: "fsap-0123", accessPointArn: ACCESS_POINT, clientSecurityGroupId: "sg-efs-client",
            mountTargets: MOUNT_TARGET_NAMES.map((name, zone) =>
                new aws.efs.MountTarget(name, { fileSystemId: "fs-0123", subnetId: `subnet-isolated-${zone}`, securityGroups: ["sg-efs"] })),
        },
        bucket: { bucketName: "pacs-images", bucketArn: BUCKET, bucketKeyArn: DATA_KEY },
        loadBalancer: { securityGroupId: "sg-lb", dicomTargetGroupArn: "arn:tg/dicom", listeners: [] },
        web: {
            securityGroupId: "sg-web", httpTargetGroupArn: "arn:tg/http", hostName: "pacs.example.org",
            listener: new aws.lb.Listener("pacs-test-web-https", { loadBalancerArn: "arn:lb/web", port: 443, protocol: "HTTPS", defaultActions: [{ type: "forward", targetGroupArn: "arn:tg/http" }] }),
        },
    };
}

function build(config: StackConfig, overrides: Partial<OrthancServiceArgs> = {}): Promise<Plan> {
    return evaluateComponents(() => new OrthancService("pacs-test-orthanc", { ...serviceArgs(config), ...overrides }));
}

function containerOf(plan: Plan): Record<string, any> {
    const [container] = jsonInput<Array<Record<string, any>>>(single(plan, "aws:ecs/taskDefinition:TaskDefinition"), "containerDefinitions");
    return container;
}

describe("OrthancService (mocks)", () => {
    describe("on Fargate with EFS storage", () => {
        let plan: Plan;
        before(async () => { plan = await build(stackConfigFixture()); });

        it("runs a Fargate service in private subnets with circuit breaker, rollback and a grace period for database retries", () => {
            const service = single(plan, "aws:ecs/service:Service");
            assert.strictEqual(service.inputs.launchType, "FARGATE");
            assert.strictEqual(service.inputs.capacityProviderStrategies, undefined);
            assert.deepStrictEqual(service.inputs.networkConfiguration, {
                subnets: PRIVATE_SUBNETS, assignPublicIp: false,
                securityGroups: [named(plan, "pacs-test-orthanc-network-tasks").outputs.id, "sg-database-client", "sg-efs-client"],
            });
            assert.deepStrictEqual(service.inputs.deploymentCircuitBreaker, { enable: true, rollback: true });
            assert.strictEqual(service.inputs.healthCheckGracePeriodSeconds, 300);
            assert.strictEqual(service.inputs.desiredCount, 2);
            assert.deepStrictEqual(service.options.ignoreChanges, ["desiredCount"]);
            assert.deepStrictEqual(service.inputs.loadBalancers, [
                { targetGroupArn: "arn:tg/http", containerName: "orthanc", containerPort: 8042 },
                { targetGroupArn: "arn:tg/dicom", containerName: "orthanc", containerPort: 4242 },
            ]);
            assert.strictEqual(service.inputs.enableExecuteCommand, false);
            for (const type of ["aws:ec2/launchTemplate:LaunchTemplate", "aws:autoscaling/group:Group", "aws:ecs/capacityProvider:CapacityProvider"]) {
                assert.strictEqual(ofType(plan, type).length, 0, type);
            }
        });

        it("starts the service only once every zone's EFS mount target exists, as well as the listeners", () => {
            const dependsOn = single(plan, "aws:ecs/service:Service").options.dependsOn;
            for (const mountTarget of MOUNT_TARGET_NAMES.map((name) => named(plan, name))) {
                assert.ok(dependsOn.includes(mountTarget.urn), `the service should wait for ${mountTarget.name}`);
            }
            assert.ok(dependsOn.includes(named(plan, "pacs-test-web-https").urn), "the service should wait for the web listener");
        });

        it("turns Container Insights on", () => {
            assert.deepStrictEqual(single(plan, "aws:ecs/cluster:Cluster").inputs.settings, [{ name: "containerInsights", value: "enabled" }]);
        });

        it("defines an awsvpc Fargate task with the pinned image, config sizes, the EFS volume over TLS with IAM, and a health check", () => {
            const definition = single(plan, "aws:ecs/taskDefinition:TaskDefinition");
            assert.deepStrictEqual(
                [definition.inputs.requiresCompatibilities, definition.inputs.networkMode, definition.inputs.cpu, definition.inputs.memory],
                [["FARGATE"], "awsvpc", "1024", "2048"]);
            assert.deepStrictEqual(definition.inputs.runtimePlatform, { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" });
            assert.deepStrictEqual(definition.inputs.volumes, [{
                name: "orthanc-storage",
                efsVolumeConfiguration: { fileSystemId: "fs-0123", transitEncryption: "ENABLED", authorizationConfig: { accessPointId: "fsap-0123", iam: "ENABLED" } },
            }]);
            const container = containerOf(plan);
            assert.strictEqual(container.image, `${single(plan, "aws:ecr/repository:Repository").outputs.repositoryUrl}:26.8.1`);
            assert.strictEqual(container.privileged, false);
            assert.deepStrictEqual(container.healthCheck, { command: ["CMD", "python3", "/probes/test-aliveness.py"], interval: 30, timeout: 10, retries: 7, startPeriod: 210 });
            assert.deepStrictEqual(container.mountPoints, [{ sourceVolume: "orthanc-storage", containerPath: "/var/lib/orthanc/db", readOnly: false }]);
            assert.strictEqual(container.logConfiguration.options["awslogs-group"], "/ecs/pacs-test-orthanc");
        });

        it("keeps every secret out of the task definition: the document as ORTHANC_JSON, credentials as Secrets Manager references", () => {
            const definition = single(plan, "aws:ecs/taskDefinition:TaskDefinition");
            assert.notStrictEqual(definition.inputs.containerDefinitions, "[secret]", "no secret may flow into the container definitions");
            const container = containerOf(plan);
            assert.deepStrictEqual(container.environment.map((variable: { name: string }) => variable.name),
                ["ORTHANC_JSON", "STONE_WEB_VIEWER_PLUGIN_ENABLED", "OHIF_PLUGIN_ENABLED", "ORTHANC_AWS_FILE_REST_FILTER",
                    "ORTHANC_AWS_FILE_AUDIT_SCRIPT", "ORTHANC_AWS_FILE_AUDIT_FIND_FILTER"]);
            const document = JSON.parse(container.environment[0].value);
            assert.deepStrictEqual(
                [document.PostgreSQL.Host, document.PostgreSQL.Port, document.PostgreSQL.Database, document.PostgreSQL.IndexConnectionsCount, document.StorageDirectory],
                // (200 connections − 10 reserved) / 8 tasks: a rolling deployment at maxCount 4 runs 8.
                ["db.internal", 5432, "orthanc", 23, "/var/lib/orthanc/db"]);
            assert.ok(container.environment.every((variable: { value: string }) => !/password|registeredusers|secret/i.test(variable.value)));
            const adminSecretArn = named(plan, "pacs-test-orthanc-admin-secret").outputs.arn;
            const aliceSecretArn = named(plan, "pacs-test-orthanc-users-alice").outputs.arn;
            // The fixture: basic mode (alice) with the break-glass admin; each password from its own secret.
            assert.deepStrictEqual(container.secrets, [
                { name: "ORTHANC__POSTGRESQL__USERNAME", valueFrom: `${DATABASE_SECRET}:username::` },
                { name: "ORTHANC__POSTGRESQL__PASSWORD", valueFrom: `${DATABASE_SECRET}:password::` },
                { name: "ORTHANC_AWS_PASSWORD_0", valueFrom: `${aliceSecretArn}:password::` },
                { name: "ORTHANC_AWS_PASSWORD_1", valueFrom: `${adminSecretArn}:password::` },
            ]);
            for (const passwordName of ["pacs-test-orthanc-admin-password", "pacs-test-orthanc-users-alice-password"]) {
                assert.ok(!String(definition.inputs.containerDefinitions).includes(`Mk${stableHex(32, passwordName)}`.slice(0, 32)), passwordName);
            }
        });

        it("generates the admin's and each person's password with the JSON-proof policy into CMK-encrypted secrets", () => {
            for (const name of ["pacs-test-orthanc-admin-password", "pacs-test-orthanc-users-alice-password"]) {
                assert.deepStrictEqual(named(plan, name).inputs, { ...ADMIN_PASSWORD_ARGS });
            }
            const admin = named(plan, "pacs-test-orthanc-admin-secret");
            assert.deepStrictEqual([admin.inputs.kmsKeyId, admin.inputs.namePrefix, admin.inputs.recoveryWindowInDays], [DATA_KEY, "pacs-test/orthanc-admin-", 30]);
            const alice = named(plan, "pacs-test-orthanc-users-alice");
            assert.deepStrictEqual([alice.inputs.kmsKeyId, alice.inputs.namePrefix, alice.inputs.recoveryWindowInDays, alice.inputs.description],
                [DATA_KEY, "pacs-test/orthanc-user-alice-", 30, "Orthanc account of alice (role admin): username, password"]);
            assert.deepStrictEqual(ofType(plan, "aws:secretsmanager/secretVersion:SecretVersion").map((version) => version.inputs.secretString), ["[secret]", "[secret]"]);
        });

        it("limits the task role to the file system through its access point", () => {
            const policy = jsonInput(named(plan, "pacs-test-orthanc-task-task-storage"), "policy");
            assert.deepStrictEqual(policy.Statement, [{
                Sid: "MountOrthancFileSystemThroughItsAccessPoint", Effect: "Allow",
                Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"], Resource: FILE_SYSTEM,
                Condition: { StringEquals: { "elasticfilesystem:AccessPointArn": ACCESS_POINT } },
            }]);
        });

        it("limits the execution role to its three secrets, their keys, its log group and its image repository", () => {
            const statements = jsonInput<{ Statement: Array<Record<string, unknown>> }>(named(plan, "pacs-test-orthanc-task-execution"), "policy").Statement;
            const adminSecretArn = named(plan, "pacs-test-orthanc-admin-secret").outputs.arn;
            const aliceSecretArn = named(plan, "pacs-test-orthanc-users-alice").outputs.arn;
            const logGroupArn = named(plan, "pacs-test-orthanc-task-logs").outputs.arn;
            assert.deepStrictEqual(statements.map((statement) => [statement.Action, statement.Resource]), [
                [["secretsmanager:GetSecretValue"], [DATABASE_SECRET, aliceSecretArn, adminSecretArn]],
                [["kms:Decrypt"], [DATA_KEY]],
                [["logs:CreateLogStream", "logs:PutLogEvents"], `${logGroupArn}:log-stream:*`],
                [["ecr:GetAuthorizationToken"], "*"],
                [["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"], [single(plan, "aws:ecr/repository:Repository").outputs.arn]],
            ]);
        });

        it("logs to a CMK-encrypted group kept as long as the audit trail it holds (audit.logRetentionDays over logRetentionDays 365)", () => {
            const group = named(plan, "pacs-test-orthanc-task-logs");
            assert.deepStrictEqual([group.inputs.kmsKeyId, group.inputs.retentionInDays], [LOGS_KEY, 2192]);
        });

        it("saves the 'who accessed what' Logs Insights query over that group, selecting the audit lines", () => {
            const query = single(plan, "aws:cloudwatch/queryDefinition:QueryDefinition");
            assert.deepStrictEqual([query.inputs.name, query.inputs.logGroupNames], ["pacs-test/orthanc-audit-who-accessed-what", ["/ecs/pacs-test-orthanc"]]);
            assert.strictEqual(query.inputs.queryString, auditQueryString());
            assert.ok(String(query.inputs.queryString).includes(`| filter audit = "${AUDIT_SCHEMA}"`));
        });

        it("admits only the web load balancer to Orthanc's HTTP port, the DICOM load balancer to its DICOM port, and lets tasks out over HTTPS only", () => {
            const tasks = named(plan, "pacs-test-orthanc-network-tasks").outputs.id;
            const ingress = ofType(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
                .map((rule) => [rule.inputs.securityGroupId, rule.inputs.referencedSecurityGroupId, rule.inputs.cidrIpv4, rule.inputs.fromPort, rule.inputs.toPort])
                .sort((a, b) => Number(b[3]) - Number(a[3]));
            assert.deepStrictEqual(ingress, [[tasks, "sg-web", undefined, 8042, 8042], [tasks, "sg-lb", undefined, 4242, 4242]]);
            const egress = ofType(plan, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule")
                .map((rule) => [rule.inputs.securityGroupId, rule.inputs.cidrIpv4, rule.inputs.fromPort, rule.inputs.toPort]);
            assert.deepStrictEqual(egress, [[tasks, "0.0.0.0/0", 443, 443]]);
        });

        it("scales on CPU between the configured bounds", () => {
            const target = single(plan, "aws:appautoscaling/target:Target");
            assert.deepStrictEqual([target.inputs.minCapacity, target.inputs.maxCapacity, target.inputs.scalableDimension], [2, 4, "ecs:service:DesiredCount"]);
            const policy = single(plan, "aws:appautoscaling/policy:Policy");
            assert.deepStrictEqual(policy.inputs.targetTrackingScalingPolicyConfiguration, {
                predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageCPUUtilization" },
                targetValue: 60, scaleOutCooldown: 60, scaleInCooldown: 300,
            });
        });

        it("parents every child under the component", () => {
            const component = single(plan, "orthanc-aws:compute:OrthancService");
            const orphans = plan.resources.filter((resource) => resource.custom && resource.parent !== component.urn
                && !MOUNT_TARGET_NAMES.includes(resource.name) && resource.name !== "pacs-test-web-https"
                && !plan.resources.some((parent) => parent.urn === resource.parent && parent.type.startsWith("orthanc-aws:")));
            assert.deepStrictEqual(orphans.map((resource) => resource.name), []);
        });
    });

    describe("on EC2 with S3 storage", () => {
        let plan: Plan;
        before(async () => {
            const config = stackConfigFixture();
            config.compute.launchType = "ec2";
            config.compute.instanceType = "m7g.large";
            config.storage.backend = "s3";
            plan = await build(config, { efs: undefined });
        });

        it("runs hosts from the ECS-optimized AL2023 AMI with IMDSv2, an encrypted gp3 root volume and no public address", () => {
            const template = single(plan, "aws:ec2/launchTemplate:LaunchTemplate");
            const parameter = "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id";
            assert.strictEqual(template.inputs.imageId, `ami-${stableHex(17, parameter)}`);
            assert.strictEqual(template.inputs.instanceType, "m7g.large");
            assert.deepStrictEqual(template.inputs.metadataOptions, { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" });
            assert.deepStrictEqual(template.inputs.blockDeviceMappings, [{
                deviceName: "/dev/xvda", ebs: { volumeType: "gp3", volumeSize: 30, encrypted: "true", kmsKeyId: DATA_KEY, deleteOnTermination: "true" },
            }]);
            assert.strictEqual((template.inputs.networkInterfaces as Array<Record<string, unknown>>)[0].associatePublicIpAddress, "false");
            const userData = Buffer.from(String(template.inputs.userData), "base64").toString();
            assert.match(userData, /ECS_CLUSTER=pacs-test-orthanc-cluster-/);
            assert.match(userData, /ECS_AWSVPC_BLOCK_IMDS=true/);
        });

        it("tags every host, its root volume and its network interface with the stack's tags, at launch", () => {
            const stackTags = { Project: "orthanc-aws", Stack: "test", Namespace: "pacs", DataClassification: "PHI", ManagedBy: "pulumi" };
            assert.deepStrictEqual(single(plan, "aws:ec2/launchTemplate:LaunchTemplate").inputs.tagSpecifications, [
                { resourceType: "instance", tags: stackTags },
                { resourceType: "volume", tags: stackTags },
                { resourceType: "network-interface", tags: stackTags },
            ]);
            assert.deepStrictEqual(single(plan, "aws:autoscaling/group:Group").inputs.tags, [
                { key: "Project", value: "orthanc-aws", propagateAtLaunch: true },
                { key: "Stack", value: "test", propagateAtLaunch: true },
                { key: "Namespace", value: "pacs", propagateAtLaunch: true },
                { key: "DataClassification", value: "PHI", propagateAtLaunch: true },
                { key: "ManagedBy", value: "pulumi", propagateAtLaunch: true },
                { key: "AmazonECSManaged", value: "true", propagateAtLaunch: true },
            ]);
        });

        it("spreads an Auto Scaling group over the private subnets behind a managed capacity provider", () => {
            const group = single(plan, "aws:autoscaling/group:Group");
            assert.deepStrictEqual([group.inputs.vpcZoneIdentifiers, group.inputs.minSize, group.inputs.maxSize, group.inputs.protectFromScaleIn],
                [PRIVATE_SUBNETS, 2, 8, true]);
            const provider = single(plan, "aws:ecs/capacityProvider:CapacityProvider");
            assert.deepStrictEqual(provider.inputs.autoScalingGroupProvider, {
                autoScalingGroupArn: group.outputs.arn, managedTerminationProtection: "ENABLED", managedDraining: "ENABLED",
                managedScaling: { status: "ENABLED", targetCapacity: 100, minimumScalingStepSize: 1, maximumScalingStepSize: 2 },
            });
            const service = single(plan, "aws:ecs/service:Service");
            assert.strictEqual(service.inputs.launchType, undefined);
            assert.deepStrictEqual(service.inputs.capacityProviderStrategies, [{ capacityProvider: "pacs-test-orthanc-ec2-provider", weight: 1, base: 0 }]);
            assert.deepStrictEqual(single(plan, "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders").inputs.capacityProviders, ["pacs-test-orthanc-ec2-provider"]);
        });

        it("defines an EC2 task for the hosts' architecture, without a volume", () => {
            const definition = single(plan, "aws:ecs/taskDefinition:TaskDefinition");
            assert.deepStrictEqual(definition.inputs.requiresCompatibilities, ["EC2"]);
            assert.deepStrictEqual(definition.inputs.runtimePlatform, { operatingSystemFamily: "LINUX", cpuArchitecture: "ARM64" });
            assert.deepStrictEqual(definition.inputs.volumes, []);
            const document = JSON.parse(containerOf(plan).environment[0].value);
            assert.deepStrictEqual(document.AwsS3Storage, { BucketName: "pacs-images", Region: TEST_REGION, StorageStructure: "flat" });
        });

        it("limits the task role to the bucket's objects, its listing and its key through S3", () => {
            const statements = jsonInput<{ Statement: Array<Record<string, unknown>> }>(named(plan, "pacs-test-orthanc-task-task-storage"), "policy").Statement;
            assert.deepStrictEqual(statements.map((statement) => [statement.Action, statement.Resource, statement.Condition]), [
                [["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], `${BUCKET}/*`, undefined],
                [["s3:ListBucket"], BUCKET, undefined],
                [["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"], DATA_KEY, { StringEquals: { "kms:ViaService": `s3.${TEST_REGION}.amazonaws.com` } }],
            ]);
        });

        it("limits the container hosts to their own cluster", () => {
            const clusterArn = single(plan, "aws:ecs/cluster:Cluster").outputs.arn;
            const statements = jsonInput<{ Statement: Array<Record<string, unknown>> }>(named(plan, "pacs-test-orthanc-ec2-agent"), "policy").Statement;
            assert.deepStrictEqual(statements.map((statement) => [statement.Resource, statement.Condition]), [
                [clusterArn, undefined],
                ["*", { ArnEquals: { "ecs:cluster": clusterArn } }],
                ["*", undefined],
            ]);
            assert.deepStrictEqual(statements[2].Action, ["ecs:DiscoverPollEndpoint"]);
        });

        it("carries the database's client group but no file-system group when storage is S3", () => {
            const service = single(plan, "aws:ecs/service:Service");
            const groups = (service.inputs.networkConfiguration as { securityGroups: string[] }).securityGroups;
            assert.deepStrictEqual(groups.slice(1), ["sg-database-client"]);
        });
    });

    it("lets EC2 hosts mount the EFS volume of their tasks: they carry the file system's client group", async () => {
        const config = stackConfigFixture();
        config.compute.launchType = "ec2";
        const plan = await build(config);
        const [networkInterface] = single(plan, "aws:ec2/launchTemplate:LaunchTemplate").inputs.networkInterfaces as Array<{ securityGroups: string[] }>;
        assert.deepStrictEqual(networkInterface.securityGroups, [named(plan, "pacs-test-orthanc-ec2-hosts").outputs.id, "sg-efs-client"]);
        assert.deepStrictEqual(single(plan, "aws:ecs/taskDefinition:TaskDefinition").inputs.runtimePlatform,
            { operatingSystemFamily: "LINUX", cpuArchitecture: "ARM64" });
    });

    it("pulls from the ECR mirror by default (compute.imageSource mirror), and may pull only from that repository", async () => {
        const plan = await build(stackConfigFixture());
        const repository = single(plan, "aws:ecr/repository:Repository");
        assert.strictEqual(repository.inputs.name, "pacs-test/orthancteam/orthanc");
        assert.strictEqual(single(plan, "docker:index/remoteImage:RemoteImage").inputs.platform, "linux/amd64");
        assert.strictEqual(containerOf(plan).image, `${repository.outputs.repositoryUrl}:26.8.1`);
        const statements = jsonInput<{ Statement: Array<Record<string, unknown>> }>(named(plan, "pacs-test-orthanc-task-execution"), "policy").Statement;
        assert.deepStrictEqual(statements.slice(3).map((statement) => [statement.Action, statement.Resource]), [
            [["ecr:GetAuthorizationToken"], "*"],
            [["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"], [repository.outputs.arn]],
        ]);
    });

    it("pulls the image as named and creates no repository with compute.imageSource registry, with no ECR permission", async () => {
        const config = stackConfigFixture();
        config.compute.imageSource = "registry";
        const plan = await build(config);
        assert.strictEqual(ofType(plan, "aws:ecr/repository:Repository").length, 0);
        assert.strictEqual(containerOf(plan).image, "orthancteam/orthanc:26.8.1");
        const statements = jsonInput<{ Statement: Array<{ Action: string[] }> }>(named(plan, "pacs-test-orthanc-task-execution"), "policy").Statement;
        assert.deepStrictEqual(statements.flatMap((statement) => statement.Action).filter((action) => action.startsWith("ecr:")), []);
    });

    it("may pull a configured private ECR image, from that repository only, with compute.imageSource registry", async () => {
        const config = stackConfigFixture();
        config.compute.imageSource = "registry";
        config.compute.image = "210987654321.dkr.ecr.us-east-1.amazonaws.com/imaging/orthanc:1.2";
        const plan = await build(config);
        assert.strictEqual(ofType(plan, "aws:ecr/repository:Repository").length, 0);
        assert.strictEqual(containerOf(plan).image, "210987654321.dkr.ecr.us-east-1.amazonaws.com/imaging/orthanc:1.2");
        const statements = jsonInput<{ Statement: Array<Record<string, unknown>> }>(named(plan, "pacs-test-orthanc-task-execution"), "policy").Statement;
        assert.deepStrictEqual(statements.slice(3).map((statement) => [statement.Action, statement.Resource]), [
            [["ecr:GetAuthorizationToken"], "*"],
            [["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"], ["arn:aws:ecr:us-east-1:210987654321:repository/imaging/orthanc"]],
        ]);
    });

    it("pulls Docker Hub images through an ECR pull-through cache with compute.imageSource pullThroughCache", async () => {
        const config = stackConfigFixture();
        config.compute.imageSource = "pullThroughCache";
        config.compute.pullThroughCacheCredentialArn = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:ecr-pullthroughcache/hub-AbCdEf";
        const plan = await build(config);
        const rule = single(plan, "aws:ecr/pullThroughCacheRule:PullThroughCacheRule");
        assert.deepStrictEqual([rule.inputs.ecrRepositoryPrefix, rule.inputs.upstreamRegistryUrl, rule.inputs.credentialArn],
            ["pacs-test-hub", "registry-1.docker.io", config.compute.pullThroughCacheCredentialArn]);
        const template = single(plan, "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate");
        assert.deepStrictEqual([template.inputs.prefix, template.inputs.appliedFors, template.inputs.imageTagMutability, template.inputs.encryptionConfigurations],
            ["pacs-test-hub", ["PULL_THROUGH_CACHE"], "IMMUTABLE", [{ encryptionType: "KMS", kmsKey: DATA_KEY }]]);
        assert.strictEqual(containerOf(plan).image, "123456789012.dkr.ecr.eu-central-1.amazonaws.com/pacs-test-hub/orthancteam/orthanc:26.8.1");
        assert.strictEqual(ofType(plan, "aws:ecr/repository:Repository").length, 0);
        const repository = "arn:aws:ecr:eu-central-1:123456789012:repository/pacs-test-hub/orthancteam/orthanc";
        const statements = jsonInput<{ Statement: Array<Record<string, unknown>> }>(named(plan, "pacs-test-orthanc-task-execution"), "policy").Statement;
        assert.deepStrictEqual(statements.slice(3).map((statement) => [statement.Action, statement.Resource]), [
            [["ecr:GetAuthorizationToken"], "*"],
            [["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"], [repository]],
            [["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"], [repository]],
        ]);
    });

    it("redeploys the service when any secret the tasks read gets a new current value: database, each person's, break-glass admin's", async () => {
        const plan = await build(stackConfigFixture());
        const rule = single(plan, "aws:cloudwatch/eventRule:EventRule");
        const admin = named(plan, "pacs-test-orthanc-admin-secret");
        const alice = named(plan, "pacs-test-orthanc-users-alice");
        assert.deepStrictEqual(jsonInput(rule, "eventPattern"), {
            source: ["aws.secretsmanager"], "detail-type": ["Secret Label Updated"],
            resources: [serviceArgs(stackConfigFixture()).database.secretArn, alice.outputs.arn, admin.outputs.arn], detail: { labelUpdated: ["AWSCURRENT"] },
        });
        const machine = single(plan, "aws:sfn/stateMachine:StateMachine");
        const service = single(plan, "aws:ecs/service:Service");
        const cluster = single(plan, "aws:ecs/cluster:Cluster");
        assert.deepStrictEqual(jsonInput(machine, "definition").States.ForceNewDeployment.Parameters,
            { Cluster: cluster.outputs.arn, Service: service.outputs.name, ForceNewDeployment: true });
        assert.deepStrictEqual(jsonInput(named(plan, "pacs-test-orthanc-rotation-machine-access"), "policy").Statement,
            [{ Sid: "ForceNewDeploymentOfOrthanc", Effect: "Allow", Action: ["ecs:UpdateService"], Resource: service.outputs.arn }]);
        const target = single(plan, "aws:cloudwatch/eventTarget:EventTarget");
        assert.deepStrictEqual([target.inputs.rule, target.inputs.arn], [rule.outputs.name, machine.outputs.arn]);
        assert.deepStrictEqual(jsonInput(named(plan, "pacs-test-orthanc-rotation-events-access"), "policy").Statement,
            [{ Sid: "StartRollout", Effect: "Allow", Action: ["states:StartExecution"], Resource: machine.outputs.arn }]);
    });

    it("runs a maintenance deployment as one task after all old ones stopped, with no container check", async () => {
        const config = stackConfigFixture();
        config.compute.deployment = "maintenance";
        const plan = await build(config);
        const service = single(plan, "aws:ecs/service:Service");
        assert.deepStrictEqual([service.inputs.deploymentMinimumHealthyPercent, service.inputs.deploymentMaximumPercent, service.inputs.desiredCount,
            service.inputs.healthCheckGracePeriodSeconds], [0, 100, 1, 1890]);
        const scaling = single(plan, "aws:appautoscaling/target:Target");
        assert.deepStrictEqual([scaling.inputs.minCapacity, scaling.inputs.maxCapacity], [1, 1]);
        assert.strictEqual(containerOf(plan).healthCheck, undefined);
    });

    it("refuses an EFS backend without a file system", async () => {
        await assert.rejects(build(stackConfigFixture(), { efs: undefined }),
            /storage.backend is `efs` but the Orthanc task was given no file system \(efs\)\./);
    });
});

describe("OrthancService with a declared DICOM network (mocks)", () => {
    const PEER_SECRET = arn("secretsmanager", "secret:research-peer-AbCdEf");
    const ARCHIVE_PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    function networkConfig(): StackConfig {
        const config = stackConfigFixture();
        config.dicomNetwork = {
            modalities: [
                { name: "ct", aeTitle: "CT1", host: "203.0.113.10", port: 104, allow: ["echo", "store"], tls: false, manufacturer: "Generic" },
                { name: "archive", aeTitle: "ARCHIVE", host: "198.51.100.7", port: 2762, allow: [], tls: true, manufacturer: "Generic" },
            ],
            peers: [{ name: "Research", url: "https://research.example.org:8443/", credentialsSecretArn: PEER_SECRET }],
            dicomWebServers: [],
            trustedCertificates: ARCHIVE_PEM,
        };
        config.privateDicom = { enabled: true, port: 104, onPremisesCidrs: ["192.168.10.0/24"], vpn: { customerGatewayIp: "198.51.100.1" } };
        return config;
    }
    const privateDicom = { securityGroupId: "sg-private-lb", dicomTargetGroupArn: "arn:tg/private-dicom", listeners: [] };
    let plan: Plan;
    before(async () => { plan = await build(networkConfig(), { privateDicom }); });

    it("runs the container as the image's orthanc user, through the start-up script, then the image's entry point", () => {
        const container = containerOf(plan);
        assert.strictEqual(container.user, "999:999");
        assert.deepStrictEqual(container.entryPoint, ["/bin/bash", "-c"]);
        const [script] = container.command as string[];
        assert.ok(script.endsWith("exec '/docker-entrypoint.sh' '/tmp/orthanc.json'"), script);
        assert.ok(script.includes("unset ORTHANC_AWS_FILE_REST_FILTER ORTHANC_AWS_FILE_AUDIT_SCRIPT ORTHANC_AWS_FILE_AUDIT_FIND_FILTER ORTHANC_AWS_FILE_DICOM_TLS_TRUSTED ORTHANC_AWS_FILE_DICOM_TLS_CERTIFICATE ORTHANC_AWS_FILE_DICOM_TLS_PRIVATE_KEY"), script);
    });

    it("generates Orthanc's DICOM TLS identity into a CMK-encrypted secret and hands it to the container as secrets only", () => {
        const key = single(plan, "tls:index/privateKey:PrivateKey");
        assert.deepStrictEqual(key.inputs, { algorithm: "RSA", rsaBits: 2048 });
        const certificate = single(plan, "tls:index/selfSignedCert:SelfSignedCert");
        assert.deepStrictEqual(certificate.inputs.allowedUses, ["digital_signature", "key_encipherment", "client_auth", "server_auth"]);
        const secret = named(plan, "pacs-test-orthanc-dicom-tls-secret");
        assert.deepStrictEqual([secret.inputs.kmsKeyId, secret.inputs.namePrefix], [DATA_KEY, "pacs-test/orthanc-dicom-tls-"]);
        const container = containerOf(plan);
        assert.deepStrictEqual(container.secrets.slice(4), [
            { name: "ORTHANC__ORTHANC_PEERS__RESEARCH__USERNAME", valueFrom: `${PEER_SECRET}:username::` },
            { name: "ORTHANC__ORTHANC_PEERS__RESEARCH__PASSWORD", valueFrom: `${PEER_SECRET}:password::` },
            { name: "ORTHANC_AWS_FILE_DICOM_TLS_CERTIFICATE", valueFrom: `${secret.outputs.arn}:certificate::` },
            { name: "ORTHANC_AWS_FILE_DICOM_TLS_PRIVATE_KEY", valueFrom: `${secret.outputs.arn}:privateKey::` },
        ]);
        const trusted = container.environment.find((variable: { name: string }) => variable.name === "ORTHANC_AWS_FILE_DICOM_TLS_TRUSTED");
        assert.strictEqual(trusted.value, ARCHIVE_PEM);
        assert.ok(!JSON.stringify(container.environment).includes("PRIVATE KEY"));
    });

    it("lets the execution role read exactly the added secrets", () => {
        const statements = jsonInput<{ Statement: Array<Record<string, unknown>> }>(named(plan, "pacs-test-orthanc-task-execution"), "policy").Statement;
        const adminSecretArn = named(plan, "pacs-test-orthanc-admin-secret").outputs.arn;
        const aliceSecretArn = named(plan, "pacs-test-orthanc-users-alice").outputs.arn;
        const tlsSecretArn = named(plan, "pacs-test-orthanc-dicom-tls-secret").outputs.arn;
        assert.deepStrictEqual(statements[0].Resource, [DATABASE_SECRET, aliceSecretArn, adminSecretArn, PEER_SECRET, tlsSecretArn]);
        // The rollout watches the same secrets: a rotated peer credential or TLS key reaches new tasks too.
        assert.deepStrictEqual(jsonInput<{ resources: string[] }>(single(plan, "aws:cloudwatch/eventRule:EventRule"), "eventPattern").resources, statements[0].Resource);
        assert.deepStrictEqual(statements[1].Resource, [DATA_KEY]);
    });

    it("admits the declared callers' own addresses and both load balancers, and lets tasks reach the modalities and peers", () => {
        const ingress = ofType(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
            .map((rule) => [rule.inputs.referencedSecurityGroupId ?? rule.inputs.cidrIpv4, rule.inputs.fromPort]).sort(byJson);
        assert.deepStrictEqual(ingress, [
            ["203.0.113.10/32", 4242], ["sg-lb", 4242], ["sg-web", 8042], ["sg-private-lb", 4242],
        ].sort(byJson));
        const egress = ofType(plan, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule")
            .map((rule) => [rule.inputs.cidrIpv4, rule.inputs.fromPort]).sort(byJson);
        assert.deepStrictEqual(egress, [["0.0.0.0/0", 443], ["0.0.0.0/0", 8443], ["198.51.100.7/32", 2762], ["203.0.113.10/32", 104]].sort(byJson));
    });

    it("registers the tasks with the private plain-DICOM target group too, once its listener exists", () => {
        const service = single(plan, "aws:ecs/service:Service");
        assert.deepStrictEqual((service.inputs.loadBalancers as unknown[])[2], { targetGroupArn: "arn:tg/private-dicom", containerName: "orthanc", containerPort: 4242 });
    });

    it("uses a configured certificate secret instead of generating one", async () => {
        const config = networkConfig();
        const ownSecret = arn("secretsmanager", "secret:hospital-ca-issued-AbCdEf");
        config.dicomNetwork.clientCertificateSecretArn = ownSecret;
        const own = await build(config, { privateDicom });
        assert.strictEqual(ofType(own, "tls:index/privateKey:PrivateKey").length, 0);
        assert.ok(containerOf(own).secrets.some((secret: { valueFrom: string }) => secret.valueFrom === `${ownSecret}:privateKey::`));
    });

    it("refuses privateDicom without the internal load balancer", async () => {
        await assert.rejects(build(networkConfig()), /privateDicom.enabled is true but the Orthanc service was given no internal load balancer/);
    });
});

function byJson(a: unknown, b: unknown): number {
    return JSON.stringify(a).localeCompare(JSON.stringify(b));
}

describe("OrthancService identity (mocks)", () => {
    const CLIENT_SECRET = arn("secretsmanager", "secret:pacs-test/keycloak-admin-cli-AbCdEf");
    const keycloak = { publicUrl: "https://pacs.example.org/keycloak", internalUrl: "http://keycloak.pacs-test.internal:8080/keycloak", authServiceClientSecretArn: CLIENT_SECRET };
    function keycloakConfig(): StackConfig {
        return { ...stackConfigFixture(), identity: { mode: "keycloak", users: [], breakGlass: false, keycloak: { cpu: 1024, memory: 2048 } } };
    }
    function containersOf(plan: Plan): Array<Record<string, any>> {
        return jsonInput<Array<Record<string, any>>>(single(plan, "aws:ecs/taskDefinition:TaskDefinition"), "containerDefinitions");
    }

    describe("keycloak mode", () => {
        let plan: Plan;
        before(async () => { plan = await build(keycloakConfig(), { keycloak }); });

        it("runs the auth service beside Orthanc on the task's loopback, Orthanc starting once it is healthy", () => {
            const [orthanc, sidecar] = containersOf(plan);
            assert.deepStrictEqual(containersOf(plan).map((container) => container.name), ["orthanc", "auth-service"]);
            assert.deepStrictEqual(orthanc.dependsOn, [{ containerName: "auth-service", condition: "HEALTHY" }]);
            assert.deepStrictEqual([sidecar.essential, sidecar.user, sidecar.memory, sidecar.portMappings, sidecar.workingDirectory],
                [true, "65534:65534", 192, [], "/orthanc_auth_service"]);
            assert.deepStrictEqual(sidecar.entryPoint, ["/bin/sh", "-c"]);
            assert.ok((sidecar.command[0] as string).endsWith("exec 'uvicorn' 'app:app' '--host' '127.0.0.1' '--port' '8000'"), sidecar.command[0]);
            assert.deepStrictEqual(sidecar.healthCheck.command.slice(0, 2), ["CMD", "python"]);
            assert.strictEqual(sidecar.logConfiguration.options["awslogs-stream-prefix"], "auth-service");
        });

        it("pulls the sidecar's image from its own ECR mirror by default (compute.imageSource mirror), like Orthanc's", () => {
            const [orthanc, sidecar] = containersOf(plan);
            const orthancRepository = named(plan, "pacs-test-orthanc-image-repository");
            const sidecarRepository = named(plan, "pacs-test-orthanc-auth-service-image-repository");
            assert.deepStrictEqual(ofType(plan, "aws:ecr/repository:Repository").map((repository) => repository.inputs.name).sort(),
                ["pacs-test/orthancteam/orthanc", "pacs-test/orthancteam/orthanc-auth-service"]);
            assert.deepStrictEqual([sidecarRepository.inputs.imageTagMutability, sidecarRepository.inputs.encryptionConfigurations],
                ["IMMUTABLE", [{ encryptionType: "KMS", kmsKey: DATA_KEY }]]);
            assert.strictEqual(orthanc.image, `${orthancRepository.outputs.repositoryUrl}:26.8.1`);
            assert.strictEqual(sidecar.image, `${sidecarRepository.outputs.repositoryUrl}:26.4.1`);
            const statements = jsonInput<{ Statement: Array<Record<string, unknown>> }>(named(plan, "pacs-test-orthanc-task-execution"), "policy").Statement;
            assert.deepStrictEqual(statements.slice(3).map((statement) => [statement.Action, statement.Resource]), [
                [["ecr:GetAuthorizationToken"], "*"],
                [["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"], [orthancRepository.outputs.arn, sidecarRepository.outputs.arn]],
            ]);
        });

        it("configures the auth service for Keycloak inside the VPC and the public links, its permissions as a file variable", () => {
            const [, sidecar] = containersOf(plan);
            const environment = Object.fromEntries(sidecar.environment.map((variable: { name: string; value: string }) => [variable.name, variable.value]));
            assert.deepStrictEqual(environment, {
                ENABLE_KEYCLOAK: "true",
                KEYCLOAK_URI: "http://keycloak.pacs-test.internal:8080/keycloak/realms/orthanc/",
                ENABLE_KEYCLOAK_API_KEYS: "true",
                KEYCLOAK_ADMIN_URI: "http://keycloak.pacs-test.internal:8080/keycloak/admin/realms/orthanc/",
                PERMISSIONS_FILE_PATH: "/tmp/orthanc-auth-service/permissions.json",
                PUBLIC_ORTHANC_ROOT: "https://pacs.example.org/",
                PUBLIC_LANDING_ROOT: "https://pacs.example.org/ui/app/token-landing.html",
                PYTHONUNBUFFERED: "1",
                ORTHANC_AWS_FILE_AUTH_PERMISSIONS: JSON.stringify({
                    roles: {
                        admin: { "authorized-labels": ["*"], permissions: ["all", "view", "download", "delete", "send", "modify", "anonymize", "upload", "q-r-remote-modalities", "settings", "api-view", "edit-labels", "admin-permissions", "audit-logs", "worklists", "share"] },
                        doctor: { "authorized-labels": ["*"], permissions: ["view", "download"] },
                        uploader: { "authorized-labels": ["*"], permissions: ["upload"] },
                    },
                    "available-labels": [],
                }),
            });
        });

        it("delivers the auth service's key, the plugin's login and the Keycloak client secret as ECS secrets only", () => {
            const [orthanc, sidecar] = containersOf(plan);
            const authSecret = named(plan, "pacs-test-orthanc-auth-service-secret");
            assert.deepStrictEqual([authSecret.inputs.kmsKeyId, authSecret.inputs.namePrefix], [DATA_KEY, "pacs-test/orthanc-auth-service-"]);
            assert.deepStrictEqual(sidecar.secrets, [
                { name: "SECRET_KEY", valueFrom: `${authSecret.outputs.arn}:secretKey::` },
                { name: "USERS", valueFrom: `${authSecret.outputs.arn}:users::` },
                { name: "KEYCLOAK_CLIENT_SECRET", valueFrom: `${CLIENT_SECRET}:clientSecret::` },
            ]);
            assert.deepStrictEqual(orthanc.secrets, [
                { name: "ORTHANC__POSTGRESQL__USERNAME", valueFrom: `${DATABASE_SECRET}:username::` },
                { name: "ORTHANC__POSTGRESQL__PASSWORD", valueFrom: `${DATABASE_SECRET}:password::` },
                { name: "ORTHANC__AUTHORIZATION__WEB_SERVICE_USERNAME", valueFrom: `${authSecret.outputs.arn}:webServiceUsername::` },
                { name: "ORTHANC__AUTHORIZATION__WEB_SERVICE_PASSWORD", valueFrom: `${authSecret.outputs.arn}:webServicePassword::` },
            ]);
            assert.deepStrictEqual(named(plan, "pacs-test-orthanc-auth-service-key").inputs, { length: 64, special: false, upper: true, lower: true, numeric: true });
            const key = `Mk${stableHex(64, "pacs-test-orthanc-auth-service-key")}`.slice(0, 64);
            assert.ok(!String(single(plan, "aws:ecs/taskDefinition:TaskDefinition").inputs.containerDefinitions).includes(key));
        });

        it("turns Orthanc's own accounts off for the authorization plugin, Keycloak sign-in and audit logs on", () => {
            const [orthanc] = containersOf(plan);
            const document = JSON.parse(orthanc.environment[0].value);
            assert.strictEqual(document.AuthenticationEnabled, false);
            assert.strictEqual(document.RegisteredUsers, undefined);
            assert.deepStrictEqual(document.Authorization, {
                WebServiceRootUrl: "http://127.0.0.1:8000/", StandardConfigurations: ["orthanc-explorer-2", "stone-webviewer", "ohif"],
                TokenHttpHeaders: ["api-key"], CheckedLevel: "studies", EnableAuditLogs: true,
            });
            assert.deepStrictEqual(document.OrthancExplorer2.Keycloak, { Enable: true, Url: "https://pacs.example.org/keycloak/", Realm: "orthanc", ClientId: "orthanc" });
            assert.strictEqual(document.OrthancExplorer2.UiOptions.EnableAuditLogs, true);
            // No password variable, no role table: the break-glass admin is not loaded in daily use.
            assert.ok(!orthanc.command[0].includes("ORTHANC_AWS_PASSWORD_"), orthanc.command[0]);
            const filter = orthanc.environment.find((variable: { name: string }) => variable.name === "ORTHANC_AWS_FILE_REST_FILTER").value as string;
            assert.ok(!filter.includes("USER_ROLES"), filter);
        });

        it("reads, and redeploys on rotation of, exactly the database, auth-service and Keycloak client secrets; never the admin's", () => {
            const authSecretArn = named(plan, "pacs-test-orthanc-auth-service-secret").outputs.arn;
            const statements = jsonInput<{ Statement: Array<Record<string, unknown>> }>(named(plan, "pacs-test-orthanc-task-execution"), "policy").Statement;
            assert.deepStrictEqual(statements[0].Resource, [DATABASE_SECRET, authSecretArn, CLIENT_SECRET]);
            assert.deepStrictEqual(statements[1].Resource, [DATA_KEY]);
            assert.deepStrictEqual(jsonInput<{ resources: string[] }>(single(plan, "aws:cloudwatch/eventRule:EventRule"), "eventPattern").resources,
                [DATABASE_SECRET, authSecretArn, CLIENT_SECRET]);
            assert.ok(named(plan, "pacs-test-orthanc-admin-secret"), "the break-glass secret is kept");
        });

        it("sizes Orthanc's caches on the task memory less the sidecar's (2048 − 192 MiB)", () => {
            const [orthanc] = containersOf(plan);
            const document = JSON.parse(orthanc.environment[0].value);
            const expected = orthancMemorySettings(2048 - 192, "efs");
            assert.deepStrictEqual(Object.fromEntries(Object.keys(expected).map((key) => [key, document[key]])), expected);
            assert.notDeepStrictEqual(expected, orthancMemorySettings(2048, "efs"));
        });
    });

    it("takes the sidecar's image through the stack's pull-through cache rule with compute.imageSource pullThroughCache", async () => {
        const config = keycloakConfig();
        config.compute = { ...config.compute, imageSource: "pullThroughCache", pullThroughCacheCredentialArn: arn("secretsmanager", "secret:ecr-pullthroughcache/hub-AbCdEf") };
        const plan = await build(config, { keycloak });
        assert.strictEqual(ofType(plan, "aws:ecr/pullThroughCacheRule:PullThroughCacheRule").length, 1);
        assert.strictEqual(ofType(plan, "aws:ecr/repository:Repository").length, 0);
        const [orthanc, sidecar] = containersOf(plan);
        const registry = `${MOCK_ACCOUNT_ID}.dkr.ecr.${TEST_REGION}.amazonaws.com`;
        assert.deepStrictEqual([orthanc.image, sidecar.image],
            [`${registry}/pacs-test-hub/orthancteam/orthanc:26.8.1`, `${registry}/pacs-test-hub/orthancteam/orthanc-auth-service:26.4.1`]);
        const repositories = [arn("ecr", "repository/pacs-test-hub/orthancteam/orthanc"), arn("ecr", "repository/pacs-test-hub/orthancteam/orthanc-auth-service")];
        const statements = jsonInput<{ Statement: Array<Record<string, unknown>> }>(named(plan, "pacs-test-orthanc-task-execution"), "policy").Statement;
        assert.deepStrictEqual(statements.slice(3).map((statement) => [statement.Action, statement.Resource]), [
            [["ecr:GetAuthorizationToken"], "*"],
            [["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"], repositories],
            [["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"], repositories],
        ]);
    });

    it("pulls the sidecar's image as named with compute.imageSource registry, and only Orthanc's ECR image through the execution role", async () => {
        const config = keycloakConfig();
        config.compute = { ...config.compute, imageSource: "registry", image: "210987654321.dkr.ecr.us-east-1.amazonaws.com/imaging/orthanc:1.2" };
        const plan = await build(config, { keycloak });
        assert.strictEqual(ofType(plan, "aws:ecr/repository:Repository").length, 0);
        const [orthanc, sidecar] = containersOf(plan);
        assert.deepStrictEqual([orthanc.image, sidecar.image], ["210987654321.dkr.ecr.us-east-1.amazonaws.com/imaging/orthanc:1.2", "orthancteam/orthanc-auth-service:26.4.1"]);
        const statements = jsonInput<{ Statement: Array<Record<string, unknown>> }>(named(plan, "pacs-test-orthanc-task-execution"), "policy").Statement;
        assert.deepStrictEqual(statements.slice(3).map((statement) => [statement.Action, statement.Resource]), [
            [["ecr:GetAuthorizationToken"], "*"],
            [["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"], ["arn:aws:ecr:us-east-1:210987654321:repository/imaging/orthanc"]],
        ]);
    });

    it("without the Keycloak client secret: sign-in only, no API keys, no admin API", async () => {
        const plan = await build(keycloakConfig(), { keycloak: { publicUrl: keycloak.publicUrl, internalUrl: keycloak.internalUrl } });
        const [, sidecar] = containersOf(plan);
        assert.deepStrictEqual(sidecar.secrets.map((secret: { name: string }) => secret.name), ["SECRET_KEY", "USERS"]);
        assert.ok(!sidecar.environment.some((variable: { name: string }) => variable.name === "ENABLE_KEYCLOAK_API_KEYS"));
    });

    it("refuses keycloak mode without Keycloak", async () => {
        await assert.rejects(build(keycloakConfig()), { message: "identity.mode is keycloak but the Orthanc service was given no Keycloak (keycloak: publicUrl, internalUrl)." });
    });

    it("keycloak mode with breakGlass: Orthanc's own accounts with the admin alone, no sidecar, no auth-service secret", async () => {
        const config = { ...keycloakConfig(), identity: { mode: "keycloak" as const, users: [], breakGlass: true, keycloak: { cpu: 1024, memory: 2048 } } };
        const plan = await build(config, { keycloak });
        const containers = containersOf(plan);
        assert.deepStrictEqual(containers.map((container) => container.name), ["orthanc"]);
        const adminSecretArn = named(plan, "pacs-test-orthanc-admin-secret").outputs.arn;
        assert.deepStrictEqual(containers[0].secrets.slice(2), [{ name: "ORTHANC_AWS_PASSWORD_0", valueFrom: `${adminSecretArn}:password::` }]);
        const document = JSON.parse(containers[0].environment[0].value);
        assert.deepStrictEqual([document.AuthenticationEnabled, document.Authorization, document.OrthancExplorer2.Keycloak], [true, undefined, { Enable: false }]);
        assert.strictEqual(ofType(plan, "orthanc-aws:compute:AuthServiceSecret").length, 0);
    });

    it("basic mode: one secret per person, none shared; the admin's secret kept but not read", async () => {
        const config = {
            ...stackConfigFixture(),
            identity: { mode: "basic" as const, users: [{ name: "dr.grey", role: "doctor" as const }, { name: "it.boss", role: "admin" as const }], breakGlass: false, keycloak: { cpu: 1024, memory: 2048 } },
        };
        const plan = await build(config);
        const [orthanc] = containersOf(plan);
        const grey = named(plan, "pacs-test-orthanc-users-dr.grey").outputs.arn;
        const boss = named(plan, "pacs-test-orthanc-users-it.boss").outputs.arn;
        assert.deepStrictEqual(orthanc.secrets.slice(2), [
            { name: "ORTHANC_AWS_PASSWORD_0", valueFrom: `${grey}:password::` },
            { name: "ORTHANC_AWS_PASSWORD_1", valueFrom: `${boss}:password::` },
        ]);
        assert.ok((orthanc.command[0] as string).includes('ORTHANC__REGISTERED_USERS="{\\"dr.grey\\":\\"$ORTHANC_AWS_PASSWORD_0\\",\\"it.boss\\":\\"$ORTHANC_AWS_PASSWORD_1\\"}"'), orthanc.command[0]);
        const filter = orthanc.environment.find((variable: { name: string }) => variable.name === "ORTHANC_AWS_FILE_REST_FILTER").value as string;
        assert.ok(filter.includes('local USER_ROLES = { ["dr.grey"] = "doctor", ["it.boss"] = "admin" }'), filter);
        assert.deepStrictEqual(jsonInput<{ resources: string[] }>(single(plan, "aws:cloudwatch/eventRule:EventRule"), "eventPattern").resources, [DATABASE_SECRET, grey, boss]);
        assert.ok(named(plan, "pacs-test-orthanc-admin-secret"));
        assert.strictEqual(containersOf(plan).length, 1);
    });
});
