/**
 * An ECR pull-through cache for the Orthanc task's images (Orthanc's and the auth-service sidecar's): tasks pull `<account>.dkr.ecr.<region>.amazonaws.com/<prefix>/…`
 * and ECR fetches the image from Docker Hub once, with the account's Docker Hub credentials, then serves it from the
 * account. Repositories it creates get the data key, immutable tags and the mirror's lifecycle (creation template).
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache.html
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { parseImageReference } from "./imageReference";
import { mirrorLifecyclePolicy } from "./imageMirror";
import { serviceTrustPolicy } from "../security";

/** Docker Hub's registry as ECR's pull-through cache names it. */
export const DOCKER_HUB_UPSTREAM = "registry-1.docker.io";
/** ECR allows a rule's repository prefix 2–30 characters. https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreatePullThroughCacheRule.html */
export const MAX_CACHE_PREFIX_LENGTH = 30;

/** `<namespace>-<stack>-hub`, lower case: one rule per stack. */
export function pullThroughCachePrefix(resourcePrefix: string): string {
    return `${resourcePrefix.toLowerCase()}-hub`;
}

/**
 * The image's path in the cache: Docker Hub's official images live under `library/` upstream, and ECR wants that
 * segment spelled out. https://docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache-working.html
 */
export function cachedRepositoryPath(image: string, cachePrefix: string): { repository: string; reference: string } {
    const { repository, tag, digest } = parseImageReference(image);
    const upstream = repository.includes("/") ? repository : `library/${repository}`;
    const reference = digest !== undefined ? `@${digest}` : `:${tag ?? "latest"}`;
    return { repository: `${cachePrefix}/${upstream.toLowerCase()}`, reference };
}

export interface OrthancImageCacheArgs {
    sourceImage: string;
    /** `<namespace>-<stack>`. */
    resourcePrefix: string;
    /** Secrets Manager secret `ecr-pullthroughcache/…` with `{"username", "accessToken"}` of a Docker Hub account. */
    credentialArn: string;
    dataKeyArn: pulumi.Input<string>;
    region: string;
    /** Tagged images kept per cached repository. @default 10 */
    keepTaggedImages?: number;
}

export class OrthancImageCache extends pulumi.ComponentResource {
    /** What the tasks pull. */
    readonly imageUri: pulumi.Output<string>;
    readonly repositoryArn: pulumi.Output<string>;
    /** Another Docker Hub image through the same rule (the auth-service sidecar's): its URI and cached repository. */
    readonly cachedImage: (sourceImage: string) => { imageUri: pulumi.Output<string>; repositoryArn: pulumi.Output<string> };

    constructor(name: string, args: OrthancImageCacheArgs, opts?: pulumi.ComponentResourceOptions) {
        super("orthanc-aws:compute:OrthancImageCache", name, {}, opts);
        const prefix = pullThroughCachePrefix(args.resourcePrefix);
        if (prefix.length > MAX_CACHE_PREFIX_LENGTH) {
            throw new Error(`The pull-through cache prefix ${prefix} is longer than ECR's ${MAX_CACHE_PREFIX_LENGTH} characters; shorten namespace or the stack name.`);
        }
        const identity = aws.getCallerIdentityOutput({}, { parent: this });
        const partition = aws.getPartitionOutput({}, { parent: this });
        const repositoryArnOf = (repository: string) => pulumi.interpolate`arn:${partition.partition}:ecr:${args.region}:${identity.accountId}:repository/${repository}`;

        // ECR needs a role of ours to create repositories with a customer-managed key.
        const role = new aws.iam.Role(`${name}-template-role`, {
            description: "ECR creating pull-through cache repositories encrypted with the data key",
            assumeRolePolicy: JSON.stringify(serviceTrustPolicy("ecr.amazonaws.com")),
        }, { parent: this });
        new aws.iam.RolePolicy(`${name}-template-access`, {
            role: role.id,
            policy: pulumi.all([args.dataKeyArn, partition.partition, identity.accountId]).apply(([keyArn, partitionName, accountId]) => JSON.stringify({
                Version: "2012-10-17",
                Statement: [
                    { Sid: "EncryptCachedRepositories", Effect: "Allow", Action: ["kms:CreateGrant", "kms:DescribeKey", "kms:GenerateDataKey", "kms:Decrypt"], Resource: keyArn },
                    { Sid: "TagCachedRepositories", Effect: "Allow", Action: ["ecr:TagResource"], Resource: `arn:${partitionName}:ecr:${args.region}:${accountId}:repository/${prefix}/*` },
                ],
            })),
        }, { parent: this });
        const template = new aws.ecr.RepositoryCreationTemplate(`${name}-template`, {
            prefix,
            appliedFors: ["PULL_THROUGH_CACHE"],
            description: "Orthanc images cached from Docker Hub",
            imageTagMutability: "IMMUTABLE",
            encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: args.dataKeyArn }],
            lifecyclePolicy: JSON.stringify(mirrorLifecyclePolicy(args.keepTaggedImages ?? 10)),
            customRoleArn: role.arn,
        }, { parent: this });
        const rule = new aws.ecr.PullThroughCacheRule(`${name}-rule`, {
            ecrRepositoryPrefix: prefix,
            upstreamRegistryUrl: DOCKER_HUB_UPSTREAM,
            credentialArn: args.credentialArn,
        }, { parent: this, dependsOn: [template] });

        this.cachedImage = (sourceImage) => {
            const path = cachedRepositoryPath(sourceImage, prefix);
            return {
                // Through the rule's ID, so that no task definition names the cache before the rule exists.
                imageUri: pulumi.all([rule.id, identity.accountId]).apply(([, accountId]) =>
                    `${accountId}.dkr.ecr.${args.region}.amazonaws.com/${path.repository}${path.reference}`),
                repositoryArn: repositoryArnOf(path.repository),
            };
        };
        const orthanc = this.cachedImage(args.sourceImage);
        this.imageUri = orthanc.imageUri;
        this.repositoryArn = orthanc.repositoryArn;
        this.registerOutputs({ imageUri: this.imageUri, repositoryArn: this.repositoryArn });
    }
}
