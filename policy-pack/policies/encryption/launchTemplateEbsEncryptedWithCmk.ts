import { ResourceValidationPolicy } from "@pulumi/policy";
import { safeguard } from "../../lib/hipaa";
import { describeKey, isCustomerManagedKey } from "../../lib/kms";
import { LAUNCH_TEMPLATE } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";
import { asArray, asRecord, isTrue } from "../../lib/values";

/**
 * Container hosts (EC2 launch type) write task volumes, image layers and swap to EBS. A launch template without a
 * block device mapping boots the AMI's root volume unencrypted unless account-level EBS encryption happens to be on,
 * so at least one mapping is required and every EBS mapping must name a customer-managed key.
 */
export const requireLaunchTemplateEbsEncryptedWithCmk: ResourceValidationPolicy = {
    name: "orthanc-launch-template-ebs-encrypted-with-cmk",
    ...safeguard("encryption", "high", `EC2 launch templates must map their EBS volumes with `
        + "`ebs.encrypted: \"true\"` and a customer-managed `ebs.kmsKeyId`."),
    remediationSteps: "Add a `blockDeviceMappings` entry for the root device with `ebs: { encrypted: \"true\", kmsKeyId }`.",
    validateResource: validateResourceOfTypes(LAUNCH_TEMPLATE, (props, args, reportViolation) => {
        const mappings = asArray(props.blockDeviceMappings).map(asRecord).filter(m => "ebs" in m);
        if (mappings.length === 0) {
            reportViolation(`'${args.name}' maps no EBS volume: its root volume would not be encrypted with a customer-managed key.`);
        }
        for (const mapping of mappings) {
            const ebs = asRecord(mapping.ebs);
            const device = String(mapping.deviceName ?? "(no device name)");
            if (!isTrue(ebs.encrypted)) {
                reportViolation(`'${args.name}' device ${device} is not encrypted; set ebs.encrypted to "true".`);
            } else if (!isCustomerManagedKey(ebs.kmsKeyId)) {
                reportViolation(`'${args.name}' device ${device} is not encrypted with a customer-managed key: ${describeKey(ebs.kmsKeyId)}.`);
            }
        }
    }),
};
