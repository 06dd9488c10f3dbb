import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ImageSource } from "../../config/types";
import { cachedRepositoryPath, OrthancImageMirror, pullThroughCachePrefix } from "../compute";
import {
    KEYCLOAK_CONTAINER_NAME, KEYCLOAK_HTTP_PORT, KEYCLOAK_IMAGE, KEYCLOAK_MANAGEMENT_PORT,
    keycloakContainerDefinitions, POSTGRES_CLIENT_IMAGE,
} from "./keycloakContainers";
import { KEYCLOAK_DATABASE_ROLE } from "./keycloakSecrets";
import { keycloakInternalUrl, keycloakNamespaceName, keycloakPublicUrl, KEYCLOAK_SERVICE_NAME } from "./keycloakNetwork";
import { ecsTaskTrustPolicy, keycloakExecutionPolicy } from "./keycloakPolicies";
import { keycloakRealm } from "./keycloakRealm";

export interface KeycloakDatabaseInputs {
    address: pulumi.Input<string>;
    port: pulumi.Input<number>;
    /** The Orthanc index database (Keycloak's role is kept out of it). */
    orthancDatabaseName: pulumi.Input<string>;
    /** The RDS-managed master secret (JSON `username`, `password`), encrypted with the data key. */
    masterSecretArn: pulumi.Input<string>;
    /** The group the database admits. */
    clientSecurityGroupId: pulumi.Input<string>;
}

/** What KeycloakSecrets provides. */
export interface KeycloakSecretInputs {
    databaseSecretArn: pulumi.Input<string>;
    bootstrapAdminSecretArn: pulumi.Input<string>;
    authServiceClientSecretArn: pulumi.Input<string>;
    /** The secrets' values (tasks start after them). */
    versions: pulumi.Resource[];
}

/** The ALB's Keycloak target group and security group (components/endpoint `WebLoadBalancer`). */
export interface KeycloakLoadBalancerInputs {
    targetGroupArn: pulumi.Input<string>;
    securityGroupId: pulumi.Input<string>;
    /** Listeners that must exist before ECS registers targets. @default none */
    listeners?: pulumi.Resource[];
}

export interface KeycloakServiceArgs {
    /** `<namespace>-<stack>`: task family, log group, Cloud Map namespace, ECR repositories. */
    namePrefix: string;
    region: string;
    /** The stack's ECS cluster; the service runs with launch type FARGATE whatever the cluster's capacity providers. */
    clusterArn: pulumi.Input<string>;
    vpcId: pulumi.Input<string>;
    privateSubnetIds: pulumi.Input<string[]>;
    cpu: number;
    memory: number;
    /** DNS name users reach the stack at: Keycloak's public URL is https://<it>/keycloak. */
    publicHostName: pulumi.Input<string>;
    database: KeycloakDatabaseInputs;
    secrets: KeycloakSecretInputs;
    dataKeyArn: pulumi.Input<string>;
    logsKeyArn: pulumi.Input<string>;
    logRetentionDays: number;
    /** Groups of the Orthanc tasks (the auth-service sidecar): they reach Keycloak on 8080. */
    authServiceSecurityGroupIds: pulumi.Input<string>[];
    /** The ALB in front of /keycloak. Absent: Keycloak is reachable only inside the VPC. @default none */
    loadBalancer?: KeycloakLoadBalancerInputs;
    /** `compute.imageSource`: mirror both images into ECR, take them through the stack's pull-through cache, or pull as named. */
    imageSource: ImageSource;
    /** @default orthancteam/orthanc-keycloak:26.4.0 (KEYCLOAK_IMAGE) */
    keycloakImage?: string;
    /** @default postgres:17.12-trixie (POSTGRES_CLIENT_IMAGE) */
    postgresClientImage?: string;
}

/**
 * Keycloak as a private ECS service on the stack's cluster: a Fargate task whose init container creates Keycloak's
 * database and role on the stack's RDS instance before Keycloak starts with the generated `orthanc` realm; its own
 * security group (in from the ALB on 8080/9000 and the Orthanc tasks on 8080); a Cloud Map name inside the VPC; the
 * ALB's Keycloak target group.
 */
export class KeycloakService extends pulumi.ComponentResource {
    /** http://keycloak.<namespace>:8080/keycloak */
    readonly internalUrl: pulumi.Output<string>;
    /** https://<host>/keycloak */
    readonly publicUrl: pulumi.Output<string>;
    readonly authServiceClientSecretArn: pulumi.Output<string>;
    readonly securityGroupId: pulumi.Output<string>;
    readonly serviceName: pulumi.Output<string>;
    readonly logGroupName: pulumi.Output<string>;

