import { customerManagedKeyPolicy } from "../../lib/encryptionPolicy";
import { EFS_FILE_SYSTEM } from "../../lib/resourceTypes";
import { isTrue } from "../../lib/values";

export const requireEfsEncryptedWithCmk = customerManagedKeyPolicy({
    name: "orthanc-efs-encrypted-with-cmk",
    subject: "EFS file systems",
    types: EFS_FILE_SYSTEM,
    fix: "`encrypted: true` and `kmsKeyId`",
    read: props => ({ encrypted: isTrue(props.encrypted), key: props.kmsKeyId }),
});
