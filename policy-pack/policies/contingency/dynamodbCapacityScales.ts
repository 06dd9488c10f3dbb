import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { safeguard } from "../../lib/hipaa";
import { APPAUTOSCALING_TARGET, DYNAMODB_TABLE } from "../../lib/resourceTypes";
import { forEachDecidable, resourcesOfTypes, validateStackOfTypes } from "../../lib/validate";
import { asString } from "../../lib/values";

const DIMENSIONS = ["dynamodb:table:ReadCapacityUnits", "dynamodb:table:WriteCapacityUnits"];

/**
 * AWS Config dynamodb-autoscaling-enabled: a table on on-demand capacity scales by itself; a provisioned one needs
 * Application Auto Scaling targets for both reads and writes, or bursts are throttled.
 */
export const requireDynamodbCapacityScales: StackValidationPolicy = {
    name: "orthanc-dynamodb-capacity-scales",
    ...safeguard("contingencyPlan", "medium", "DynamoDB tables must use on-demand capacity (`PAY_PER_REQUEST`) or "
        + "have auto-scaling targets for read and write capacity."),
    remediationSteps: "Set `billingMode: \"PAY_PER_REQUEST\"`.",
    validateStack: validateStackOfTypes(DYNAMODB_TABLE, (tables, args, reportViolation) => {
        const targets = resourcesOfTypes(args, APPAUTOSCALING_TARGET);
        forEachDecidable(tables, (table: PolicyResource) => {
            if (table.props.billingMode === "PAY_PER_REQUEST") {
                return;
            }
            const resourceId = `table/${asString(table.props.name) ?? ""}`;
            const missing = DIMENSIONS.filter(d => !targets.some(t => t.props.resourceId === resourceId && t.props.scalableDimension === d));
            if (missing.length > 0) {
                reportViolation(`Table '${table.name}' has provisioned capacity without auto scaling of ${missing.join(", ")}.`, table.urn);
            }
        });
    }),
};