    constructor(name: string, args: KeycloakServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("orthanc-aws:identity:KeycloakService", name, {}, opts);
        const keycloakImage = args.keycloakImage ?? KEYCLOAK_IMAGE;
        const postgresClientImage = args.postgresClientImage ?? POSTGRES_CLIENT_IMAGE;
        const family = `${args.namePrefix}-keycloak`;
        const namespaceName = keycloakNamespaceName(args.namePrefix);
        const identity = aws.getCallerIdentityOutput({}, { parent: this });
        const partition = aws.getPartitionOutput({}, { parent: this });

        const group = new aws.ec2.SecurityGroup(`${name}-sg`, {
            vpcId: args.vpcId,
            description: "Keycloak tasks: HTTP from the ALB and the Orthanc tasks, management from the ALB",
        }, { parent: this });
        const ingress = (suffix: string, from: pulumi.Input<string>, port: number, description: string): void => {
            new aws.vpc.SecurityGroupIngressRule(`${name}-from-${suffix}`, {
                securityGroupId: group.id, referencedSecurityGroupId: from, ipProtocol: "tcp", fromPort: port, toPort: port, description,
            }, { parent: this });
        };
        const egress = (suffix: string, groupId: pulumi.Input<string>, port: number, description: string): void => {
            new aws.vpc.SecurityGroupEgressRule(`${name}-${suffix}`, {
                securityGroupId: groupId, referencedSecurityGroupId: group.id, ipProtocol: "tcp", fromPort: port, toPort: port, description,
            }, { parent: this });
        };
        args.authServiceSecurityGroupIds.forEach((groupId, index) => {
            const suffix = index === 0 ? "orthanc" : `orthanc-${index + 1}`;
            ingress(suffix, groupId, KEYCLOAK_HTTP_PORT, "Keycloak HTTP from the Orthanc tasks (auth service)");
            egress(`${suffix}-to-keycloak`, groupId, KEYCLOAK_HTTP_PORT, "Orthanc tasks (auth service) to Keycloak HTTP");
        });
        if (args.loadBalancer !== undefined) {
            ingress("alb-http", args.loadBalancer.securityGroupId, KEYCLOAK_HTTP_PORT, "Keycloak HTTP from the ALB");
            ingress("alb-management", args.loadBalancer.securityGroupId, KEYCLOAK_MANAGEMENT_PORT, "Keycloak health checks from the ALB");
            // The ALB's own group already sends to these ports inside the VPC (components/endpoint webEgressPorts).
        }
        // Image pulls (ECR or the registry), Secrets Manager and CloudWatch Logs, through the endpoints or the NAT gateways.
        new aws.vpc.SecurityGroupEgressRule(`${name}-https-out`, {
            securityGroupId: group.id, cidrIpv4: "0.0.0.0/0", ipProtocol: "tcp", fromPort: 443, toPort: 443, description: "HTTPS to AWS APIs and the image registry",
        }, { parent: this });

        const namespace = new aws.servicediscovery.PrivateDnsNamespace(`${name}-namespace`, {
            name: namespaceName, vpc: args.vpcId, description: "Private names of the stack's services (Keycloak for the auth service)",
        }, { parent: this });
        const discovery = new aws.servicediscovery.Service(`${name}-discovery`, {
            name: KEYCLOAK_SERVICE_NAME,
            namespaceId: namespace.id,
            dnsConfig: { namespaceId: namespace.id, routingPolicy: "MULTIVALUE", dnsRecords: [{ type: "A", ttl: 10 }] },
            // ECS reports task health to Cloud Map (the container health check): unhealthy tasks leave the answers.
            healthCheckCustomConfig: {},
            forceDestroy: true,
        }, { parent: this });

        const logGroup = new aws.cloudwatch.LogGroup(`${name}-logs`, {
            name: `/ecs/${family}`, kmsKeyId: args.logsKeyArn, retentionInDays: args.logRetentionDays,
        }, { parent: this });

        const images = this.imageSupply(name, args, [keycloakImage, postgresClientImage], identity.accountId, partition.partition);
        const secretArns = pulumi.all([args.database.masterSecretArn, args.secrets.databaseSecretArn, args.secrets.bootstrapAdminSecretArn, args.secrets.authServiceClientSecretArn]);
        const executionRole = new aws.iam.Role(`${name}-execution-role`, {
            description: "ECS starting Keycloak tasks: their secrets, log group and images",
            assumeRolePolicy: pulumi.all([identity.accountId, partition.partition]).apply(([accountId, partitionName]) =>
                JSON.stringify(ecsTaskTrustPolicy(accountId, partitionName, args.region))),
        }, { parent: this });
        const executionPolicy = new aws.iam.RolePolicy(`${name}-execution`, {
            role: executionRole.id,
            policy: pulumi.all([secretArns, args.dataKeyArn, logGroup.arn, pulumi.all(images.repositoryArns)]).apply(([secrets, keyArn, logGroupArn, repositoryArns]) =>
                JSON.stringify(keycloakExecutionPolicy({
                    secretArns: secrets, secretKeyArns: [keyArn], logGroupArn, region: args.region, repositoryArns,
                    pullThroughCache: args.imageSource === "pullThroughCache",
                }))),
        }, { parent: this });

        const publicUrl = pulumi.output(args.publicHostName).apply(keycloakPublicUrl);
        const containerDefinitions = pulumi.all([
            pulumi.all(images.uris), args.database.address, args.database.port, args.database.orthancDatabaseName, args.publicHostName, secretArns, logGroup.name,
        ]).apply(([[keycloakUri, postgresUri], host, port, orthancDatabase, hostName, [master, database, admin, client], logGroupName]) =>
            JSON.stringify(keycloakContainerDefinitions({
                keycloakImage: keycloakUri,
                postgresClientImage: postgresUri,
                database: { host, port, database: KEYCLOAK_DATABASE_ROLE, role: KEYCLOAK_DATABASE_ROLE, orthancDatabase },
                publicUrl: keycloakPublicUrl(hostName),
                realmJson: JSON.stringify(keycloakRealm({ hostName })),
                secrets: { masterSecretArn: master, databaseSecretArn: database, bootstrapAdminSecretArn: admin, authServiceClientSecretArn: client },
                logGroupName,
                region: args.region,
            })));
        const taskDefinition = new aws.ecs.TaskDefinition(`${name}-definition`, {
            family,
            networkMode: "awsvpc",
            requiresCompatibilities: ["FARGATE"],
            cpu: String(args.cpu),
            memory: String(args.memory),
            // The image is published for linux/amd64 only.
            runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" },
            executionRoleArn: executionRole.arn,
            containerDefinitions,
        }, { parent: this, dependsOn: [executionPolicy] });

        const service = new aws.ecs.Service(`${name}-service`, {
            cluster: args.clusterArn,
            taskDefinition: taskDefinition.arn,
            // One Keycloak: its caches are local (no cluster discovery configured), and a second node would need them shared.
            desiredCount: 1,
            launchType: "FARGATE",
            platformVersion: "LATEST",
            networkConfiguration: {
                subnets: args.privateSubnetIds, securityGroups: [group.id, args.database.clientSecurityGroupId], assignPublicIp: false,
            },
            serviceRegistries: { registryArn: discovery.arn },
            loadBalancers: args.loadBalancer === undefined ? [] : [{
                targetGroupArn: args.loadBalancer.targetGroupArn, containerName: KEYCLOAK_CONTAINER_NAME, containerPort: KEYCLOAK_HTTP_PORT,
            }],
            healthCheckGracePeriodSeconds: args.loadBalancer === undefined ? undefined : 600,
            deploymentCircuitBreaker: { enable: true, rollback: true },
            // One task: the old one stops first (two Keycloaks would migrate one schema concurrently).
            deploymentMinimumHealthyPercent: 0,
            deploymentMaximumPercent: 100,
            enableExecuteCommand: false,
            enableEcsManagedTags: true,
            propagateTags: "SERVICE",
        }, { parent: this, dependsOn: [...args.secrets.versions, ...(args.loadBalancer?.listeners ?? [])] });

        this.internalUrl = pulumi.output(keycloakInternalUrl(namespaceName));
        this.publicUrl = publicUrl;
        this.authServiceClientSecretArn = pulumi.output(args.secrets.authServiceClientSecretArn);
        this.securityGroupId = group.id;
        this.serviceName = service.name;
        this.logGroupName = logGroup.name;
        this.registerOutputs({
            internalUrl: this.internalUrl, publicUrl: this.publicUrl, authServiceClientSecretArn: this.authServiceClientSecretArn,
            securityGroupId: this.securityGroupId, serviceName: this.serviceName, logGroupName: this.logGroupName,
        });
    }

