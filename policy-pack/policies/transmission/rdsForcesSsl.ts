import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { settingsFor } from "../../lib/correlate";
import { safeguard } from "../../lib/hipaa";
import { RDS_CLUSTER, RDS_CLUSTER_PARAMETER_GROUP, RDS_INSTANCE, RDS_PARAMETER_GROUP } from "../../lib/resourceTypes";
import { forEachDecidable, resourcesOfTypes, validateStackOfTypes } from "../../lib/validate";
import { asArray, asRecord, asString } from "../../lib/values";

/** The parameter that refuses unencrypted connections, per engine family (AWS RDS user guide, "SSL/TLS"). */
const FORCE_SSL_PARAMETERS: { family: RegExp; parameter: string; values: string[] }[] = [
    { family: /postgres/i, parameter: "rds.force_ssl", values: ["1"] },
    { family: /mysql|mariadb/i, parameter: "require_secure_transport", values: ["1", "on"] },
];

function forceSslRule(engineOrFamily: string) {
    return FORCE_SSL_PARAMETERS.find(rule => rule.family.test(engineOrFamily));
}

/** True when the parameter group sets the engine's force-SSL parameter. */
function forcesSsl(group: PolicyResource): boolean {
    const rule = forceSslRule(String(group.props.family ?? ""));
    return rule !== undefined && asArray(group.props.parameters).map(asRecord).some(p =>
        p.name === rule.parameter && rule.values.includes(String(p.value).toLowerCase()));
}

/**
 * Engine defaults change between major versions (PostgreSQL 15+ defaults to force_ssl=1, MySQL does not), so the
 * database must name a parameter group of the stack that sets the parameter explicitly.
 */
export const requireRdsForcesSsl: StackValidationPolicy = {
    name: "orthanc-rds-forces-ssl",
    ...safeguard("transmissionSecurity", "high", `RDS PostgreSQL/MySQL/MariaDB `
        + "databases must use a parameter group of the stack that forces SSL (`rds.force_ssl=1`, "
        + "`require_secure_transport=1`)."),
    remediationSteps: "Create an `aws.rds.ParameterGroup` with `{ name: \"rds.force_ssl\", value: \"1\" }` and set the "
        + "instance's `parameterGroupName` to it.",
    validateStack: validateStackOfTypes([...RDS_INSTANCE, ...RDS_CLUSTER], (databases, args, reportViolation) => {
        const groups = resourcesOfTypes(args, [...RDS_PARAMETER_GROUP, ...RDS_CLUSTER_PARAMETER_GROUP]);
        forEachDecidable(databases, database => {
            const engine = String(database.props.engine ?? "");
            if (forceSslRule(engine) === undefined) {
                return;
            }
            const isCluster = RDS_CLUSTER.includes(database.type);
            const property = isCluster ? "dbClusterParameterGroupName" : "parameterGroupName";
            const groupTypes = isCluster ? RDS_CLUSTER_PARAMETER_GROUP : RDS_PARAMETER_GROUP;
            const group = groups.find(g => groupTypes.includes(g.type)
                && settingsFor(g, [database], property, ["name"]).length > 0);
            if (group === undefined) {
                const groupName = asString(database.props[property]);
                reportViolation(`Database '${database.name}' (${engine}) uses ${groupName === undefined ? "the default parameter group" : `parameter group '${groupName}', not one of this stack`}; `
                    + "use a parameter group that forces SSL.", database.urn);
            } else if (!forcesSsl(group)) {
                reportViolation(`Database '${database.name}' uses parameter group '${group.name}', which does not force SSL.`,
                    database.urn);
            }
        });
    }),
};
