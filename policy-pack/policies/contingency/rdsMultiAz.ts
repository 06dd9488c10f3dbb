import { ResourceValidationPolicy } from "@pulumi/policy";
import { safeguard } from "../../lib/hipaa";
import { RDS_INSTANCE } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";
import { isSet, isTrue } from "../../lib/values";

/** AWS Config rds-multi-az-support: a standby in a second zone takes over when the primary's zone fails. */
export const requireRdsMultiAz: ResourceValidationPolicy = {
    name: "orthanc-rds-multi-az",
    ...safeguard("contingencyPlan", "medium", "RDS instances must run Multi-AZ (`multiAz: true`) (mandatory in prod "
        + "pack config; read replicas not applicable)."),
    remediationSteps: "Set stack config `database.multiAz: true`.",
    validateResource: validateResourceOfTypes(RDS_INSTANCE, (props, args, reportViolation) => {
        if (isSet(props.replicateSourceDb)) {
            args.notApplicable("Read replicas fail over through their source database");
        }
        if (!isTrue(props.multiAz)) {
            reportViolation(`'${args.name}' runs in a single availability zone (multiAz).`);
        }
    }),
};
