import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AuditConfig, ComputeConfig } from "../../config/types";
import {
    buildOrthancConfiguration, ORTHANC_DICOM_PORT, ORTHANC_HTTP_PORT, ORTHANC_STORAGE_DIRECTORY, OrthancSettings,
} from "./orthancConfiguration";
import { OrthancAdminSecret } from "./adminSecret";
import { auditQueryName, auditQueryString, orthancLogRetentionDays } from "./orthancAudit";
import { AuthServiceSecret } from "./authServiceSecret";
import { orthancAccounts, usesAuthService } from "./orthancIdentity";
import { OrthancUserSecrets } from "./userSecrets";
import { AUTH_SERVICE_IMAGE } from "../identity";
import { CONTAINER_FILES_DIRECTORY } from "./containerFiles";
import { httpNodeCredentials, usesDicomTls } from "./dicomNetworkSettings";
import { DicomTlsIdentity } from "./dicomTlsIdentity";
import { EcsEc2Capacity } from "./ec2Capacity";
import { OrthancImageMirror } from "./imageMirror";
import { OrthancImageCache } from "./imagePullThroughCache";
import { deploymentSettings } from "./deploymentMode";
import { SecretRotationRollout } from "./secretRotationRollout";
import { OrthancServiceNetwork } from "./orthancServiceNetwork";
import { OrthancBucketInputs, OrthancEfsInputs, OrthancTask } from "./orthancTask";
import {
    containerHostBounds, cpuArchitecture, ORTHANC_CONTAINER_NAME,
} from "./orthancTaskSettings";

/** What the database component provides. */
export interface OrthancDatabaseInputs {
    address: pulumi.Input<string>;
    port: pulumi.Input<number>;
    databaseName: pulumi.Input<string>;
    /** Secrets Manager secret with JSON keys `username` and `password` (e.g. the RDS-managed master secret). */
    secretArn: pulumi.Input<string>;
    /** KMS key encrypting that secret. @default the data key */
    secretKeyArn?: pulumi.Input<string>;
    /** Security group the tasks carry to reach the database (the database admits only it). */
    clientSecurityGroupId: pulumi.Input<string>;
    /** The instance's `max_connections`, shared by all Orthanc tasks. */
    maxConnections: number;
}

/** What the load balancer provides. */
/** The DICOM TLS Network Load Balancer. */
export interface OrthancTargetInputs {
    securityGroupId: pulumi.Input<string>;
    dicomTargetGroupArn: pulumi.Input<string>;
    /** Listeners that must exist before ECS attaches targets. */
    listeners: pulumi.Resource[];
}

/** The web tier's Application Load Balancer, which reaches Orthanc's HTTP port. */
export interface OrthancWebInputs {
    securityGroupId: pulumi.Input<string>;
    httpTargetGroupArn: pulumi.Input<string>;
    /** The HTTPS listener, which must exist before ECS attaches targets. */
    listener: pulumi.Resource;
    /** The name browsers and DICOMweb clients reach Orthanc at (DICOMweb's absolute URLs). */
    hostName: pulumi.Input<string>;
}

/** The internal load balancer of the plain-DICOM listener (`privateDicom.enabled`). */
export interface OrthancPrivateDicomInputs {
    securityGroupId: pulumi.Input<string>;
    dicomTargetGroupArn: pulumi.Input<string>;
    listeners: pulumi.Resource[];
}

/** What the file-storage component provides. */
export interface OrthancServiceEfsInputs extends OrthancEfsInputs {
    /** Security group the tasks (and, on EC2, their hosts) carry to reach the mount targets. */
    clientSecurityGroupId: pulumi.Input<string>;
    /** One mount target per zone: a task's mount fails until its zone's target is available, so the service waits for them. */
    mountTargets: pulumi.Resource[];
}

