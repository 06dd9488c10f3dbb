/**
 * A throw-away PostgreSQL server of the trixie root (17, as RDS runs), inside the sandbox (see sandbox.ts): its own
 * data directory, private port and socket directory under the work directory, TLS on with a self-signed
 * certificate, and TCP connections without TLS refused, so that a client that does not use TLS fails.
 * API: `startLocalPostgres(workDir, credentials)` → `LocalPostgres` (host/port for Orthanc inside the sandbox,
 * `query(sql)` as the superuser, `stop()`). `workDir` must be under os.tmpdir() and is handed to `postgres`.
 */
import { chmodSync, chownSync, existsSync, readdirSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { freePort } from "./freePort";
import { onExit } from "./processes";
import { Sandbox, sandbox } from "./sandbox";

export interface LocalPostgres {
    host: string;
    port: number;
    database: string;
    username: string;
    password: string;
    /** PostgreSQL's major version (the root's: 17, as RDS in production). */
    version: number;
    /** Runs SQL as the superuser over the socket and returns psql's unaligned output. */
    query(sql: string): Promise<string>;
    stop(): Promise<void>;
}

/** The newest PostgreSQL of the root (the root installs exactly one, postgresql-17). */
function postgresVersion(box: Sandbox): number {
    const root = join(box.root, "usr/lib/postgresql");
    const versions = existsSync(root) ? readdirSync(root).map(Number).filter((v) => existsSync(join(root, String(v), "bin", "postgres"))) : [];
    if (versions.length === 0) {
        throw new Error(`The trixie root at ${box.root} has no PostgreSQL server: rebuild it with \`bash .ci/trixie-root\`.`);
    }
    return Math.max(...versions);
}

export async function startLocalPostgres(workDir: string, credentials: { username: string; password: string; database: string }): Promise<LocalPostgres> {
    const box = await sandbox();
    const version = postgresVersion(box);
    const binary = (name: string): string => `/usr/lib/postgresql/${version}/bin/${name}`;
    const asServer = { user: "postgres" };
    const dataDir = join(workDir, "pgdata");
    const socketDir = workDir;
    // PostgreSQL refuses to run as root: its files belong to the root's `postgres` user.
    const { uid, gid } = box.user("postgres");
    chownSync(workDir, uid, gid);
    await box.run(binary("initdb"), ["-D", dataDir, "-U", "postgres", "--auth-local=trust", "--auth-host=reject", "-E", "UTF8"], asServer);

    const certFile = join(dataDir, "server.crt");
    const keyFile = join(dataDir, "server.key");
    await box.run("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost", "-keyout", keyFile, "-out", certFile], asServer);
    chmodSync(keyFile, 0o600);
    writeFileSync(join(dataDir, "pg_hba.conf"), [
        "local all all trust",
        "hostssl all all 127.0.0.1/32 scram-sha-256",
        "hostnossl all all 0.0.0.0/0 reject",
        "",
    ].join("\n"));

    const port = await freePort();
    const logFile = join(workDir, "postgres.log");
    const serverOptions = `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c ssl=on -c ssl_cert_file=${certFile} -c ssl_key_file=${keyFile}`;
    const stopArgs = ["-D", dataDir, "-m", "fast", "-w", "stop"];
    // pg_ctl daemonises the server: should the runner die first, a fast shutdown (SIGINT) by the pid it recorded.
    const removeHook = onExit(() => {
        try {
            process.kill(Number(readFileSync(join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]), "SIGINT");
        } catch { /* already stopped */ }
    });
    try {
        await box.run(binary("pg_ctl"), ["-D", dataDir, "-l", logFile, "-o", serverOptions, "-w", "-t", "60", "start"], asServer);
    } catch (error) {
        throw new Error(`${(error as Error).message}\n${existsSync(logFile) ? readFileSync(logFile, "utf8") : ""}`);
    }

    const query = async (sql: string): Promise<string> => (await box.run(binary("psql"),
        ["-h", socketDir, "-p", String(port), "-U", "postgres", "-d", "postgres", "-At", "-v", "ON_ERROR_STOP=1", "-c", sql])).stdout.trim();
    // Single quotes doubled: the password is test-generated, but the statement must stay valid for any value.
    await query(`CREATE ROLE "${credentials.username}" LOGIN PASSWORD '${credentials.password.replace(/'/g, "''")}'`);
    await query(`CREATE DATABASE "${credentials.database}" OWNER "${credentials.username}"`);

    return {
        host: "127.0.0.1", port, ...credentials, version, query,
        stop: async () => {
            await box.run(binary("pg_ctl"), stopArgs, asServer);
            removeHook();
        },
    };
}
