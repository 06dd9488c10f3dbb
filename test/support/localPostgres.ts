/**
 * A throw-away PostgreSQL server: its own data directory, private port and socket directory, TLS on with a
 * self-signed certificate, and TCP connections without TLS refused, so that a client that does not use TLS fails.
 */
import { execFileSync } from "child_process";
import { chmodSync, chownSync, existsSync, readdirSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { freePort } from "./freePort";
import { onExit, run } from "./processes";

export interface LocalPostgres {
    host: string;
    port: number;
    database: string;
    username: string;
    password: string;
    /** Runs SQL as the superuser over the socket and returns psql's unaligned output. */
    query(sql: string): Promise<string>;
    stop(): Promise<void>;
}

function postgresBinary(name: string): string {
    const root = "/usr/lib/postgresql";
    const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, "bin", name))) : [];
    if (versions.length === 0) {
        throw new Error(`PostgreSQL's ${name} is not installed (Debian package postgresql; .ci/run installs it).`);
    }
    versions.sort((a, b) => Number(b) - Number(a));
    return join(root, versions[0], "bin", name);
}

/** PostgreSQL refuses to run as root: run its tools as `postgres` when we are root. */
function asServerUser(command: string, args: string[]): [string, string[]] {
    return process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
}

function serverUserIds(): { uid: number; gid: number } | undefined {
    if (process.getuid?.() !== 0) {
        return undefined;
    }
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    return { uid, gid };
}

export async function startLocalPostgres(workDir: string, credentials: { username: string; password: string; database: string }): Promise<LocalPostgres> {
    const dataDir = join(workDir, "pgdata");
    const socketDir = workDir;
    const ids = serverUserIds();
    if (ids) {
        chownSync(workDir, ids.uid, ids.gid);
    }
    await run(...asServerUser(postgresBinary("initdb"), ["-D", dataDir, "-U", "postgres", "--auth-local=trust", "--auth-host=reject", "-E", "UTF8"]));

    const certFile = join(dataDir, "server.crt");
    const keyFile = join(dataDir, "server.key");
    await run("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost", "-keyout", keyFile, "-out", certFile]);
    chmodSync(keyFile, 0o600);
    if (ids) {
        chownSync(keyFile, ids.uid, ids.gid);
        chownSync(certFile, ids.uid, ids.gid);
    }
    writeFileSync(join(dataDir, "pg_hba.conf"), [
        "local all all trust",
        "hostssl all all 127.0.0.1/32 scram-sha-256",
        "hostnossl all all 0.0.0.0/0 reject",
        "",
    ].join("\n"));

    const port = await freePort();
    const logFile = join(workDir, "postgres.log");
    const serverOptions = `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c ssl=on -c ssl_cert_file=${certFile} -c ssl_key_file=${keyFile}`;
    const pgCtl = postgresBinary("pg_ctl");
    const stopArgs = ["-D", dataDir, "-m", "fast", "-w", "stop"];
    const removeHook = onExit(() => {
        const [command, args] = asServerUser(pgCtl, stopArgs);
        try { execFileSync(command, args, { stdio: "ignore" }); } catch { /* already stopped */ }
    });
    try {
        await run(...asServerUser(pgCtl, ["-D", dataDir, "-l", logFile, "-o", serverOptions, "-w", "-t", "60", "start"]));
    } catch (error) {
        throw new Error(`${(error as Error).message}\n${existsSync(logFile) ? readFileSync(logFile, "utf8") : ""}`);
    }

    const query = async (sql: string): Promise<string> => (await run(postgresBinary("psql"),
        ["-h", socketDir, "-p", String(port), "-U", "postgres", "-d", "postgres", "-At", "-v", "ON_ERROR_STOP=1", "-c", sql])).stdout.trim();
    // Single quotes doubled: the password is test-generated, but the statement must stay valid for any value.
    await query(`CREATE ROLE "${credentials.username}" LOGIN PASSWORD '${credentials.password.replace(/'/g, "''")}'`);
    await query(`CREATE DATABASE "${credentials.database}" OWNER "${credentials.username}"`);

    return {
        host: "127.0.0.1", port, ...credentials, query,
        stop: async () => {
            await run(...asServerUser(pgCtl, stopArgs));
            removeHook();
        },
    };
}