/** Where Keycloak is (KeycloakService in components/identity), for identity.mode keycloak. */
export interface OrthancKeycloakInputs {
    /** `https://<host>/keycloak`: where Orthanc Explorer 2 and the viewers send people to sign in. */
    publicUrl: pulumi.Input<string>;
    /** Keycloak inside the VPC (`http://keycloak.<namespace>:8080/keycloak`): where the auth service reads the realm. */
    internalUrl: pulumi.Input<string>;
    /**
     * Secret (JSON key `clientSecret`) of the realm's `admin-cli` client, which orthanc-auth-service uses for API
     * keys and the roles editor (shares/keycloak_admin.py). Unset: sign-in works, API keys and the editor do not.
     */
    authServiceClientSecretArn?: pulumi.Input<string>;
    /** KMS key of that secret. @default the data key */
    authServiceClientSecretKeyArn?: pulumi.Input<string>;
}

export interface OrthancServiceArgs {
    /** `<namespace>-<stack>`: prefix of the task family, the admin secret and the mirror repository. */
    namePrefix: string;
    region: string;
    compute: ComputeConfig;
    /** The settings Orthanc's own configuration is generated from. */
    orthanc: OrthancSettings;
    /** The stack's tags, for the EC2 hosts that the provider's default tags do not reach. */
    hostTags: Record<string, string>;
    logRetentionDays: number;
    /** The audit trail: its lines are in the Orthanc log group, which keeps them `audit.logRetentionDays`. */
    audit: AuditConfig;
    vpcId: pulumi.Input<string>;
    privateSubnetIds: pulumi.Input<string[]>;
    dataKeyArn: pulumi.Input<string>;
    logsKeyArn: pulumi.Input<string>;
    database: OrthancDatabaseInputs;
    /** With `storage.backend: efs`: the file system, its access point, and how the tasks reach it. */
    efs?: OrthancServiceEfsInputs;
    /** With `storage.backend: s3`: the image bucket. */
    bucket?: OrthancBucketInputs;
    loadBalancer: OrthancTargetInputs;
    web: OrthancWebInputs;
    /** With `privateDicom.enabled`: the internal plain-DICOM load balancer. */
    privateDicom?: OrthancPrivateDicomInputs;
    /** With identity.mode keycloak: where Keycloak is. */
    keycloak?: OrthancKeycloakInputs;
    /** CPU utilisation the service's autoscaling keeps. @default 60 */
    targetCpuPercent?: number;
}

/**
 * Orthanc as an ECS service on Fargate or EC2: cluster with Container Insights, the task (its image optionally
 * pulled through the account's ECR), autoscaling on CPU, a circuit breaker that rolls back failed deployments, timings
 * that ride out a Multi-AZ failover, the deployment mode of `compute.deployment`, and a forced redeployment whenever
 * one of the task's secrets rotates.
 */
/** An image as the task pulls it, and its ECR repository when it is one (the execution role may pull from it). */
interface ImageSupply {
    image: pulumi.Input<string>;
    repositoryArn?: pulumi.Input<string>;
}

export class OrthancService extends pulumi.ComponentResource {
    readonly clusterName: pulumi.Output<string>;
    readonly clusterArn: pulumi.Output<string>;
    readonly serviceName: pulumi.Output<string>;
    /** The state machine that redeploys the service after a secret rotation. */
    readonly rotationStateMachineArn: pulumi.Output<string>;
    /** The break-glass admin's secret (loaded into the tasks only with identity.breakGlass). */
    readonly adminSecretName: pulumi.Output<string>;
    /** Basic mode: login → name of that person's password secret (empty otherwise). */
    readonly userSecretNames: pulumi.Output<Record<string, string>>;
    readonly logGroupName: pulumi.Output<string>;
    /** The saved CloudWatch Logs Insights query "who accessed what" over the audit lines. */
    readonly auditQueryName: pulumi.Output<string>;
    readonly taskSecurityGroupId: pulumi.Output<string>;
    /** Orthanc's DICOM TLS certificate (PEM) for modalities' trust stores, when the stack generated it. */
    readonly dicomTlsCertificate?: pulumi.Output<string>;

