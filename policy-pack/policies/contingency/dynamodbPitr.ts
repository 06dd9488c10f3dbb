import { ResourceValidationPolicy } from "@pulumi/policy";
import { safeguard } from "../../lib/hipaa";
import { DYNAMODB_TABLE } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";
import { asRecord, isTrue } from "../../lib/values";

export const requireDynamodbPitr: ResourceValidationPolicy = {
    name: "orthanc-dynamodb-pitr",
    ...safeguard("contingencyPlan", "high", `DynamoDB tables must have point-in-time `
        + "recovery enabled (`pointInTimeRecovery.enabled: true`)."),
    remediationSteps: "Set `pointInTimeRecovery: { enabled: true }`.",
    validateResource: validateResourceOfTypes(DYNAMODB_TABLE, (props, args, reportViolation) => {
        if (!isTrue(asRecord(props.pointInTimeRecovery).enabled)) {
            reportViolation(`'${args.name}' has no point-in-time recovery.`);
        }
    }),
};
