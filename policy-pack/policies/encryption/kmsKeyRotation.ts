import { ResourceValidationPolicy } from "@pulumi/policy";
import { safeguard } from "../../lib/hipaa";
import { KMS_KEY } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";
import { isTrue } from "../../lib/values";

/** AWS rotates only symmetric encryption keys; asymmetric and HMAC keys cannot rotate, so they are not applicable. */
const ROTATABLE_SPEC = "SYMMETRIC_DEFAULT";

export const requireKmsKeyRotation: ResourceValidationPolicy = {
    name: "orthanc-kms-key-rotation",
    ...safeguard("encryption", "medium", `customer-managed symmetric KMS keys must rotate `
        + "automatically (`enableKeyRotation: true`)."),
    remediationSteps: "Set `enableKeyRotation: true` (optionally `rotationPeriodInDays`).",
    validateResource: validateResourceOfTypes(KMS_KEY, (props, args, reportViolation) => {
        const spec = String(props.customerMasterKeySpec ?? ROTATABLE_SPEC);
        if (spec !== ROTATABLE_SPEC || (props.keyUsage ?? "ENCRYPT_DECRYPT") !== "ENCRYPT_DECRYPT") {
            args.notApplicable(`Key spec ${spec} cannot rotate automatically`);
        }
        if (!isTrue(props.enableKeyRotation)) {
            reportViolation(`'${args.name}' does not rotate; set enableKeyRotation: true.`);
        }
    }),
};
