/**
 * Keycloak's database SQL on the real PostgreSQL 17 of the trixie root, run as an RDS-like master user (CREATEDB and
 * CREATEROLE, not a superuser) through the exact script of the init container, twice, over TLS.
 */
import * as assert from "assert";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { databaseInitScript, KEYCLOAK_DB_POOL_MAX_SIZE, keycloakDatabaseSql } from "../../components/identity/keycloakDatabase";
import { LocalPostgres, startLocalPostgres } from "../support/localPostgres";
import { Sandbox, sandbox } from "../support/sandbox";

const NAMES = { database: "keycloak", role: "keycloak", orthancDatabase: "orthanc" };
const MASTER = { username: "orthanc_master", password: "Master-Pass-1234.abcd", database: "orthanc" };

describe("Keycloak's database on PostgreSQL 17 (integration)", function () {
    this.timeout(120_000);
    let box: Sandbox;
    let postgres: LocalPostgres;
    let workDir: string;
    let scriptFile: string;

    /** psql over TCP with TLS, as a given user, against a given database. */
    const psqlAs = (user: string, password: string, database: string, sql: string): Promise<string> => box.run("psql",
        ["--no-psqlrc", "-At", "-v", "ON_ERROR_STOP=1", "-c", sql],
        { env: { PGHOST: postgres.host, PGPORT: String(postgres.port), PGUSER: user, PGPASSWORD: password, PGDATABASE: database, PGSSLMODE: "require" } })
        .then((result) => result.stdout.trim());

    /** The init container: its script, with the variables ECS would give it. */
    const initContainer = (keycloakPassword: string): Promise<string> => box.run("bash", [scriptFile], {
        env: {
            PGHOST: postgres.host, PGPORT: String(postgres.port), PGUSER: MASTER.username, PGPASSWORD: MASTER.password,
            PGDATABASE: "postgres", PGSSLMODE: "require", KEYCLOAK_DB_PASSWORD: keycloakPassword,
            // Nowhere to write, as on the container's read-only root file system.
            TMPDIR: "/proc", HOME: "/proc",
        },
    }).then((result) => result.stdout.trim());

    before(async () => {
        box = await sandbox();
        workDir = mkdtempSync(join(tmpdir(), "keycloak-db-"));
        postgres = await startLocalPostgres(workDir, MASTER);
        // What RDS gives its master user: role and database creation, not superuser.
        await postgres.query(`ALTER ROLE ${MASTER.username} CREATEDB CREATEROLE`);
        await psqlAs(MASTER.username, MASTER.password, "orthanc", "CREATE TABLE patients (name text); INSERT INTO patients VALUES ('DOE^JANE')");
        scriptFile = join(workDir, "init.sh");
        writeFileSync(scriptFile, databaseInitScript(NAMES));
    });

    after(async () => {
        await postgres?.stop();
        rmSync(workDir, { recursive: true, force: true });
    });

    it("creates the role and its database as a non-superuser master, and says so", async () => {
        assert.strictEqual(await postgres.query(`SELECT rolsuper FROM pg_roles WHERE rolname = '${MASTER.username}'`), "f");
        assert.strictEqual(await initContainer("first-Password-0123456789"), "Keycloak database ready");
        assert.strictEqual(await postgres.query("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'keycloak'"), "keycloak");
        assert.strictEqual(await postgres.query("SELECT rolsuper, rolcreatedb, rolcreaterole, rolcanlogin, rolconnlimit FROM pg_roles WHERE rolname = 'keycloak'"),
            `f|f|f|t|${KEYCLOAK_DB_POOL_MAX_SIZE + 2}`);
    });

    it("runs again without error and moves the role to the secret's current password", async () => {
        assert.strictEqual(await initContainer("second-Password-9876543210"), "Keycloak database ready");
        assert.strictEqual(await postgres.query("SELECT count(*) FROM pg_database WHERE datname = 'keycloak'"), "1");
        await assert.rejects(psqlAs("keycloak", "first-Password-0123456789", "keycloak", "SELECT 1"), /password authentication failed for user "keycloak"/);
        assert.strictEqual(await psqlAs("keycloak", "second-Password-9876543210", "keycloak", "SELECT current_user"), "keycloak");
    });

    it("lets Keycloak's role create and use tables in its own database", async () => {
        const output = await psqlAs("keycloak", "second-Password-9876543210", "keycloak",
            "CREATE TABLE realm_probe (id int PRIMARY KEY); INSERT INTO realm_probe VALUES (1); SELECT count(*) FROM realm_probe");
        assert.strictEqual(output, "CREATE TABLE\nINSERT 0 1\n1");
    });

    it("keeps Keycloak's role out of the Orthanc database, and others out of Keycloak's", async () => {
        await assert.rejects(psqlAs("keycloak", "second-Password-9876543210", "orthanc", "SELECT name FROM patients"),
            /permission denied for database "orthanc"/);
        await postgres.query("CREATE ROLE outsider LOGIN PASSWORD 'Outsider-Pass-123'");
        await assert.rejects(psqlAs("outsider", "Outsider-Pass-123", "keycloak", "SELECT 1"), /permission denied for database "keycloak"/);
        // Orthanc (the master user) still reads its own data.
        assert.strictEqual(await psqlAs(MASTER.username, MASTER.password, "orthanc", "SELECT name FROM patients"), "DOE^JANE");
    });

    it("fails, and says why, without the password variable", async () => {
        await assert.rejects(box.run("bash", [scriptFile], { env: { PGHOST: postgres.host, PGPORT: String(postgres.port) } }),
            /KEYCLOAK_DB_PASSWORD: is not set/);
    });

    it("generates exactly this SQL", () => {
        assert.strictEqual(keycloakDatabaseSql(NAMES), [
            "\\set ON_ERROR_STOP on",
            "\\getenv keycloak_password KEYCLOAK_DB_PASSWORD",
            "-- The role: created once, its password set to the secret's current value at every start.",
            "SELECT format('CREATE ROLE %I LOGIN', 'keycloak') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'keycloak') \\gexec",
            "SELECT format('ALTER ROLE %I WITH LOGIN NOCREATEDB NOCREATEROLE CONNECTION LIMIT 7 PASSWORD %L', 'keycloak', :'keycloak_password') \\gexec",
            "-- PostgreSQL 16+: creating a database owned by another role needs the right to SET ROLE to it.",
            "SELECT format('GRANT %I TO CURRENT_USER', 'keycloak') WHERE NOT pg_has_role(CURRENT_USER, 'keycloak', 'SET') \\gexec",
            "SELECT format('CREATE DATABASE %I OWNER %I ENCODING %L TEMPLATE template0', 'keycloak', 'keycloak', 'UTF8') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'keycloak') \\gexec",
            "-- Only the owners connect: Keycloak to its database, the master user to Orthanc's.",
            "REVOKE ALL ON DATABASE keycloak FROM PUBLIC;",
            "REVOKE CONNECT, TEMPORARY ON DATABASE orthanc FROM PUBLIC;",
            "",
        ].join("\n"));
    });

    it("refuses names that would need quoting, or Orthanc's database", () => {
        assert.throws(() => keycloakDatabaseSql({ ...NAMES, role: "Key-Cloak" }),
            /^Error: Keycloak database names must be lower-case letters, digits and _ \(1–63, starting with a letter\): role "Key-Cloak"\.$/);
        assert.throws(() => keycloakDatabaseSql({ ...NAMES, database: "orthanc" }), /^Error: Keycloak's database must not be the Orthanc database \(orthanc\)\.$/);
    });
});
