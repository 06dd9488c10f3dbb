import * as assert from "assert";
import { namesEveryResource } from "../../policy-pack/policies/access/iamNoWildcardPermissions";

describe("IAM Resource entries that name every resource", () => {
    it("counts * and ARN patterns whose resource part is only wildcards", () => {
        for (const resource of ["*", "arn:*", "arn:aws:*", "arn:aws:s3:*", "arn:aws:s3:::*", "arn:aws:s3:::*/*",
            "arn:*:s3:::*", "arn:aws:dynamodb:*:*:*", "arn:aws:dynamodb:eu-west-1:123456789012:*", "ARN:aws:sqs:*:*:*",
            "arn:aws-us-gov:logs:*:*:*:*"]) {
            assert.ok(namesEveryResource(resource), resource);
        }
    });

    it("does not count ARNs scoped to named resources or resource types", () => {
        for (const resource of ["arn:aws:s3:::orthanc-images", "arn:aws:s3:::orthanc-images/*", "arn:aws:s3:::*-images",
            "arn:aws:dynamodb:*:*:table/orthanc-index", "arn:aws:dynamodb:eu-west-1:123456789012:table/*",
            "arn:aws:logs:*:*:log-group:/orthanc/*", "arn:aws:kms:eu-west-1:123456789012:key/abc", "s3:*", "*-x"]) {
            assert.ok(!namesEveryResource(resource), resource);
        }
    });
});
