import { customerManagedKeyPolicy } from "../../lib/encryptionPolicy";
import { SECRET } from "../../lib/resourceTypes";

/** Without `kmsKeyId` Secrets Manager uses the AWS-managed `aws/secretsmanager` key. */
export const requireSecretEncryptedWithCmk = customerManagedKeyPolicy({
    name: "orthanc-secret-encrypted-with-cmk",
    subject: "Secrets Manager secrets",
    types: SECRET,
    fix: "`kmsKeyId`",
    read: props => ({ encrypted: true, key: props.kmsKeyId }),
});
