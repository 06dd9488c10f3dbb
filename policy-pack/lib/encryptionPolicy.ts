import { ResourceValidationPolicy } from "@pulumi/policy";
import { safeguard } from "./hipaa";
import { describeKey, isCustomerManagedKey } from "./kms";
import { validateResourceOfTypes } from "./validate";

/** How a resource type states its encryption at rest. */
export interface EncryptionSetting {
    /** False when encryption itself is off (e.g. `storageEncrypted: false`); the key is then not examined. */
    encrypted: boolean;
    /** The KMS key reference (id, ARN or alias) the store is encrypted with, if any. */
    key: unknown;
}

export interface CustomerManagedKeyPolicyArgs {
    name: string;
    /** What the resources are, for the description and messages, e.g. "SQS queues". */
    subject: string;
    types: readonly string[];
    /** The input properties to set, quoted in the description and messages, e.g. "`kmsMasterKeyId`". */
    fix: string;
    read: (props: Record<string, unknown>) => EncryptionSetting;
}

/**
 * A resource policy requiring encryption at rest with a customer-managed KMS key: AWS-owned and AWS-managed keys
 * cannot be restricted by key policy, disabled or audited per use, so they do not meet the access-control half of
 * encryption for PHI.
 */
export function customerManagedKeyPolicy(policy: CustomerManagedKeyPolicyArgs): ResourceValidationPolicy {
    return {
        name: policy.name,
        ...safeguard("encryption", "high", `${policy.subject} must be encrypted at rest with a `
            + `customer-managed KMS key (${policy.fix}).`),
        remediationSteps: `Set ${policy.fix} to a KMS key the stack manages (e.g. EncryptionKeys' data key).`,
        validateResource: validateResourceOfTypes(policy.types, (props, args, reportViolation) => {
            const setting = policy.read(props);
            if (!setting.encrypted) {
                reportViolation(`'${args.name}' is not encrypted at rest; set ${policy.fix}.`);
            } else if (!isCustomerManagedKey(setting.key)) {
                reportViolation(`'${args.name}' is not encrypted with a customer-managed key: ${describeKey(setting.key)}; set ${policy.fix}.`);
            }
        }),
    };
}
