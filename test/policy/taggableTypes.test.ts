import * as assert from "assert";
import * as path from "path";
import { DEFAULT_TAGGABLE_TYPES } from "../../policy-pack/lib/taggableTypes.generated";
import { findTaggableTypes, isDefaultTaggable } from "../../tools/policy/generateTaggableTypes";

describe("generated list of default-taggable AWS types", () => {
    it("matches the installed @pulumi/aws (run npm run policy:generate-taggable after an upgrade)", () => {
        const awsDir = path.resolve(__dirname, "..", "..", "node_modules", "@pulumi", "aws");
        assert.deepStrictEqual([...DEFAULT_TAGGABLE_TYPES], findTaggableTypes(awsDir));
    });

    it("includes resources with tags and tagsAll, excludes bucket settings and rules without tags", () => {
        for (const type of ["aws:s3/bucket:Bucket", "aws:rds/instance:Instance", "aws:kms/key:Key", "aws:ec2/flowLog:FlowLog"]) {
            assert.ok(DEFAULT_TAGGABLE_TYPES.has(type), type);
        }
        for (const type of ["aws:s3/bucketPolicy:BucketPolicy", "aws:iam/rolePolicy:RolePolicy", "aws:kms/alias:Alias"]) {
            assert.ok(!DEFAULT_TAGGABLE_TYPES.has(type), type);
        }
    });

    it("needs both Args.tags and State.tagsAll", () => {
        const both = "export interface XArgs {\n    tags?: x;\n}\nexport interface XState {\n    tagsAll?: y;\n}";
        assert.strictEqual(isDefaultTaggable(both, "X"), true);
        assert.strictEqual(isDefaultTaggable(both.replace("tagsAll", "other"), "X"), false);
        assert.strictEqual(isDefaultTaggable(both, "Y"), false);
    });
});
