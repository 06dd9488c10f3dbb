import * as assert from "assert";
import { parseImageReference, privateEcrRepositoryArn } from "../../components/compute/imageReference";

const DIGEST = `sha256:${"b".repeat(64)}`;

describe("image references", () => {
    it("splits registry, repository, tag and digest as registries read them", () => {
        assert.deepStrictEqual(parseImageReference("orthancteam/orthanc:26.8.1"),
            { registry: undefined, repository: "orthancteam/orthanc", tag: "26.8.1", digest: undefined });
        assert.deepStrictEqual(parseImageReference("localhost/orthanc"),
            { registry: "localhost", repository: "orthanc", tag: undefined, digest: undefined });
        assert.deepStrictEqual(parseImageReference(`registry.example.org:5000/imaging/orthanc:1.2@${DIGEST}`),
            { registry: "registry.example.org:5000", repository: "imaging/orthanc", tag: "1.2", digest: DIGEST });
    });

    it("derives the repository ARN of a private ECR image, in any region, partition and endpoint form", () => {
        const cases: Array<[string, string, string]> = [
            ["123456789012.dkr.ecr.us-east-1.amazonaws.com/orthanc:1.2", "aws", "arn:aws:ecr:us-east-1:123456789012:repository/orthanc"],
            [`210987654321.dkr.ecr.eu-central-1.amazonaws.com/imaging/pacs/orthanc@${DIGEST}`, "aws",
                "arn:aws:ecr:eu-central-1:210987654321:repository/imaging/pacs/orthanc"],
            ["123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/orthanc:1.2", "aws-cn", "arn:aws-cn:ecr:cn-north-1:123456789012:repository/orthanc"],
            ["123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/orthanc:1.2", "aws-us-gov",
                "arn:aws-us-gov:ecr:us-gov-west-1:123456789012:repository/orthanc"],
            ["123456789012.dkr-ecr.ap-southeast-2.on.aws/orthanc:1.2", "aws", "arn:aws:ecr:ap-southeast-2:123456789012:repository/orthanc"],
        ];
        for (const [image, partition, arn] of cases) assert.strictEqual(privateEcrRepositoryArn(image, partition), arn, image);
    });

    it("needs no ECR permission for public registries, ECR Public or look-alike hosts", () => {
        for (const image of [
            "orthancteam/orthanc:26.8.1",
            "docker.io/orthancteam/orthanc:26.8.1",
            "public.ecr.aws/orthanc/orthanc:1.2",
            "12345.dkr.ecr.us-east-1.amazonaws.com/orthanc:1.2",
            "123456789012.dkr.ecr.us-east-1.amazonaws.com.example.org/orthanc:1.2",
        ]) {
            assert.strictEqual(privateEcrRepositoryArn(image, "aws"), undefined, image);
        }
    });
});
