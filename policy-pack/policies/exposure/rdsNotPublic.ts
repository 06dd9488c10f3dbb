import { ResourceValidationPolicy } from "@pulumi/policy";
import { safeguard } from "../../lib/hipaa";
import { RDS_CLUSTER_INSTANCE, RDS_INSTANCE } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";
import { isTrue } from "../../lib/values";

export const requireRdsNotPublic: ResourceValidationPolicy = {
    name: "orthanc-rds-not-public",
    ...safeguard("accessControl", "critical", `RDS DB instances and Aurora cluster instances `
        + "must not be publicly accessible."),
    remediationSteps: "Set `publiclyAccessible: false` and place the database in isolated subnets.",
    validateResource: validateResourceOfTypes([...RDS_INSTANCE, ...RDS_CLUSTER_INSTANCE], (props, args, reportViolation) => {
        if (isTrue(props.publiclyAccessible)) {
            reportViolation(`'${args.name}' is publicly accessible.`);
        }
    }),
};