    /** The two images by `compute.imageSource`: each mirrored into its ECR repository, taken through the stack's cache rule, or as named. */
    private imageSupply(name: string, args: KeycloakServiceArgs, sources: string[], accountId: pulumi.Output<string>, partitionName: pulumi.Output<string>):
        { uris: pulumi.Input<string>[]; repositoryArns: pulumi.Input<string>[] } {
        switch (args.imageSource) {
            case "mirror": {
                const mirrors = sources.map((source, index) => new OrthancImageMirror(`${name}-image${index === 0 ? "" : "-psql"}`, {
                    sourceImage: source, repositoryPrefix: args.namePrefix, dataKeyArn: args.dataKeyArn, platform: "linux/amd64",
                }, { parent: this }));
                return { uris: mirrors.map((mirror) => mirror.imageUri), repositoryArns: mirrors.map((mirror) => mirror.repositoryArn) };
            }
            case "pullThroughCache": {
                // The stack's one cache rule is the Orthanc service's (components/compute): these repositories live under its prefix.
                const paths = sources.map((source) => cachedRepositoryPath(source, pullThroughCachePrefix(args.namePrefix)));
                return {
                    uris: paths.map((path) => pulumi.interpolate`${accountId}.dkr.ecr.${args.region}.amazonaws.com/${path.repository}${path.reference}`),
                    repositoryArns: paths.map((path) => pulumi.interpolate`arn:${partitionName}:ecr:${args.region}:${accountId}:repository/${path.repository}`),
                };
            }
            case "registry":
                return { uris: sources, repositoryArns: [] };
        }
    }
}