    constructor(name: string, args: OrthancServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("orthanc-aws:compute:OrthancService", name, {}, opts);
        const { compute } = args;
        const storageBackend = args.orthanc.storage.backend;
        const targetCpuPercent = args.targetCpuPercent ?? 60;
        const secretKeyArn = args.database.secretKeyArn ?? args.dataKeyArn;
        const family = `${args.namePrefix}-orthanc`;

        const cluster = new aws.ecs.Cluster(`${name}-cluster`, {
            settings: [{ name: "containerInsights", value: "enabled" }],
        }, { parent: this });

        // The break-glass account: always kept, loaded into the tasks only with identity.breakGlass.
        const admin = new OrthancAdminSecret(`${name}-admin`, {
            namePrefix: `${args.namePrefix}/orthanc-admin-`,
            dataKeyArn: args.dataKeyArn,
        }, { parent: this });

        const { orthanc: settings } = args;
        const { identity } = settings;
        const keycloak = usesAuthService(identity) ? args.keycloak : undefined;
        if (usesAuthService(identity) && keycloak === undefined) {
            throw new Error("identity.mode is keycloak but the Orthanc service was given no Keycloak (keycloak: publicUrl, internalUrl).");
        }
        const people = identity.mode === "basic" && identity.users.length > 0
            ? new OrthancUserSecrets(`${name}-users`, { namePrefix: `${args.namePrefix}/orthanc-user-`, users: identity.users, dataKeyArn: args.dataKeyArn }, { parent: this })
            : undefined;
        const authServiceSecret = keycloak !== undefined
            ? new AuthServiceSecret(`${name}-auth-service`, { namePrefix: `${args.namePrefix}/orthanc-auth-service-`, dataKeyArn: args.dataKeyArn }, { parent: this })
            : undefined;
        const accounts = pulumi.all([people?.secretArns ?? {}, admin.secretArn]).apply(([userSecretArns, adminSecretArn]) =>
            orthancAccounts(identity, userSecretArns, adminSecretArn));
        const privateDicom = settings.privateDicom.enabled ? args.privateDicom : undefined;
        if (settings.privateDicom.enabled && privateDicom === undefined) {
            throw new Error("privateDicom.enabled is true but the Orthanc service was given no internal load balancer (privateDicom).");
        }
        const network = new OrthancServiceNetwork(`${name}-network`, {
            vpcId: args.vpcId,
            loadBalancerSecurityGroupIds: [args.loadBalancer.securityGroupId, ...(privateDicom ? [privateDicom.securityGroupId] : [])],
            webSecurityGroupId: args.web.securityGroupId,
            dicomNetwork: settings.dicomNetwork,
        }, { parent: this });
        const efs = storageBackend === "efs" ? args.efs : undefined;
        const taskSecurityGroups = [
            network.taskSecurityGroupId,
            args.database.clientSecurityGroupId,
            ...(efs !== undefined ? [efs.clientSecurityGroupId] : []),
        ];

        const orthancConfiguration = pulumi.all([
            args.database.address, args.database.port, args.database.databaseName, args.bucket?.bucketName, args.web.hostName, keycloak?.publicUrl,
        ]).apply(([databaseHost, databasePort, databaseName, bucketName, publicHostName, keycloakPublicUrl]) => buildOrthancConfiguration(args.orthanc, {
            databaseHost, databasePort, databaseName, databaseMaxConnections: args.database.maxConnections, bucketName,
            storageDirectory: ORTHANC_STORAGE_DIRECTORY, httpPort: ORTHANC_HTTP_PORT, dicomPort: ORTHANC_DICOM_PORT,
            publicHostName, filesDirectory: CONTAINER_FILES_DIRECTORY, keycloakPublicUrl,
        }));

        // Orthanc's own DICOM TLS identity: the configured secret, or a generated key and self-signed certificate.
        const generatedIdentity = usesDicomTls(settings.dicomNetwork) && settings.dicomNetwork.clientCertificateSecretArn === undefined
            ? new DicomTlsIdentity(`${name}-dicom-tls`, {
                namePrefix: `${args.namePrefix}/orthanc-dicom-tls-`,
                commonName: `${settings.endpoint.aeTitle} ${args.namePrefix}`,
                dataKeyArn: args.dataKeyArn,
            }, { parent: this })
            : undefined;
        const dicomTlsSecretArn = usesDicomTls(settings.dicomNetwork)
            ? generatedIdentity?.secretArn ?? pulumi.output(settings.dicomNetwork.clientCertificateSecretArn!)
            : undefined;
        const usesNetworkSecrets = dicomTlsSecretArn !== undefined || httpNodeCredentials(settings.dicomNetwork).length > 0;

        const supply = this.imageSupply(name, args, keycloak !== undefined ? AUTH_SERVICE_IMAGE : undefined);
        const deployment = deploymentSettings(compute);

        const task = new OrthancTask(`${name}-task`, {
            family,
            launchType: compute.launchType,
            instanceType: compute.instanceType,
            fargateArchitecture: compute.cpuArchitecture,
            cpu: compute.cpu,
            memory: compute.memory,
            region: args.region,
            image: supply.image,
            repositoryArn: supply.repositoryArn,
            pullThroughCache: compute.imageSource === "pullThroughCache",
            healthCheck: deployment.healthCheck,
            orthancConfiguration,
            databaseSecretArn: args.database.secretArn,
            databaseSecretKeyArn: secretKeyArn,
            accounts,
            identitySecretsKeyArn: args.dataKeyArn,
            authService: keycloak !== undefined && authServiceSecret !== undefined ? {
                image: supply.authService?.image ?? AUTH_SERVICE_IMAGE,
                repositoryArn: supply.authService?.repositoryArn,
                secretArn: authServiceSecret.secretArn,
                keycloakClientSecretArn: keycloak.authServiceClientSecretArn,
                keycloakClientSecretKeyArn: keycloak.authServiceClientSecretArn !== undefined ? keycloak.authServiceClientSecretKeyArn ?? args.dataKeyArn : undefined,
                keycloakInternalUrl: keycloak.internalUrl,
                publicOrthancRoot: pulumi.interpolate`https://${args.web.hostName}/`,
            } : undefined,
            containerSettings: { viewers: settings.viewers, dicomNetwork: settings.dicomNetwork, identity },
            dicomTlsSecretArn,
            // Secrets the stack does not create must be encrypted with the data key (README, dicomNetwork).
            networkSecretsKeyArn: usesNetworkSecrets ? args.dataKeyArn : undefined,
            storageBackend,
            efs: args.efs,
            bucket: args.bucket,
            logsKeyArn: args.logsKeyArn,
            logRetentionDays: orthancLogRetentionDays(args.logRetentionDays, args.audit.logRetentionDays),
        }, { parent: this });

        const auditQuery = new aws.cloudwatch.QueryDefinition(`${name}-audit-query`, {
            name: auditQueryName(args.namePrefix),
            logGroupNames: [task.logGroupName],
            queryString: auditQueryString(),
        }, { parent: this });

        const placement = this.placement(name, args, cluster);

        const service = new aws.ecs.Service(`${name}-service`, {
            cluster: cluster.arn,
            taskDefinition: task.taskDefinitionArn,
            desiredCount: compute.deployment === "maintenance" ? 1 : compute.desiredCount,
            ...placement.serviceArgs,
            networkConfiguration: { subnets: args.privateSubnetIds, securityGroups: taskSecurityGroups, assignPublicIp: false },
            loadBalancers: [
                { targetGroupArn: args.web.httpTargetGroupArn, containerName: ORTHANC_CONTAINER_NAME, containerPort: ORTHANC_HTTP_PORT },
                { targetGroupArn: args.loadBalancer.dicomTargetGroupArn, containerName: ORTHANC_CONTAINER_NAME, containerPort: ORTHANC_DICOM_PORT },
                ...(privateDicom ? [{ targetGroupArn: privateDicom.dicomTargetGroupArn, containerName: ORTHANC_CONTAINER_NAME, containerPort: ORTHANC_DICOM_PORT }] : []),
            ],
            healthCheckGracePeriodSeconds: deployment.gracePeriodSeconds,
            deploymentCircuitBreaker: { enable: true, rollback: true },
            deploymentMinimumHealthyPercent: deployment.minimumHealthyPercent,
            deploymentMaximumPercent: deployment.maximumPercent,
            enableExecuteCommand: false,
            enableEcsManagedTags: true,
            propagateTags: "SERVICE",
        }, {
            parent: this,
            dependsOn: [args.web.listener, ...args.loadBalancer.listeners, ...(privateDicom?.listeners ?? []), ...placement.dependsOn, ...(efs?.mountTargets ?? [])],
            // Autoscaling owns the running count once the service exists (a maintenance deployment pins its bounds to 1).
            ignoreChanges: ["desiredCount"],
        });

        const scalingTarget = new aws.appautoscaling.Target(`${name}-scaling`, {
            serviceNamespace: "ecs",
            scalableDimension: "ecs:service:DesiredCount",
            resourceId: pulumi.interpolate`service/${cluster.name}/${service.name}`,
            minCapacity: deployment.minTasks,
            maxCapacity: deployment.maxTasks,
        }, { parent: this });
        new aws.appautoscaling.Policy(`${name}-cpu`, {
            policyType: "TargetTrackingScaling",
            serviceNamespace: scalingTarget.serviceNamespace,
            scalableDimension: scalingTarget.scalableDimension,
            resourceId: scalingTarget.resourceId,
            targetTrackingScalingPolicyConfiguration: {
                predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageCPUUtilization" },
                targetValue: targetCpuPercent,
                scaleOutCooldown: 60,
                scaleInCooldown: 300,
            },
        }, { parent: this });

        const rotation = new SecretRotationRollout(`${name}-rotation`, {
            clusterArn: cluster.arn,
            serviceName: service.name,
            serviceArn: service.arn,
            secretArns: task.secretArns,
        }, { parent: this });

        this.clusterName = cluster.name;
        this.clusterArn = cluster.arn;
        this.rotationStateMachineArn = rotation.stateMachineArn;
        this.serviceName = service.name;
        this.adminSecretName = admin.secretName;
        this.userSecretNames = people?.secretNames ?? pulumi.output<Record<string, string>>({});
        this.logGroupName = task.logGroupName;
        this.auditQueryName = auditQuery.name;
        this.taskSecurityGroupId = network.taskSecurityGroupId;
        this.dicomTlsCertificate = generatedIdentity?.certificatePem;
        this.registerOutputs({
            clusterName: this.clusterName, clusterArn: this.clusterArn, serviceName: this.serviceName, adminSecretName: this.adminSecretName,
            logGroupName: this.logGroupName, auditQueryName: this.auditQueryName, taskSecurityGroupId: this.taskSecurityGroupId,
        });
    }

