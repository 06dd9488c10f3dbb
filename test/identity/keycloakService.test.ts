/** KeycloakService and KeycloakSecrets under the offline mocks: the task, its secrets, security groups, Cloud Map, target group. */
import * as assert from "assert";
import { KeycloakSecrets, KeycloakService } from "../../components/identity";
import { keycloakExecutionPolicy } from "../../components/identity/keycloakPolicies";
import type { Plan, PlannedResource } from "../../tools/offline/planTypes";
import { ancestors, evaluateComponents, jsonInput, ofType, single, TEST_REGION } from "../support/planQueries";

const DATA_KEY = "arn:aws:kms:eu-central-1:123456789012:key/data";
const LOGS_KEY = "arn:aws:kms:eu-central-1:123456789012:key/logs";
const MASTER_SECRET = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:rds!db-1234-AbCdEf";
const CLUSTER = "arn:aws:ecs:eu-central-1:123456789012:cluster/orthanc-test";
const TARGET_GROUP = "arn:aws:elasticloadbalancing:eu-central-1:123456789012:targetgroup/keycloak/0123456789abcdef";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function deploy(imageSource: "mirror" | "registry" | "pullThroughCache", withLoadBalancer: boolean): Promise<Plan> {
    return evaluateComponents(() => {
        const secrets = new KeycloakSecrets("kc-secrets", { namePrefix: "orthanc-test", dataKeyArn: DATA_KEY });
        const keycloak = new KeycloakService("kc", {
            namePrefix: "orthanc-test", region: TEST_REGION, clusterArn: CLUSTER, vpcId: "vpc-1", privateSubnetIds: ["subnet-a", "subnet-b"],
            cpu: 1024, memory: 2048, publicHostName: "pacs.example.org",
            database: { address: "db.example.internal", port: 5432, orthancDatabaseName: "orthanc", masterSecretArn: MASTER_SECRET, clientSecurityGroupId: "sg-dbclient" },
            secrets, dataKeyArn: DATA_KEY, logsKeyArn: LOGS_KEY, logRetentionDays: 30,
            authServiceSecurityGroupIds: ["sg-orthanc"],
            loadBalancer: withLoadBalancer ? { targetGroupArn: TARGET_GROUP, securityGroupId: "sg-alb" } : undefined,
            imageSource,
        });
        return { internalUrl: keycloak.internalUrl, publicUrl: keycloak.publicUrl, secret: keycloak.authServiceClientSecretArn };
    });
}

const arnOf = (resource: PlannedResource): string => String(resource.outputs.arn);

