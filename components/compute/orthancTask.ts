import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CpuArchitecture, LaunchType, StorageBackend } from "../../config/types";
import { OrthancConfiguration } from "./orthancConfiguration";
import { containerSecretArns, orthancContainerConfiguration, OrthancContainerSettings } from "./orthancContainer";
import { authServiceContainerDefinition } from "./authServiceSidecar";
import { OrthancAccount, usesAuthService } from "./orthancIdentity";
import { AUTH_SERVICE_CONTAINER_NAME } from "../identity";
import { privateEcrRepositoryArn } from "./imageReference";
import { assumeRolePolicy, orthancExecutionPolicy, orthancTaskPolicy, TaskStorageAccess } from "./orthancPolicies";
import { cpuArchitecture, orthancContainerDefinition, STORAGE_VOLUME_NAME } from "./orthancTaskSettings";
import { ContainerHealthCheck } from "./failoverBudget";

/** The file system behind the `efs` backend. */
export interface OrthancEfsInputs {
    fileSystemId: pulumi.Input<string>;
    fileSystemArn: pulumi.Input<string>;
    accessPointId: pulumi.Input<string>;
    accessPointArn: pulumi.Input<string>;
}

/** The bucket behind the `s3` backend. */
export interface OrthancBucketInputs {
    bucketName: pulumi.Input<string>;
    bucketArn: pulumi.Input<string>;
    /** KMS key of the bucket's SSE-KMS encryption. */
    bucketKeyArn: pulumi.Input<string>;
}

export interface OrthancTaskArgs {
    /** Task-definition family, also used in the log group's name. */
    family: string;
    launchType: LaunchType;
    /** EC2 instance type (its architecture decides the task's); ignored on Fargate. */
    instanceType: string;
    /**
     * CPU architecture of Fargate tasks (`compute.cpuArchitecture`); ignored on EC2.
     * @default "x86_64"
     */
    fargateArchitecture?: CpuArchitecture;
    cpu: number;
    memory: number;
    region: string;
    /** Pinned image reference the tasks run (a public registry, a private ECR repository or the ECR mirror). */
    image: pulumi.Input<string>;
    /**
     * Private ECR repository the image is pulled from; the execution role may pull only from it (and the sidecar's).
     * @default derived from `image` when it is a private ECR URI, else none (no ECR permission)
     */
    repositoryArn?: pulumi.Input<string>;
    /** The repository is an ECR pull-through cache (the first pull imports the image). @default false */
    pullThroughCache?: boolean;
    /** The container's health check; none during a maintenance deployment. */
    healthCheck?: ContainerHealthCheck;
    /** The generated Orthanc document (no credentials). */
    orthancConfiguration: pulumi.Input<OrthancConfiguration>;
    /** Database secret (JSON keys `username`, `password`) and its KMS key. */
    databaseSecretArn: pulumi.Input<string>;
    databaseSecretKeyArn: pulumi.Input<string>;
    /** Orthanc's own accounts (basic mode, break-glass): each password is the `password` key of its secret. */
    accounts: pulumi.Input<OrthancAccount[]>;
    /** KMS key of the accounts' and the auth service's secrets (the data key). */
    identitySecretsKeyArn: pulumi.Input<string>;
    /** With identity.mode keycloak: the auth-service sidecar. */
    authService?: OrthancTaskAuthService;
    /** Viewers and the declared DICOM network: the container's plugin variables, files and credentials. */
    containerSettings: OrthancContainerSettings;
    /** Orthanc's DICOM TLS identity (JSON keys `certificate`, `privateKey`) when a modality uses TLS. */
    dicomTlsSecretArn?: pulumi.Input<string>;
    /**
     * KMS key of the DICOM TLS secret and of the peers' and DICOMweb servers' credential secrets.
     * @default none (no such secrets)
     */
    networkSecretsKeyArn?: pulumi.Input<string>;
    storageBackend: StorageBackend;
    efs?: OrthancEfsInputs;
    bucket?: OrthancBucketInputs;
    logsKeyArn: pulumi.Input<string>;
    logRetentionDays: number;
}