    /**
     * Where tasks pull their images: the stack's ECR mirrors, an ECR pull-through cache of Docker Hub, or the registry
     * named. The auth-service sidecar's image (identity.mode keycloak) goes the same way as Orthanc's, so that tasks
     * never pull anonymously from Docker Hub.
     */
    private imageSupply(name: string, args: OrthancServiceArgs, authServiceImage: string | undefined): ImageSupply & { authService?: ImageSupply } {
        const { compute } = args;
        const repositoryPrefix = args.namePrefix;
        switch (compute.imageSource) {
            case "mirror": {
                // The sidecar runs in the same task: the same platform.
                const platform = cpuArchitecture(compute.launchType, compute.instanceType, compute.cpuArchitecture) === "ARM64" ? "linux/arm64" : "linux/amd64";
                const mirror = (mirrorName: string, sourceImage: string): ImageSupply => {
                    const copy = new OrthancImageMirror(mirrorName, { sourceImage, repositoryPrefix, dataKeyArn: args.dataKeyArn, platform }, { parent: this });
                    return { image: copy.imageUri, repositoryArn: copy.repositoryArn };
                };
                return {
                    ...mirror(`${name}-image`, compute.image),
                    authService: authServiceImage !== undefined ? mirror(`${name}-auth-service-image`, authServiceImage) : undefined,
                };
            }
            case "pullThroughCache": {
                if (compute.pullThroughCacheCredentialArn === undefined) {
                    throw new Error("compute.imageSource is pullThroughCache but compute.pullThroughCacheCredentialArn is not set.");
                }
                const cache = new OrthancImageCache(`${name}-image-cache`, {
                    sourceImage: compute.image,
                    resourcePrefix: repositoryPrefix,
                    credentialArn: compute.pullThroughCacheCredentialArn,
                    dataKeyArn: args.dataKeyArn,
                    region: args.region,
                }, { parent: this });
                const sidecar = authServiceImage !== undefined ? cache.cachedImage(authServiceImage) : undefined;
                return {
                    image: cache.imageUri, repositoryArn: cache.repositoryArn,
                    authService: sidecar !== undefined ? { image: sidecar.imageUri, repositoryArn: sidecar.repositoryArn } : undefined,
                };
            }
            case "registry":
                return { image: compute.image, authService: authServiceImage !== undefined ? { image: authServiceImage } : undefined };
        }
    }

