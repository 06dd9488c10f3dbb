import { ResourceValidationPolicy } from "@pulumi/policy";
import { safeguard } from "../../lib/hipaa";
import { RDS_CLUSTER_INSTANCE, RDS_INSTANCE } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";

/** AWS Config rds-automatic-minor-version-upgrade-enabled: security fixes arrive in the maintenance window. */
export const requireRdsAutoMinorVersionUpgrade: ResourceValidationPolicy = {
    name: "orthanc-rds-auto-minor-version-upgrade",
    ...safeguard("integrity", "medium", "RDS instances must take minor engine upgrades automatically "
        + "(`autoMinorVersionUpgrade` not false)."),
    remediationSteps: "Remove `autoMinorVersionUpgrade: false`.",
    validateResource: validateResourceOfTypes([...RDS_INSTANCE, ...RDS_CLUSTER_INSTANCE], (props, args, reportViolation) => {
        // The provider's default is true (aws.rds.Instance autoMinorVersionUpgrade), so unset is compliant.
        if (props.autoMinorVersionUpgrade === false || props.autoMinorVersionUpgrade === "false") {
            reportViolation(`'${args.name}' does not take minor version upgrades (autoMinorVersionUpgrade: false).`);
        }
    }),
};
