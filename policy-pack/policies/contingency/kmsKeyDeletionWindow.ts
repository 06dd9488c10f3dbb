import { ResourceValidationPolicy } from "@pulumi/policy";
import { safeguard } from "../../lib/hipaa";
import { KMS_KEY } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";
import { asNumber } from "../../lib/values";

/** KMS's longest waiting period (KMS developer guide, "Deleting AWS KMS keys": 7 to 30 days). */
export const MAXIMUM_DELETION_WINDOW_DAYS = 30;

/**
 * AWS Config kms-cmk-not-scheduled-for-deletion, at preview: a key deleted with the stack is only scheduled for
 * deletion; the longest window leaves a month to cancel before every backup it encrypts becomes unreadable. Whether
 * the stack may delete it at all is orthanc-phi-stores-protected's `protect` rule.
 */
export const requireKmsKeyDeletionWindow: ResourceValidationPolicy = {
    name: "orthanc-kms-key-deletion-window",
    ...safeguard("contingencyPlan", "high", "KMS keys must wait the longest deletion window (30 days, "
        + "`deletionWindowInDays`) before deletion, so a mistaken deletion can be cancelled."),
    remediationSteps: "Set `deletionWindowInDays: 30`.",
    validateResource: validateResourceOfTypes(KMS_KEY, (props, args, reportViolation) => {
        const days = asNumber(props.deletionWindowInDays);
        if (days !== MAXIMUM_DELETION_WINDOW_DAYS) {
            reportViolation(`'${args.name}' is deleted ${days === undefined ? "after the provider default (not set)" : `${days} days`} after it is scheduled; use ${MAXIMUM_DELETION_WINDOW_DAYS}.`);
        }
    }),
};
