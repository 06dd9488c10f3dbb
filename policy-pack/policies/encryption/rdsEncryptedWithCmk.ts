import { customerManagedKeyPolicy } from "../../lib/encryptionPolicy";
import { RDS_CLUSTER, RDS_INSTANCE } from "../../lib/resourceTypes";
import { isTrue } from "../../lib/values";

/** RDS instances and Aurora clusters (cluster instances inherit the cluster's storage encryption). */
export const requireRdsEncryptedWithCmk = customerManagedKeyPolicy({
    name: "orthanc-rds-encrypted-with-cmk",
    subject: "RDS DB instances and Aurora clusters",
    types: [...RDS_INSTANCE, ...RDS_CLUSTER],
    fix: "`storageEncrypted: true` and `kmsKeyId`",
    read: props => ({ encrypted: isTrue(props.storageEncrypted), key: props.kmsKeyId }),
});
