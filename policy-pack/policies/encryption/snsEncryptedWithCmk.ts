import { customerManagedKeyPolicy } from "../../lib/encryptionPolicy";
import { SNS_TOPIC } from "../../lib/resourceTypes";

export const requireSnsEncryptedWithCmk = customerManagedKeyPolicy({
    name: "orthanc-sns-encrypted-with-cmk",
    subject: "SNS topics",
    types: SNS_TOPIC,
    fix: "`kmsMasterKeyId`",
    read: props => ({ encrypted: true, key: props.kmsMasterKeyId }),
});