/** The auth-service sidecar: its image, secrets and where Keycloak and Orthanc are. */
export interface OrthancTaskAuthService {
    /** Pinned image reference, supplied like Orthanc's (compute.imageSource: the stack's mirror, the cache, or as named). */
    image: pulumi.Input<string>;
    /**
     * Private ECR repository the sidecar's image is pulled from; the execution role may pull from it too.
     * @default derived from `image` when it is a private ECR URI, else none
     */
    repositoryArn?: pulumi.Input<string>;
    /** The auth service's generated secret (authServiceSecret.ts). */
    secretArn: pulumi.Input<string>;
    /** Keycloak's `admin-cli` client secret (JSON key `clientSecret`), when Keycloak provides it. */
    keycloakClientSecretArn?: pulumi.Input<string>;
    /** KMS key of that client secret. @default identitySecretsKeyArn */
    keycloakClientSecretKeyArn?: pulumi.Input<string>;
    keycloakInternalUrl: pulumi.Input<string>;
    /** Orthanc's public https root (share and landing links). */
    publicOrthancRoot: pulumi.Input<string>;
}

/** The Orthanc task definition with its log group, a task role limited to its storage and an execution role limited to its secrets, logs and image. */
export class OrthancTask extends pulumi.ComponentResource {
    readonly taskDefinitionArn: pulumi.Output<string>;
    readonly logGroupName: pulumi.Output<string>;
    readonly taskRoleArn: pulumi.Output<string>;
    readonly executionRoleArn: pulumi.Output<string>;
    /** The secrets the task's containers read at start (for the rotation rollout). */
    readonly secretArns: pulumi.Output<string[]>;

