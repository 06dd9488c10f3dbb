/**
 * What the database component decides about PostgreSQL on RDS: engine family, parameters, names.
 * Pure functions, so tests check every value exactly.
 */

import { POSTGRES_MAJOR_VERSIONS } from "../../config/awsLimits";

/**
 * RDS parameter group family of a PostgreSQL major version (`database.engineVersion`, validated against
 * POSTGRES_MAJOR_VERSIONS), e.g. `postgres17`. A family exists per major; the parameters below exist in all.
 */
export function postgresParameterGroupFamily(majorVersion: string): string {
    if (!(POSTGRES_MAJOR_VERSIONS as readonly string[]).includes(majorVersion)) {
        throw new Error(
            `database.engineVersion "${majorVersion}" is not a supported PostgreSQL major version; ` +
            `use one of ${POSTGRES_MAJOR_VERSIONS.join(", ")}.`);
    }
    return `postgres${majorVersion}`;
}

export interface DbParameter {
    name: string;
    value: string;
}

/**
 * Parameters of the Orthanc index database. TLS is mandatory; logging records who connected and what failed,
 * never SQL text or bind values: Orthanc's queries carry patient names, IDs and birth dates (PHI).
 * All are dynamic parameters, so they apply without a reboot.
 */
export const POSTGRES_PARAMETERS: readonly DbParameter[] = [
    // Reject every connection that does not use TLS.
    { name: "rds.force_ssl", value: "1" },
    { name: "ssl_min_protocol_version", value: "TLSv1.2" },
    // Audit trail of sessions (user, database, client address) without query content.
    { name: "log_connections", value: "1" },
    { name: "log_disconnections", value: "1" },
    // Never log statements: not all of them, not slow ones, not DDL.
    { name: "log_statement", value: "none" },
    { name: "log_min_duration_statement", value: "-1" },
    // An error would otherwise be followed by the failing statement's text ("STATEMENT: ...").
    { name: "log_min_error_statement", value: "panic" },
    // DETAIL lines quote row values, e.g. "Key (patientid)=(123456) already exists".
    { name: "log_error_verbosity", value: "terse" },
];

/** PostgreSQL log streams exported to CloudWatch Logs. */
export const POSTGRES_LOG_EXPORTS = ["postgresql", "upgrade"] as const;
export type PostgresLogExport = typeof POSTGRES_LOG_EXPORTS[number];

/**
 * The RDS instance identifier derived from the component name. RDS allows 1–63 letters, digits and single
 * hyphens, starting with a letter and not ending with a hyphen; it is fixed (not auto-named) because the log
 * groups RDS writes to are named after it and must exist, encrypted, before RDS creates them itself.
 */
export function rdsInstanceIdentifier(name: string): string {
    const identifier = name.toLowerCase();
    if (!/^[a-z](?:-?[a-z0-9])*$/.test(identifier) || identifier.length > 63) {
        throw new Error(
            `Database name "${name}" cannot be an RDS instance identifier: use 1–63 letters, digits and single ` +
            `hyphens, starting with a letter (set \`namespace\` accordingly).`);
    }
    return identifier;
}

/** The log group RDS writes an exported log stream to. */
export function rdsLogGroupName(identifier: string, logType: PostgresLogExport): string {
    return `/aws/rds/instance/${identifier}/${logType}`;
}

/**
 * Name of the snapshot RDS takes when the instance is deleted. The instance identifier is fixed, so a fixed name
 * would collide with the kept snapshot of an earlier instance of the same stack (DBSnapshotAlreadyExists, and the
 * destroy fails): `suffix` is random per instance (`random.RandomId` hex), created and replaced with it.
 */
export function finalSnapshotIdentifier(identifier: string, suffix: string): string {
    if (!/^[0-9a-f]+$/.test(suffix)) {
        throw new Error(`Final snapshot suffix "${suffix}" must be lowercase hex (a RandomId's hex output).`);
    }
    return `${identifier}-final-${suffix}`;
}
