import { StackValidationPolicy } from "@pulumi/policy";
import { settingsFor } from "../../lib/correlate";
import { safeguard } from "../../lib/hipaa";
import { SECRET, SECRET_ROTATION } from "../../lib/resourceTypes";
import { forEachDecidable, resourcesOfTypes, validateStackOfTypes } from "../../lib/validate";
import { asNumber, asRecord, asString } from "../../lib/values";

export const DEFAULT_MAXIMUM_ROTATION_DAYS = 90;

export interface SecretRotationConfig {
    maximumDays?: number;
}

/**
 * AWS Config secretsmanager-rotation-enabled-check (with its maxDaysSinceRotation as `maximumDays`): every secret
 * the stack creates has a rotation schedule. RDS-managed master secrets rotate by RDS and are not stack resources.
 */
export const requireSecretsRotated: StackValidationPolicy = {
    name: "orthanc-secrets-rotated",
    ...safeguard("accessControl", "high", "every Secrets Manager secret must rotate automatically "
        + "(aws.secretsmanager.SecretRotation) at most every `maximumDays` (default 90)."),
    remediationSteps: "Add `aws.secretsmanager.SecretRotation` with a rotation Lambda and "
        + "`rotationRules.automaticallyAfterDays` up to the maximum.",
    configSchema: { properties: { maximumDays: { type: "integer", minimum: 1, default: DEFAULT_MAXIMUM_ROTATION_DAYS } } },
    validateStack: validateStackOfTypes(SECRET, (secrets, args, reportViolation) => {
        const maximum = args.getConfig<SecretRotationConfig>().maximumDays ?? DEFAULT_MAXIMUM_ROTATION_DAYS;
        const rotations = resourcesOfTypes(args, SECRET_ROTATION);
        forEachDecidable(secrets, secret => {
            const rotation = settingsFor(secret, rotations, "secretId", ["arn"])[0];
            if (rotation === undefined) {
                reportViolation(`Secret '${secret.name}' never rotates (no SecretRotation).`, secret.urn);
                return;
            }
            const rules = asRecord(rotation.props.rotationRules);
            const days = asNumber(rules.automaticallyAfterDays);
            if (days === undefined ? asString(rules.scheduleExpression) === undefined : days > maximum) {
                reportViolation(`Secret '${secret.name}' rotates ${days === undefined ? "on no schedule" : `every ${days} days`}; the maximum is ${maximum}.`, secret.urn);
            }
        });
    }),
};
