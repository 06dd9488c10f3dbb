/**
 * Keycloak's own database and login role on the stack's RDS PostgreSQL instance, as the SQL a one-shot init
 * container runs with the RDS master user before Keycloak starts. Pure functions, so tests run the exact text on a
 * real PostgreSQL 17 (test/identity/keycloakDatabase.test.ts).
 *
 * Idempotent: it runs at every task start, creates what is missing, and sets the role's password to the secret's
 * current value (a rotated secret takes effect at the next start). The master user of RDS is not a superuser
 * (rds_superuser, with CREATEROLE and CREATEDB), so nothing here needs more than that.
 */

/** Database and role both: lower-case identifiers need no quoting in any client (JDBC URL, psql). */
const IDENTIFIER = /^[a-z][a-z0-9_]{0,62}$/;

export interface KeycloakDatabaseNames {
    /** Keycloak's database, owned by its role. */
    database: string;
    /** Keycloak's login role. */
    role: string;
    /** The Orthanc index database: only its owner (the master user) may connect, so Keycloak's role cannot. */
    orthancDatabase: string;
}

/** Variable the init container receives Keycloak's database password in (an ECS secret). */
export const KEYCLOAK_PASSWORD_VARIABLE = "KEYCLOAK_DB_PASSWORD";

/** Keycloak's connections: its pool must fit the connections Orthanc's pool leaves (RESERVED_DATABASE_CONNECTIONS). */
export const KEYCLOAK_DB_POOL_MAX_SIZE = 5;

export function checkDatabaseNames(names: KeycloakDatabaseNames): void {
    const { database, role, orthancDatabase } = names;
    const bad = Object.entries({ database, role, orthancDatabase }).filter(([, value]) => !IDENTIFIER.test(value));
    if (bad.length > 0) {
        throw new Error(`Keycloak database names must be lower-case letters, digits and _ (1–63, starting with a letter): ${bad.map(([key, value]) => `${key} ${JSON.stringify(value)}`).join(", ")}.`);
    }
    if (names.database === names.orthancDatabase) throw new Error(`Keycloak's database must not be the Orthanc database (${names.orthancDatabase}).`);
}

/**
 * psql input. Statements that cannot run inside a DO block (CREATE DATABASE) or need the password (which psql
 * quotes itself, `:'password'`) are built with format() and run by `\gexec`; the password is read from the
 * environment (`\getenv`, psql 15+), so it is on no command line.
 */
export function keycloakDatabaseSql(names: KeycloakDatabaseNames): string {
    checkDatabaseNames(names);
    const { database, role, orthancDatabase } = names;
    return [
        "\\set ON_ERROR_STOP on",
        `\\getenv keycloak_password ${KEYCLOAK_PASSWORD_VARIABLE}`,
        "-- The role: created once, its password set to the secret's current value at every start.",
        `SELECT format('CREATE ROLE %I LOGIN', '${role}') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') \\gexec`,
        `SELECT format('ALTER ROLE %I WITH LOGIN NOCREATEDB NOCREATEROLE CONNECTION LIMIT ${KEYCLOAK_DB_POOL_MAX_SIZE + 2} PASSWORD %L', '${role}', :'keycloak_password') \\gexec`,
        "-- PostgreSQL 16+: creating a database owned by another role needs the right to SET ROLE to it.",
        `SELECT format('GRANT %I TO CURRENT_USER', '${role}') WHERE NOT pg_has_role(CURRENT_USER, '${role}', 'SET') \\gexec`,
        `SELECT format('CREATE DATABASE %I OWNER %I ENCODING %L TEMPLATE template0', '${database}', '${role}', 'UTF8') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '${database}') \\gexec`,
        "-- Only the owners connect: Keycloak to its database, the master user to Orthanc's.",
        `REVOKE ALL ON DATABASE ${database} FROM PUBLIC;`,
        `REVOKE CONNECT, TEMPORARY ON DATABASE ${orthancDatabase} FROM PUBLIC;`,
        "",
    ].join("\n");
}

/**
 * The init container's command: psql reads the host, user, password and TLS mode from the standard libpq
 * variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGSSLMODE, PGDATABASE) and the SQL from a pipe (a here-document
 * would need a temporary file, and the container's root file system is read-only).
 */
export function databaseInitScript(names: KeycloakDatabaseNames): string {
    const sql = keycloakDatabaseSql(names);
    return [
        "set -eu",
        `: "\${${KEYCLOAK_PASSWORD_VARIABLE}:?is not set}"`,
        `printf '%s' '${sql.replace(/'/g, "'\\''")}' | psql --no-psqlrc --quiet --set=ON_ERROR_STOP=1`,
        "echo 'Keycloak database ready'",
    ].join("\n");
}
