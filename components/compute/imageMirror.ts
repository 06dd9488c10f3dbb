import * as aws from "@pulumi/aws";
import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { parseImageReference } from "./imageReference";

/** Where a pinned public image lands in ECR: its path without registry host, and a tag that never moves. */
export function mirrorTarget(image: string): { path: string; tag: string } {
    const { repository, tag, digest } = parseImageReference(image);
    const pinnedAs = digest !== undefined ? digest.replace(":", "-") : tag;
    if (repository === "" || pinnedAs === undefined || pinnedAs === "") {
        throw new Error(`compute.image ${image} is not pinned by tag or digest, so it cannot be mirrored.`);
    }
    return { path: repository.toLowerCase(), tag: pinnedAs };
}

/** Untagged layers go after a week; the newest tagged images stay (the running one and rollback candidates). */
export function mirrorLifecyclePolicy(keepTaggedImages: number): object {
    return {
        rules: [
            {
                rulePriority: 1,
                description: "Remove untagged images after 7 days",
                selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 7 },
                action: { type: "expire" },
            },
            {
                rulePriority: 2,
                description: `Keep the ${keepTaggedImages} newest tagged images`,
                selection: { tagStatus: "tagged", tagPatternList: ["*"], countType: "imageCountMoreThan", countNumber: keepTaggedImages },
                action: { type: "expire" },
            },
        ],
    };
}

export interface OrthancImageMirrorArgs {
    /** The pinned source image, e.g. `orthancteam/orthanc:26.8.1`. */
    sourceImage: string;
    /** Repository name prefix (`<namespace>-<stack>`). */
    repositoryPrefix: string;
    /** Customer-managed key encrypting the repository. */
    dataKeyArn: pulumi.Input<string>;
    /** Platform pulled and pushed, matching the task's CPU architecture. */
    platform: "linux/amd64" | "linux/arm64";
    /**
     * Tagged images kept in the repository.
     * @default 10
     */
    keepTaggedImages?: number;
}

/**
 * Copies the pinned Orthanc image into a private ECR repository (KMS-encrypted, scanned on push, immutable tags,
 * lifecycle-managed) so that tasks pull only from the account. Needs a Docker engine where `pulumi up` runs.
 */
export class OrthancImageMirror extends pulumi.ComponentResource {
    /** `<account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>`, available once pushed. */
    readonly imageUri: pulumi.Output<string>;
    readonly repositoryArn: pulumi.Output<string>;
    readonly repositoryUrl: pulumi.Output<string>;

    constructor(name: string, args: OrthancImageMirrorArgs, opts?: pulumi.ComponentResourceOptions) {
        super("orthanc-aws:compute:OrthancImageMirror", name, {}, opts);
        const keepTaggedImages = args.keepTaggedImages ?? 10;
        const target = mirrorTarget(args.sourceImage);

        const repository = new aws.ecr.Repository(`${name}-repository`, {
            name: `${args.repositoryPrefix.toLowerCase()}/${target.path}`,
            imageTagMutability: "IMMUTABLE",
            imageScanningConfiguration: { scanOnPush: true },
            encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: args.dataKeyArn }],
            // It holds only a copy of a public image: `pulumi destroy` may delete it with its images.
            forceDelete: true,
        }, { parent: this });
        new aws.ecr.LifecyclePolicy(`${name}-lifecycle`, {
            repository: repository.name,
            policy: JSON.stringify(mirrorLifecyclePolicy(keepTaggedImages)),
        }, { parent: this });

        const auth = aws.ecr.getAuthorizationTokenOutput({ registryId: repository.registryId }, { parent: this });
        const registry = new docker.Provider(`${name}-registry`, {
            registryAuth: [{ address: auth.proxyEndpoint, username: auth.userName, password: auth.password }],
        }, { parent: this });
        const source = new docker.RemoteImage(`${name}-source`, {
            name: args.sourceImage,
            platform: args.platform,
            keepLocally: false,
        }, { parent: this, provider: registry });
        const tagged = new docker.Tag(`${name}-tag`, {
            sourceImage: source.imageId,
            targetImage: pulumi.interpolate`${repository.repositoryUrl}:${target.tag}`,
        }, { parent: this, provider: registry });
        const pushed = new docker.RegistryImage(`${name}-push`, {
            name: tagged.targetImage,
            // Immutable tags: the image is pushed once; a new source image means a new tag.
            keepRemotely: true,
        }, { parent: this, provider: registry });

        this.imageUri = pushed.name;
        this.repositoryArn = repository.arn;
        this.repositoryUrl = repository.repositoryUrl;
        this.registerOutputs({ imageUri: this.imageUri, repositoryArn: this.repositoryArn });
    }
}
