/**
 * IAM of the Keycloak task as pure functions. Keycloak itself calls no AWS API, so the task has no task role;
 * the execution role reads exactly the task's four secrets (through the data key), writes its log group and pulls
 * its two images from their ECR repositories when the stack mirrors or caches them.
 */
import { PolicyDocument, policyDocument, PolicyStatement, serviceTrustPolicy } from "../security";

export const ECR_PULL_ACTIONS = ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"];

export interface KeycloakExecutionAccess {
    secretArns: string[];
    secretKeyArns: string[];
    logGroupArn: string;
    region: string;
    /** ECR repositories of the images (mirror or pull-through cache), none when pulled from their registries. */
    repositoryArns: string[];
    /** The repositories are filled by a pull-through cache rule at the first pull. */
    pullThroughCache: boolean;
}

/** ECS tasks of this account and region only (the confused-deputy conditions AWS recommends). */
export function ecsTaskTrustPolicy(accountId: string, partition: string, region: string): PolicyDocument {
    return serviceTrustPolicy("ecs-tasks.amazonaws.com", {
        StringEquals: { "aws:SourceAccount": accountId },
        ArnLike: { "aws:SourceArn": `arn:${partition}:ecs:${region}:${accountId}:*` },
    });
}

export function keycloakExecutionPolicy(access: KeycloakExecutionAccess): PolicyDocument {
    const statements: PolicyStatement[] = [
        { Sid: "ReadKeycloakSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [...new Set(access.secretArns)] },
        {
            Sid: "DecryptKeycloakSecrets", Effect: "Allow", Action: ["kms:Decrypt"], Resource: [...new Set(access.secretKeyArns)],
            Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${access.region}.amazonaws.com` } },
        },
        { Sid: "WriteKeycloakLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${access.logGroupArn}:log-stream:*` },
    ];
    if (access.repositoryArns.length > 0) {
        statements.push(
            // GetAuthorizationToken accepts no resource.
            { Sid: "AuthenticateToEcr", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
            { Sid: "PullKeycloakImages", Effect: "Allow", Action: ECR_PULL_ACTIONS, Resource: access.repositoryArns },
        );
        if (access.pullThroughCache) {
            statements.push({ Sid: "ImportThroughPullThroughCache", Effect: "Allow", Action: ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"], Resource: access.repositoryArns });
        }
    }
    return policyDocument(...statements);
}