    /** Fargate, or the EC2 capacity provider with tasks spread over zones and hosts. */
    private placement(name: string, args: OrthancServiceArgs, cluster: aws.ecs.Cluster): { serviceArgs: Partial<aws.ecs.ServiceArgs>; dependsOn: pulumi.Resource[] } {
        const { compute } = args;
        if (compute.launchType === "fargate" && !compute.fargateSpot) {
            return { serviceArgs: { launchType: "FARGATE", platformVersion: "LATEST" }, dependsOn: [] };
        }
        if (compute.launchType === "fargate") {
            // Fargate Spot is a capacity provider of the cluster, used through the service's strategy.
            const spot = [{ capacityProvider: "FARGATE_SPOT", weight: 1, base: 0 }];
            const providers = new aws.ecs.ClusterCapacityProviders(`${name}-capacity`, {
                clusterName: cluster.name,
                capacityProviders: ["FARGATE", "FARGATE_SPOT"],
                defaultCapacityProviderStrategies: spot,
            }, { parent: this });
            return { serviceArgs: { capacityProviderStrategies: spot, platformVersion: "LATEST" }, dependsOn: [providers] };
        }
        const capacity = new EcsEc2Capacity(`${name}-ec2`, {
            clusterName: cluster.name,
            clusterArn: cluster.arn,
            instanceType: compute.instanceType,
            vpcId: args.vpcId,
            privateSubnetIds: args.privateSubnetIds,
            dataKeyArn: args.dataKeyArn,
            region: args.region,
            tags: args.hostTags,
            additionalSecurityGroupIds: args.orthanc.storage.backend === "efs" && args.efs !== undefined ? [args.efs.clientSecurityGroupId] : [],
            ...containerHostBounds(compute),
        }, { parent: this });
        const strategy = [{ capacityProvider: capacity.capacityProviderName, weight: 1, base: 0 }];
        const association = new aws.ecs.ClusterCapacityProviders(`${name}-capacity`, {
            clusterName: cluster.name,
            capacityProviders: [capacity.capacityProviderName],
            defaultCapacityProviderStrategies: strategy,
        }, { parent: this });
        return {
            serviceArgs: {
                capacityProviderStrategies: strategy,
                orderedPlacementStrategies: [
                    { type: "spread", field: "attribute:ecs.availability-zone" },
                    { type: "spread", field: "instanceId" },
                ],
            },
            dependsOn: [association],
        };
    }
}
