import { asString } from "./values";

/**
 * True when `keyRef` names a customer-managed KMS key: set, and not an AWS-managed key (`alias/aws/...`, or its ARN
 * form). A key given as an id or ARN of a key the stack creates is customer-managed.
 */
export function isCustomerManagedKey(keyRef: unknown): boolean {
    const key = asString(keyRef);
    return key !== undefined && !/(^|:)alias\/aws\//.test(key);
}

/** The violation text for a store that is not encrypted with a customer-managed key. */
export function describeKey(keyRef: unknown): string {
    const key = asString(keyRef);
    return key === undefined ? "no KMS key is set" : `the key '${key}' is AWS-managed`;
}
