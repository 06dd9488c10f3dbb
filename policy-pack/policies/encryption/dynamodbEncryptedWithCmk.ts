import { customerManagedKeyPolicy } from "../../lib/encryptionPolicy";
import { DYNAMODB_TABLE } from "../../lib/resourceTypes";
import { asRecord, isTrue } from "../../lib/values";

/** Without `serverSideEncryption.enabled` DynamoDB uses an AWS-owned key. */
export const requireDynamodbEncryptedWithCmk = customerManagedKeyPolicy({
    name: "orthanc-dynamodb-encrypted-with-cmk",
    subject: "DynamoDB tables",
    types: DYNAMODB_TABLE,
    fix: "`serverSideEncryption: { enabled: true, kmsKeyArn }`",
    read: props => {
        const sse = asRecord(props.serverSideEncryption);
        return { encrypted: isTrue(sse.enabled), key: sse.kmsKeyArn };
    },
});
