import { customerManagedKeyPolicy } from "../../lib/encryptionPolicy";
import { EBS_VOLUME } from "../../lib/resourceTypes";
import { isTrue } from "../../lib/values";

export const requireEbsVolumeEncryptedWithCmk = customerManagedKeyPolicy({
    name: "orthanc-ebs-volume-encrypted-with-cmk",
    subject: "EBS volumes",
    types: EBS_VOLUME,
    fix: "`encrypted: true` and `kmsKeyId`",
    read: props => ({ encrypted: isTrue(props.encrypted), key: props.kmsKeyId }),
});
