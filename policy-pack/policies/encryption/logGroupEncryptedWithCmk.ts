import { customerManagedKeyPolicy } from "../../lib/encryptionPolicy";
import { LOG_GROUP } from "../../lib/resourceTypes";

/** Logs may carry PHI (request paths, DICOM tags in error messages); they also serve the audit safeguard. */
export const requireLogGroupEncryptedWithCmk = customerManagedKeyPolicy({
    name: "orthanc-log-group-encrypted-with-cmk",
    subject: "CloudWatch log groups (audit records, §164.312(b))",
    types: LOG_GROUP,
    fix: "`kmsKeyId`",
    read: props => ({ encrypted: true, key: props.kmsKeyId }),
});