describe("KeycloakService (mocks)", () => {
    let plan: Plan;
    let registry: Plan;
    let containers: Json[];
    before(async () => {
        plan = await deploy("mirror", true);
        registry = await deploy("registry", false);
        containers = jsonInput(single(plan, "aws:ecs/taskDefinition:TaskDefinition"), "containerDefinitions");
    });

    it("answers at the contract's URLs and hands out the auth service's client secret", () => {
        assert.deepStrictEqual(plan.outputs.internalUrl, "http://keycloak.orthanc-test.internal:8080/keycloak");
        assert.deepStrictEqual(plan.outputs.publicUrl, "https://pacs.example.org/keycloak");
        assert.strictEqual(plan.outputs.secret, arnOf(single(plan, "aws:secretsmanager/secret:Secret", "kc-secrets-auth-service")));
    });

    it("generates three data-key secrets with JSON documents, values never in the plan", () => {
        const secrets = ofType(plan, "aws:secretsmanager/secret:Secret");
        assert.deepStrictEqual(secrets.map((secret) => [secret.name, secret.inputs.namePrefix, secret.inputs.kmsKeyId]), [
            ["kc-secrets-database", "orthanc-test/keycloak-database-", DATA_KEY],
            ["kc-secrets-admin", "orthanc-test/keycloak-admin-", DATA_KEY],
            ["kc-secrets-auth-service", "orthanc-test/keycloak-auth-service-", DATA_KEY],
        ]);
        assert.deepStrictEqual(ofType(plan, "aws:secretsmanager/secretVersion:SecretVersion").map((version) => version.inputs.secretString), ["[secret]", "[secret]", "[secret]"]);
    });

    it("runs an init container first, then Keycloak only once it exited 0", () => {
        assert.deepStrictEqual(containers.map((container) => [container.name, container.essential, container.image]), [
            ["keycloak-database", false, "123456789012.dkr.ecr.eu-central-1.amazonaws.com/orthanc-test/postgres:17.12-trixie"],
            ["keycloak", true, "123456789012.dkr.ecr.eu-central-1.amazonaws.com/orthanc-test/orthancteam/orthanc-keycloak:26.4.0"],
        ]);
        assert.deepStrictEqual(containers[1].dependsOn, [{ containerName: "keycloak-database", condition: "SUCCESS" }]);
        assert.match(containers[0].command[0], /\| psql --no-psqlrc --quiet --set=ON_ERROR_STOP=1\n/);
        assert.strictEqual(containers[0].readonlyRootFilesystem, true);
        assert.deepStrictEqual(registry.resources.filter((r) => r.type === "aws:ecs/taskDefinition:TaskDefinition")
            .flatMap((r) => jsonInput(r, "containerDefinitions").map((c: Json) => c.image)), ["postgres:17.12-trixie", "orthancteam/orthanc-keycloak:26.4.0"]);
    });

    it("gives credentials only as ECS secrets, each a JSON key of the stack's secrets", () => {
        const [admin, database, client] = ["admin", "database", "auth-service"].map((what) => arnOf(single(plan, "aws:secretsmanager/secret:Secret", `kc-secrets-${what}`)));
        assert.deepStrictEqual(containers[0].secrets, [
            { name: "PGUSER", valueFrom: `${MASTER_SECRET}:username::` },
            { name: "PGPASSWORD", valueFrom: `${MASTER_SECRET}:password::` },
            { name: "KEYCLOAK_DB_PASSWORD", valueFrom: `${database}:password::` },
        ]);
        assert.deepStrictEqual(containers[1].secrets, [
            { name: "KC_DB_USERNAME", valueFrom: `${database}:username::` },
            { name: "KC_DB_PASSWORD", valueFrom: `${database}:password::` },
            { name: "KC_BOOTSTRAP_ADMIN_USERNAME", valueFrom: `${admin}:username::` },
            { name: "KC_BOOTSTRAP_ADMIN_PASSWORD", valueFrom: `${admin}:password::` },
            { name: "ORTHANC_AWS_AUTH_SERVICE_CLIENT_SECRET", valueFrom: `${client}:clientSecret::` },
        ]);
        const passwords = ofType(plan, "random:index/randomPassword:RandomPassword").map((password) => String(password.outputs.result));
        assert.strictEqual(passwords.length, 3);
        const environment = containers.flatMap((container) => container.environment as Array<{ name: string; value: string }>);
        assert.deepStrictEqual(environment.filter((variable) => /PASSWORD|SECRET|USER/.test(variable.name)), []);
        for (const password of passwords) assert.ok(!JSON.stringify(containers).includes(password), "a generated value is in the task definition");
    });

    it("configures Keycloak through its documented options, the realm as a file written at start", () => {
        const environment = Object.fromEntries(containers[1].environment.map((variable: { name: string; value: string }) => [variable.name, variable.value]));
        const realm = JSON.parse(environment.ORTHANC_AWS_REALM_JSON);
        delete environment.ORTHANC_AWS_REALM_JSON;
        assert.deepStrictEqual(environment, {
            KC_DB: "postgres", KC_DB_URL: "jdbc:postgresql://db.example.internal:5432/keycloak?sslmode=require",
            KC_DB_POOL_INITIAL_SIZE: "1", KC_DB_POOL_MIN_SIZE: "1", KC_DB_POOL_MAX_SIZE: "5",
            KC_HOSTNAME: "https://pacs.example.org/keycloak", KC_HOSTNAME_BACKCHANNEL_DYNAMIC: "true", KC_HTTP_RELATIVE_PATH: "/keycloak",
            KC_HTTP_ENABLED: "true", KC_HTTP_PORT: "8080", KC_HTTP_MANAGEMENT_PORT: "9000", KC_PROXY_HEADERS: "xforwarded",
            KC_HEALTH_ENABLED: "true", KC_LOG_CONSOLE_OUTPUT: "json",
        });
        assert.strictEqual(realm.realm, "orthanc");
        // RegisterTaskDefinition refuses more than 64 KiB (ECS service quotas, "Task definition size"): the realm travels inside it.
        const size = Buffer.byteLength(String(single(plan, "aws:ecs/taskDefinition:TaskDefinition").inputs.containerDefinitions));
        assert.ok(size < 64 * 1024 / 4, `container definitions are ${size} bytes`);
        assert.deepStrictEqual(containers[1].command, [[
            "set -eu", "umask 077", "mkdir -p /opt/keycloak/data/import", "rm -f /opt/keycloak/data/import/*.json",
            "printf '%s' \"$ORTHANC_AWS_REALM_JSON\" > /opt/keycloak/data/import/orthanc-realm.json", "unset ORTHANC_AWS_REALM_JSON",
            "exec /opt/keycloak/bin/kc.sh start --import-realm",
        ].join("\n")]);
        assert.deepStrictEqual(containers[1].portMappings, [
            { name: "http", containerPort: 8080, protocol: "tcp" }, { name: "management", containerPort: 9000, protocol: "tcp" },
        ]);
        assert.deepStrictEqual(containers[1].healthCheck.command[1],
            "exec 3<>/dev/tcp/127.0.0.1/9000 && printf 'GET /keycloak/health/ready HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && grep -q '\"UP\"' <&3");
    });

    it("admits the ALB on 8080 and 9000 and the Orthanc tasks on 8080, and opens the tasks' way out to it (the ALB's group sends into the VPC itself)", () => {
        const group = single(plan, "aws:ec2/securityGroup:SecurityGroup", "kc-sg").outputs.id;
        const rules = (type: string) => ofType(plan, type).map((rule) => [rule.name, rule.inputs.securityGroupId, rule.inputs.referencedSecurityGroupId ?? rule.inputs.cidrIpv4, rule.inputs.fromPort, rule.inputs.toPort])
            .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
        assert.deepStrictEqual(rules(INGRESS), [
            ["kc-from-alb-http", group, "sg-alb", 8080, 8080],
            ["kc-from-alb-management", group, "sg-alb", 9000, 9000],
            ["kc-from-orthanc", group, "sg-orthanc", 8080, 8080],
        ]);
        assert.deepStrictEqual(rules(EGRESS), [
            ["kc-https-out", group, "0.0.0.0/0", 443, 443],
            ["kc-orthanc-to-keycloak", "sg-orthanc", group, 8080, 8080],
        ]);
        assert.deepStrictEqual(ofType(registry, INGRESS).map((rule) => rule.name), ["kc-from-orthanc"]);
    });

    it("registers in Cloud Map and in the ALB's Keycloak target group, private, on Fargate, one task", () => {
        const namespace = single(plan, "aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace");
        assert.deepStrictEqual([namespace.inputs.name, namespace.inputs.vpc], ["orthanc-test.internal", "vpc-1"]);
        const discovery = single(plan, "aws:servicediscovery/service:Service");
        assert.deepStrictEqual(discovery.inputs.dnsConfig, { namespaceId: namespace.outputs.id, routingPolicy: "MULTIVALUE", dnsRecords: [{ type: "A", ttl: 10 }] });
        const service = single(plan, "aws:ecs/service:Service").inputs as Json;
        assert.deepStrictEqual(service.serviceRegistries, { registryArn: arnOf(discovery) });
        assert.deepStrictEqual(service.loadBalancers, [{ targetGroupArn: TARGET_GROUP, containerName: "keycloak", containerPort: 8080 }]);
        assert.deepStrictEqual([service.cluster, service.launchType, service.desiredCount, service.networkConfiguration],
            [CLUSTER, "FARGATE", 1, { subnets: ["subnet-a", "subnet-b"], securityGroups: [single(plan, "aws:ec2/securityGroup:SecurityGroup", "kc-sg").outputs.id, "sg-dbclient"], assignPublicIp: false }]);
        assert.deepStrictEqual((single(registry, "aws:ecs/service:Service").inputs as Json).loadBalancers, []);
        const definition = single(plan, "aws:ecs/taskDefinition:TaskDefinition").inputs as Json;
        assert.deepStrictEqual([definition.family, definition.cpu, definition.memory, definition.runtimePlatform, definition.taskRoleArn],
            ["orthanc-test-keycloak", "1024", "2048", { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" }, undefined]);
    });

    it("lets ECS read only the four secrets, decrypt through Secrets Manager, write its log group and pull its two repositories", () => {
        const policy = jsonInput(single(plan, "aws:iam/rolePolicy:RolePolicy", "kc-execution"), "policy");
        const secrets = ["database", "admin", "auth-service"].map((what) => arnOf(single(plan, "aws:secretsmanager/secret:Secret", `kc-secrets-${what}`)));
        const repositories = ofType(plan, "aws:ecr/repository:Repository").map(arnOf);
        assert.strictEqual(repositories.length, 2);
        assert.deepStrictEqual(policy, keycloakExecutionPolicy({
            secretArns: [MASTER_SECRET, ...secrets], secretKeyArns: [DATA_KEY], region: TEST_REGION, pullThroughCache: false,
            logGroupArn: arnOf(single(plan, "aws:cloudwatch/logGroup:LogGroup")), repositoryArns: repositories,
        }));
        assert.deepStrictEqual(policy.Statement.map((statement: Json) => statement.Sid), ["ReadKeycloakSecrets", "DecryptKeycloakSecrets", "WriteKeycloakLogs", "AuthenticateToEcr", "PullKeycloakImages"]);
        assert.deepStrictEqual(ofType(registry, "aws:iam/rolePolicy:RolePolicy").flatMap((r) => jsonInput(r, "policy").Statement.map((s: Json) => s.Sid)),
            ["ReadKeycloakSecrets", "DecryptKeycloakSecrets", "WriteKeycloakLogs"]);
        assert.deepStrictEqual(single(plan, "aws:cloudwatch/logGroup:LogGroup").inputs, { name: "/ecs/orthanc-test-keycloak", kmsKeyId: LOGS_KEY, retentionInDays: 30 });
    });

    it("takes both images through the stack's pull-through cache prefix without a rule of its own", async () => {
        const cached = await deploy("pullThroughCache", false);
        assert.deepStrictEqual(jsonInput(single(cached, "aws:ecs/taskDefinition:TaskDefinition"), "containerDefinitions").map((c: Json) => c.image), [
            "123456789012.dkr.ecr.eu-central-1.amazonaws.com/orthanc-test-hub/library/postgres:17.12-trixie",
            "123456789012.dkr.ecr.eu-central-1.amazonaws.com/orthanc-test-hub/orthancteam/orthanc-keycloak:26.4.0",
        ]);
        assert.strictEqual(ofType(cached, "aws:ecr/pullThroughCacheRule:PullThroughCacheRule").length, 0);
    });

    it("parents every child to its component", () => {
        const service = single(plan, "orthanc-aws:identity:KeycloakService");
        const secrets = single(plan, "orthanc-aws:identity:KeycloakSecrets");
        for (const resource of plan.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:"))) {
            const chain = ancestors(plan, resource);
            assert.ok(chain.includes(service.urn) || chain.includes(secrets.urn), `${resource.name} is outside the components`);
        }
    });
});
