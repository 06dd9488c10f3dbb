import { StackValidationPolicy } from "@pulumi/policy";
import { correlatedSettings } from "../../lib/bucketSettings";
import { safeguard } from "../../lib/hipaa";
import { S3_BUCKET, S3_BUCKET_ACL, S3_OWNERSHIP_CONTROLS } from "../../lib/resourceTypes";
import { forEachDecidable, validateStackOfTypes } from "../../lib/validate";
import { asArray, asRecord, isSet } from "../../lib/values";

/** True when an ownership-controls resource disables ACLs (S3 user guide, "Controlling ownership of objects"). */
function enforcesBucketOwner(props: Record<string, unknown>): boolean {
    return asArray(props.rule).map(asRecord).some(rule => rule.objectOwnership === "BucketOwnerEnforced");
}

export const requireS3AclsDisabled: StackValidationPolicy = {
    name: "orthanc-s3-acls-disabled",
    ...safeguard("accessControl", "high", "every S3 bucket must disable ACLs (BucketOwnershipControls "
        + "`BucketOwnerEnforced`), and no ACL may be set on it: access is granted by IAM and bucket policies only."),
    remediationSteps: "Add `aws.s3.BucketOwnershipControls` with `rule: { objectOwnership: \"BucketOwnerEnforced\" }` "
        + "and remove `aws.s3.BucketAcl` resources and `acl`/`grants` inputs.",
    validateStack: validateStackOfTypes(S3_BUCKET, (buckets, args, reportViolation) => {
        forEachDecidable(buckets, bucket => {
            if (isSet(bucket.props.acl) || asArray(bucket.props.grants).length > 0) {
                reportViolation(`Bucket '${bucket.name}' sets an ACL (acl/grants).`, bucket.urn);
            }
            for (const acl of correlatedSettings(bucket, args, S3_BUCKET_ACL)) {
                reportViolation(`Bucket '${bucket.name}' has an ACL resource '${acl.name}'.`, bucket.urn);
            }
            const controls = correlatedSettings(bucket, args, S3_OWNERSHIP_CONTROLS);
            if (!controls.some(c => enforcesBucketOwner(asRecord(c.props)))) {
                reportViolation(`Bucket '${bucket.name}' does not disable ACLs (no BucketOwnershipControls with BucketOwnerEnforced).`, bucket.urn);
            }
        });
    }),
};
