import { customerManagedKeyPolicy } from "../../lib/encryptionPolicy";
import { BACKUP_VAULT } from "../../lib/resourceTypes";

/** Recovery points of the PHI stores: without `kmsKeyArn` AWS Backup uses the AWS-managed `aws/backup` key. */
export const requireBackupVaultEncryptedWithCmk = customerManagedKeyPolicy({
    name: "orthanc-backup-vault-encrypted-with-cmk",
    subject: "AWS Backup vaults",
    types: BACKUP_VAULT,
    fix: "`kmsKeyArn`",
    read: props => ({ encrypted: true, key: props.kmsKeyArn }),
});
