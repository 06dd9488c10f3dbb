import { ResourceValidationPolicy } from "@pulumi/policy";
import { HIPAA_SECTIONS, hipaaFramework } from "../../lib/hipaa";
import { DYNAMODB_TABLE } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";
import { asRecord, isTrue } from "../../lib/values";

export const requireDynamodbPitr: ResourceValidationPolicy = {
    name: "orthanc-dynamodb-pitr",
    description: `${HIPAA_SECTIONS.contingencyPlan} contingency plan: DynamoDB tables must have point-in-time `
        + "recovery enabled (`pointInTimeRecovery.enabled: true`).",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: hipaaFramework(HIPAA_SECTIONS.contingencyPlan),
    remediationSteps: "Set `pointInTimeRecovery: { enabled: true }`.",
    validateResource: validateResourceOfTypes(DYNAMODB_TABLE, (props, args, reportViolation) => {
        if (!isTrue(asRecord(props.pointInTimeRecovery).enabled)) {
            reportViolation(`'${args.name}' has no point-in-time recovery.`);
        }
    }),
};
