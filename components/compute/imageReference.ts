/**
 * Container image references as registries read them, `[registry/]repository[:tag][@digest]`, and what they tell
 * about private ECR: the repository's account, region and name.
 */

export interface ImageReference {
    /** Registry host (with port), when the first path segment names one; else Docker Hub. */
    registry: string | undefined;
    /** Repository path within the registry, e.g. `orthancteam/orthanc`. */
    repository: string;
    tag: string | undefined;
    /** `sha256:<64 hex>`. */
    digest: string | undefined;
}

export function parseImageReference(image: string): ImageReference {
    const digest = /@(sha256:[0-9a-f]{64})$/.exec(image);
    const named = digest !== null ? image.slice(0, digest.index) : image;
    const colon = named.indexOf(":", named.lastIndexOf("/") + 1);
    const name = colon >= 0 ? named.slice(0, colon) : named;
    const segments = name.split("/");
    // A first segment with a dot, a port or `localhost` names a registry, not a repository.
    const hasRegistry = segments.length > 1 && /[.:]|^localhost$/.test(segments[0]);
    return {
        registry: hasRegistry ? segments[0] : undefined,
        repository: (hasRegistry ? segments.slice(1) : segments).join("/"),
        tag: colon >= 0 ? named.slice(colon + 1) : undefined,
        digest: digest?.[1],
    };
}

/**
 * Private ECR registry hosts: `<account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]` and the dual-stack
 * `<account>.dkr-ecr[-fips].<region>.on.aws`. ECR Public (`public.ecr.aws`) needs no IAM permission to pull.
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/Registries.html
 */
const PRIVATE_ECR_REGISTRY = /^(\d{12})\.dkr[.-]ecr(?:-fips)?\.([a-z]{2}(?:-[a-z]+)+-\d+)\.(?:amazonaws\.com(?:\.cn)?|on\.aws)$/;

/**
 * ARN of the private ECR repository an image is pulled from, or undefined for any other registry. The repository
 * is in the stack's partition: ECR cannot serve pulls across partitions.
 */
export function privateEcrRepositoryArn(image: string, partition: string): string | undefined {
    const { registry, repository } = parseImageReference(image);
    const host = PRIVATE_ECR_REGISTRY.exec(registry ?? "");
    if (host === null) return undefined;
    const [, accountId, region] = host;
    return `arn:${partition}:ecr:${region}:${accountId}:repository/${repository}`;
}