    constructor(name: string, args: OrthancTaskArgs, opts?: pulumi.ComponentResourceOptions) {
        super("orthanc-aws:compute:OrthancTask", name, {}, opts);
        const storage = storageAccess(args);
        const identity = aws.getCallerIdentityOutput({}, { parent: this });
        const partition = aws.getPartitionOutput({}, { parent: this });
        const trust = pulumi.all([identity.accountId, partition.partition]).apply(([accountId, partitionName]) =>
            JSON.stringify(assumeRolePolicy("ecs-tasks.amazonaws.com", { accountId, partition: partitionName, region: args.region })));

        const logGroup = new aws.cloudwatch.LogGroup(`${name}-logs`, {
            name: `/ecs/${args.family}`,
            kmsKeyId: args.logsKeyArn,
            retentionInDays: args.logRetentionDays,
        }, { parent: this });

        const taskRole = new aws.iam.Role(`${name}-task-role`, {
            description: "Orthanc tasks: their storage only",
            assumeRolePolicy: trust,
        }, { parent: this });
        new aws.iam.RolePolicy(`${name}-task-storage`, {
            role: taskRole.id,
            policy: pulumi.output(storage).apply((access) => JSON.stringify(orthancTaskPolicy(access))),
        }, { parent: this });

        const executionRole = new aws.iam.Role(`${name}-execution-role`, {
            description: "ECS starting Orthanc tasks: their secrets, log group and image",
            assumeRolePolicy: trust,
        }, { parent: this });
        const sidecar = args.authService;
        if (usesAuthService(args.containerSettings.identity) !== (sidecar !== undefined)) {
            throw new Error("identity.mode keycloak runs the auth-service sidecar, and only it: the task was given " +
                (sidecar === undefined ? "no auth service." : "an auth service it does not use."));
        }
        const sidecarInputs = pulumi.all([sidecar?.secretArn, sidecar?.keycloakClientSecretArn, sidecar?.keycloakInternalUrl, sidecar?.publicOrthancRoot, sidecar?.image]);
        const containers = pulumi.all([
            args.image, args.orthancConfiguration, args.databaseSecretArn, args.accounts, logGroup.name, args.dicomTlsSecretArn, sidecarInputs,
        ]).apply(([image, document, databaseSecretArn, accounts, logGroupName, dicomTlsSecretArn, [authSecretArn, clientSecretArn, keycloakInternalUrl, publicOrthancRoot, sidecarImage]]) => [
            orthancContainerDefinition({
                image,
                container: orthancContainerConfiguration(document, { databaseSecretArn, accounts, authServiceSecretArn: authSecretArn, dicomTlsSecretArn }, args.containerSettings),
                logGroupName,
                region: args.region,
                storageBackend: args.storageBackend,
                healthCheck: args.healthCheck,
                startsAfterHealthy: sidecar !== undefined ? AUTH_SERVICE_CONTAINER_NAME : undefined,
            }) as { secrets?: { name: string; valueFrom: string }[] },
            ...(sidecar !== undefined ? [authServiceContainerDefinition({
                image: sidecarImage!,
                endpoints: { keycloakInternalUrl: keycloakInternalUrl!, publicOrthancRoot: publicOrthancRoot! },
                sources: { secretArn: authSecretArn!, keycloakClientSecretArn: clientSecretArn },
                logGroupName,
                region: args.region,
            }) as { secrets?: { name: string; valueFrom: string }[] }] : []),
        ]);
        /** Every secret the containers read (derived from their definitions, so none is left out). */
        this.secretArns = containers.apply((definitions) => containerSecretArns(definitions));

        const secretKeys = pulumi.all([args.databaseSecretKeyArn, args.identitySecretsKeyArn, args.networkSecretsKeyArn, sidecar?.keycloakClientSecretKeyArn]);
        // Each container's image: its given repository, or the one its private ECR URI names (none for a public registry).
        const images = pulumi.all([
            pulumi.all([args.image, args.repositoryArn]),
            ...(sidecar !== undefined ? [pulumi.all([sidecar.image, sidecar.repositoryArn])] : []),
        ]);
        const executionPolicy = pulumi.all([this.secretArns, secretKeys, logGroup.arn, images, partition.partition])
            .apply(([secretArns, keyArns, logGroupArn, imageRepositories, partitionName]) => JSON.stringify(orthancExecutionPolicy({
                secretArns,
                secretKeyArns: [...new Set(keyArns.filter((arn): arn is string => arn !== undefined))],
                logGroupArn,
                region: args.region,
                repositoryArns: imageRepositories
                    .map(([image, repositoryArn]) => repositoryArn ?? privateEcrRepositoryArn(image, partitionName))
                    .filter((arn): arn is string => arn !== undefined),
                pullThroughCache: args.pullThroughCache,
            })));
        const executionPolicyAttachment = new aws.iam.RolePolicy(`${name}-execution`, {
            role: executionRole.id,
            policy: executionPolicy,
        }, { parent: this });

        const containerDefinitions = containers.apply((definitions) => JSON.stringify(definitions));

        const taskDefinition = new aws.ecs.TaskDefinition(`${name}-definition`, {
            family: args.family,
            networkMode: "awsvpc",
            requiresCompatibilities: [args.launchType === "fargate" ? "FARGATE" : "EC2"],
            cpu: String(args.cpu),
            memory: String(args.memory),
            runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: cpuArchitecture(args.launchType, args.instanceType, args.fargateArchitecture) },
            taskRoleArn: taskRole.arn,
            executionRoleArn: executionRole.arn,
            containerDefinitions,
            volumes: args.storageBackend !== "efs" || args.efs === undefined ? [] : [{
                name: STORAGE_VOLUME_NAME,
                efsVolumeConfiguration: {
                    fileSystemId: args.efs.fileSystemId,
                    transitEncryption: "ENABLED",
                    authorizationConfig: { accessPointId: args.efs.accessPointId, iam: "ENABLED" },
                },
            }],
        }, { parent: this, dependsOn: [executionPolicyAttachment] });

        this.taskDefinitionArn = taskDefinition.arn;
        this.logGroupName = logGroup.name;
        this.taskRoleArn = taskRole.arn;
        this.executionRoleArn = executionRole.arn;
        this.registerOutputs({ taskDefinitionArn: this.taskDefinitionArn, logGroupName: this.logGroupName });
    }
}

function storageAccess(args: OrthancTaskArgs): pulumi.Output<TaskStorageAccess> {
    if (args.storageBackend === "efs") {
        if (args.efs === undefined) {
            throw new Error("storage.backend is `efs` but the Orthanc task was given no file system (efs).");
        }
        return pulumi.all([args.efs.fileSystemArn, args.efs.accessPointArn]).apply(([fileSystemArn, accessPointArn]) =>
            ({ kind: "efs" as const, fileSystemArn, accessPointArn }));
    }
    if (args.bucket === undefined) {
        throw new Error("storage.backend is `s3` but the Orthanc task was given no bucket.");
    }
    return pulumi.all([args.bucket.bucketArn, args.bucket.bucketKeyArn]).apply(([bucketArn, bucketKeyArn]) =>
        ({ kind: "s3" as const, bucketArn, bucketKeyArn, region: args.region }));
}
