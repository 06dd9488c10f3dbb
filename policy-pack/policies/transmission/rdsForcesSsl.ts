import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { settingsFor } from "../../lib/correlate";
import { safeguard } from "../../lib/hipaa";
import { RDS_CLUSTER, RDS_CLUSTER_PARAMETER_GROUP, RDS_INSTANCE, RDS_PARAMETER_GROUP } from "../../lib/resourceTypes";
import { forEachDecidable, resourcesOfTypes, validateStackOfTypes } from "../../lib/validate";
import { asArray, asRecord, asString } from "../../lib/values";

/**
 * The parameter that refuses unencrypted connections and the one that sets the oldest TLS version accepted, per
 * engine family (RDS user guide, "Using SSL/TLS with a PostgreSQL DB instance": rds.force_ssl,
 * ssl_min_protocol_version; "SSL/TLS support for MySQL DB instances": require_secure_transport, tls_version).
 */
const FORCE_SSL_PARAMETERS: { family: RegExp; parameter: string; values: string[]; minimumVersion: { parameter: string; accepted: RegExp } }[] = [
    {
        family: /postgres/i, parameter: "rds.force_ssl", values: ["1"],
        minimumVersion: { parameter: "ssl_min_protocol_version", accepted: /^TLSv1\.[23]$/i },
    },
    {
        family: /mysql|mariadb/i, parameter: "require_secure_transport", values: ["1", "on"],
        minimumVersion: { parameter: "tls_version", accepted: /^TLSv1\.[23](,\s*TLSv1\.[23])*$/i },
    },
];

function forceSslRule(engineOrFamily: string) {
    return FORCE_SSL_PARAMETERS.find(rule => rule.family.test(engineOrFamily));
}

/** What the parameter group lacks: the force-SSL parameter, or a minimum of TLS 1.2. */
function sslProblem(group: PolicyResource): string | undefined {
    const rule = forceSslRule(String(group.props.family ?? ""));
    if (rule === undefined) {
        return "does not force SSL";
    }
    const parameters = asArray(group.props.parameters).map(asRecord);
    const value = (name: string) => parameters.find(p => p.name === name)?.value;
    if (!rule.values.includes(String(value(rule.parameter)).toLowerCase())) {
        return "does not force SSL";
    }
    const minimum = value(rule.minimumVersion.parameter);
    return rule.minimumVersion.accepted.test(String(minimum ?? "")) ? undefined
        : `accepts TLS older than 1.2 (${rule.minimumVersion.parameter} ${minimum === undefined ? "not set" : String(minimum)})`;
}

/**
 * Engine defaults change between major versions (PostgreSQL 15+ defaults to force_ssl=1, MySQL does not), so the
 * database must name a parameter group of the stack that sets the parameter explicitly.
 */
export const requireRdsForcesSsl: StackValidationPolicy = {
    name: "orthanc-rds-forces-ssl",
    ...safeguard("transmissionSecurity", "high", `RDS PostgreSQL/MySQL/MariaDB `
        + "databases must use a parameter group of the stack that forces SSL (`rds.force_ssl=1`, "
        + "`require_secure_transport=1`) with TLS 1.2 or later (`ssl_min_protocol_version`, `tls_version`)."),
    remediationSteps: "Create an `aws.rds.ParameterGroup` with `{ name: \"rds.force_ssl\", value: \"1\" }` and "
        + "`{ name: \"ssl_min_protocol_version\", value: \"TLSv1.2\" }`, and set the "
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
            } else {
                const problem = sslProblem(group);
                if (problem !== undefined) {
                    reportViolation(`Database '${database.name}' uses parameter group '${group.name}', which ${problem}.`, database.urn);
                }
            }
        });
    }),
};
