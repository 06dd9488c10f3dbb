import { ResourceValidationPolicy } from "@pulumi/policy";
import { safeguard } from "../../lib/hipaa";
import { DYNAMODB_TABLE, RDS_CLUSTER, RDS_INSTANCE } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";
import { isTrue } from "../../lib/values";

/** Cloud-side guard against deleting a database by API call, console or a replacement gone wrong. */
export const requireDeletionProtection: ResourceValidationPolicy = {
    name: "orthanc-deletion-protection",
    ...safeguard("contingencyPlan", "high", `RDS instances, Aurora clusters and DynamoDB `
        + "tables must have deletion protection (mandatory in prod pack config)."),
    remediationSteps: "Set `deletionProtection: true` (RDS) or `deletionProtectionEnabled: true` (DynamoDB).",
    validateResource: validateResourceOfTypes([...RDS_INSTANCE, ...RDS_CLUSTER, ...DYNAMODB_TABLE], (props, args, reportViolation) => {
        const property = DYNAMODB_TABLE.includes(args.type) ? "deletionProtectionEnabled" : "deletionProtection";
        if (!isTrue(props[property])) {
            reportViolation(`'${args.name}' has no deletion protection (${property}).`);
        }
    }),
};
