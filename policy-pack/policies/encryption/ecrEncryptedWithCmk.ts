import { customerManagedKeyPolicy } from "../../lib/encryptionPolicy";
import { ECR_REPOSITORY, ECR_REPOSITORY_CREATION_TEMPLATE } from "../../lib/resourceTypes";
import { asArray, asRecord } from "../../lib/values";

/** Without an encryption configuration ECR uses AES256 with an AWS-owned key. */
export const requireEcrEncryptedWithCmk = customerManagedKeyPolicy({
    name: "orthanc-ecr-encrypted-with-cmk",
    subject: "ECR repositories and repository creation templates",
    types: [...ECR_REPOSITORY, ...ECR_REPOSITORY_CREATION_TEMPLATE],
    fix: "`encryptionConfigurations: [{ encryptionType: \"KMS\", kmsKey }]`",
    read: props => {
        const configuration = asRecord(asArray(props.encryptionConfigurations)[0]);
        return { encrypted: configuration.encryptionType === "KMS", key: configuration.kmsKey };
    },
});
