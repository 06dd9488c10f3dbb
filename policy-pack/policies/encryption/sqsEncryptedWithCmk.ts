import { customerManagedKeyPolicy } from "../../lib/encryptionPolicy";
import { SQS_QUEUE } from "../../lib/resourceTypes";

/** SQS-managed SSE (`sqsManagedSseEnabled`) uses an AWS-owned key and does not count. */
export const requireSqsEncryptedWithCmk = customerManagedKeyPolicy({
    name: "orthanc-sqs-encrypted-with-cmk",
    subject: "SQS queues",
    types: SQS_QUEUE,
    fix: "`kmsMasterKeyId`",
    read: props => ({ encrypted: true, key: props.kmsMasterKeyId }),
});
