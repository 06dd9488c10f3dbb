import { StackValidationPolicy } from "@pulumi/policy";
import { settingsFor } from "../../lib/correlate";
import { safeguard } from "../../lib/hipaa";
import { someDenyInsecureTransport } from "../../lib/policyDocument";
import { EFS_FILE_SYSTEM, EFS_FILE_SYSTEM_POLICY } from "../../lib/resourceTypes";
import { forEachDecidable, resourcesOfTypes, validateStackOfTypes } from "../../lib/validate";

export const requireEfsTls: StackValidationPolicy = {
    name: "orthanc-efs-requires-tls",
    ...safeguard("transmissionSecurity", "high", `every EFS file system must have a `
        + "file-system policy denying all actions when `aws:SecureTransport` is false (mounts must use TLS)."),
    remediationSteps: "Add `aws.efs.FileSystemPolicy` with a Deny statement: Principal {\"AWS\": \"*\"}, Action \"*\", "
        + "Condition `{\"Bool\": {\"aws:SecureTransport\": \"false\"}}`; mount with the `tls` option.",
    validateStack: validateStackOfTypes(EFS_FILE_SYSTEM, (fileSystems, args, reportViolation) => {
        const allPolicies = resourcesOfTypes(args, EFS_FILE_SYSTEM_POLICY);
        forEachDecidable(fileSystems, fileSystem => {
            const policies = settingsFor(fileSystem, allPolicies, "fileSystemId", ["arn"]);
            if (!someDenyInsecureTransport(policies, "elasticfilesystem")) {
                reportViolation(`File system '${fileSystem.name}' has no file-system policy denying access without TLS.`,
                    fileSystem.urn);
            }
        });
    }),
};
