import * as assert from "assert";
import { mirrorLifecyclePolicy, mirrorTarget, OrthancImageMirror } from "../../components/compute/imageMirror";
import { MOCK_ACCOUNT_ID } from "../../tools/offline/mockOutputs";
import { evaluateComponents, jsonInput, single, TEST_REGION } from "../support/planQueries";

const DATA_KEY = `arn:aws:kms:${TEST_REGION}:${MOCK_ACCOUNT_ID}:key/data`;

describe("OrthancImageMirror", () => {
    it("maps pinned images to a repository path and an immutable tag", () => {
        assert.deepStrictEqual(mirrorTarget("orthancteam/orthanc:26.8.1"), { path: "orthancteam/orthanc", tag: "26.8.1" });
        assert.deepStrictEqual(mirrorTarget("registry.example.org:5000/Imaging/orthanc:1.2-full"), { path: "imaging/orthanc", tag: "1.2-full" });
        const digest = "a".repeat(64);
        assert.deepStrictEqual(mirrorTarget(`docker.io/orthancteam/orthanc@sha256:${digest}`), { path: "orthancteam/orthanc", tag: `sha256-${digest}` });
        assert.throws(() => mirrorTarget("registry.example.org:5000/orthanc"),
            { message: "compute.image registry.example.org:5000/orthanc is not pinned by tag or digest, so it cannot be mirrored." });
    });

    it("expires untagged images after a week and keeps the newest tagged ones", () => {
        assert.deepStrictEqual(mirrorLifecyclePolicy(10), {
            rules: [
                { rulePriority: 1, description: "Remove untagged images after 7 days",
                    selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 7 }, action: { type: "expire" } },
                { rulePriority: 2, description: "Keep the 10 newest tagged images",
                    selection: { tagStatus: "tagged", tagPatternList: ["*"], countType: "imageCountMoreThan", countNumber: 10 }, action: { type: "expire" } },
            ],
        });
    });

    it("creates a KMS-encrypted, scanned, immutable repository and pushes the pinned image into it (mocks)", async () => {
        const plan = await evaluateComponents(() => new OrthancImageMirror("pacs-test-mirror", {
            sourceImage: "orthancteam/orthanc:26.8.1", repositoryPrefix: "pacs-test", dataKeyArn: DATA_KEY, platform: "linux/arm64",
        }));
        const repository = single(plan, "aws:ecr/repository:Repository");
        assert.deepStrictEqual(
            [repository.inputs.name, repository.inputs.imageTagMutability, repository.inputs.imageScanningConfiguration, repository.inputs.encryptionConfigurations, repository.inputs.forceDelete],
            ["pacs-test/orthancteam/orthanc", "IMMUTABLE", { scanOnPush: true }, [{ encryptionType: "KMS", kmsKey: DATA_KEY }], true]);
        assert.deepStrictEqual(jsonInput(single(plan, "aws:ecr/lifecyclePolicy:LifecyclePolicy"), "policy"), mirrorLifecyclePolicy(10));
        const source = single(plan, "docker:index/remoteImage:RemoteImage");
        assert.deepStrictEqual([source.inputs.name, source.inputs.platform], ["orthancteam/orthanc:26.8.1", "linux/arm64"]);
        const url = repository.outputs.repositoryUrl;
        assert.strictEqual(single(plan, "docker:index/tag:Tag").inputs.targetImage, `${url}:26.8.1`);
        const pushed = single(plan, "docker:index/registryImage:RegistryImage");
        assert.deepStrictEqual([pushed.inputs.name, pushed.inputs.keepRemotely], [`${url}:26.8.1`, true]);
        const provider = plan.resources.find((resource) => resource.type === "pulumi:providers:docker");
        assert.ok(provider !== undefined && pushed.options.provider?.startsWith(provider.urn), "pushes with the ECR-authenticated provider");
    });
});
