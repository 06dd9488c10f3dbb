/**
 * IAM policy documents of the Orthanc service as pure functions of the resources they name: the task role (storage
 * only), the execution role (its secrets, their key, its log group, its image repository) and the EC2 container
 * instance role. Every statement names its resources; `*` appears only where the API accepts nothing else.
 */

import { PolicyDocument, policyDocument as document, PolicyStatement, serviceTrustPolicy } from "../security";

/** Objects Orthanc's S3 plugin reads, writes and deletes; it also lists the bucket to learn object sizes. */
export const S3_OBJECT_ACTIONS = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"];
export const S3_BUCKET_ACTIONS = ["s3:ListBucket"];
/** SSE-KMS with the bucket's key: S3 calls KMS on the caller's behalf. */
export const KMS_DATA_ACTIONS = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"];
/** NFS client access through the access point; no root access (the access point fixes the POSIX identity). */
export const EFS_CLIENT_ACTIONS = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"];
export const ECR_PULL_ACTIONS = ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"];

export type TaskStorageAccess =
    | { kind: "efs"; fileSystemArn: string; accessPointArn: string }
    | { kind: "s3"; bucketArn: string; bucketKeyArn: string; region: string };

/** Who may assume a role: an AWS service, limited to this account (and, for ECS tasks, this region's ECS). */
export function assumeRolePolicy(service: "ecs-tasks.amazonaws.com" | "ec2.amazonaws.com", account: { accountId: string; partition: string; region: string }): PolicyDocument {
    return service === "ecs-tasks.amazonaws.com"
        ? serviceTrustPolicy(service, {
            StringEquals: { "aws:SourceAccount": account.accountId },
            ArnLike: { "aws:SourceArn": `arn:${account.partition}:ecs:${account.region}:${account.accountId}:*` },
        })
        : serviceTrustPolicy(service);
}

/** What Orthanc itself may do: use its one storage location, nothing else. */
export function orthancTaskPolicy(storage: TaskStorageAccess): PolicyDocument {
    switch (storage.kind) {
        case "efs":
            return document({
                Sid: "MountOrthancFileSystemThroughItsAccessPoint",
                Effect: "Allow",
                Action: EFS_CLIENT_ACTIONS,
                Resource: storage.fileSystemArn,
                Condition: { StringEquals: { "elasticfilesystem:AccessPointArn": storage.accessPointArn } },
            });
        case "s3":
            return document(
                { Sid: "ReadWriteOrthancObjects", Effect: "Allow", Action: S3_OBJECT_ACTIONS, Resource: `${storage.bucketArn}/*` },
                { Sid: "ListOrthancBucket", Effect: "Allow", Action: S3_BUCKET_ACTIONS, Resource: storage.bucketArn },
                {
                    Sid: "UseBucketKeyThroughS3",
                    Effect: "Allow",
                    Action: KMS_DATA_ACTIONS,
                    Resource: storage.bucketKeyArn,
                    Condition: { StringEquals: { "kms:ViaService": `s3.${storage.region}.amazonaws.com` } },
                },
            );
    }
}

export interface ExecutionAccess {
    /** Secrets injected into the container. */
    secretArns: string[];
    /** KMS keys of those secrets. */
    secretKeyArns: string[];
    logGroupArn: string;
    region: string;
    /**
     * The private ECR repositories the task's containers pull from (Orthanc's and the auth-service sidecar's: mirrors,
     * cached repositories or a configured ECR image); none when every image comes from its public registry.
     */
    repositoryArns: string[];
    /**
     * The repositories are filled by an ECR pull-through cache rule: the first pull imports the upstream image and
     * creates the repository, which needs these two actions of the puller.
     * https://docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache-iam.html
     */
    pullThroughCache?: boolean;
}

/** What ECS needs to start the task: read its secrets, write its log group, pull from its containers' repositories. */
export function orthancExecutionPolicy(access: ExecutionAccess): PolicyDocument {
    const statements: PolicyStatement[] = [
        { Sid: "ReadInjectedSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [...access.secretArns] },
        {
            Sid: "DecryptInjectedSecrets",
            Effect: "Allow",
            Action: ["kms:Decrypt"],
            Resource: [...new Set(access.secretKeyArns)],
            Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${access.region}.amazonaws.com` } },
        },
        { Sid: "WriteTaskLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${access.logGroupArn}:log-stream:*` },
    ];
    const repositoryArns = [...new Set(access.repositoryArns)];
    if (repositoryArns.length > 0) {
        statements.push(
            // GetAuthorizationToken is account-wide by design: it accepts no resource.
            { Sid: "AuthenticateToEcr", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
            { Sid: "PullTaskImages", Effect: "Allow", Action: ECR_PULL_ACTIONS, Resource: repositoryArns },
        );
        if (access.pullThroughCache === true) {
            statements.push({ Sid: "ImportThroughPullThroughCache", Effect: "Allow", Action: ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"], Resource: repositoryArns });
        }
    }
    return document(...statements);
}

/**
 * The ECS agent on a container instance: register with and report to the one cluster. Images, logs and secrets go
 * through the task's execution role (awsvpc mode), so the instance needs no ECR or Logs access.
 */
export function ecsInstancePolicy(clusterArn: string): PolicyDocument {
    return document(
        {
            Sid: "RegisterWithOrthancCluster",
            Effect: "Allow",
            Action: ["ecs:RegisterContainerInstance", "ecs:DeregisterContainerInstance", "ecs:Submit*"],
            Resource: clusterArn,
        },
        {
            // These act on container-instance ARNs, unknown before registration: scoped by the cluster condition.
            Sid: "ReportToOrthancCluster",
            Effect: "Allow",
            Action: ["ecs:Poll", "ecs:StartTelemetrySession", "ecs:UpdateContainerInstancesState"],
            Resource: "*",
            Condition: { ArnEquals: { "ecs:cluster": clusterArn } },
        },
        // DiscoverPollEndpoint accepts no resource.
        { Sid: "FindEcsEndpoint", Effect: "Allow", Action: ["ecs:DiscoverPollEndpoint"], Resource: "*" },
    );
}
