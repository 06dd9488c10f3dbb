/**
 * The Debian 13 (trixie) root the real-runtime tests run their servers and DICOM tools from: Orthanc 1.12.7 with
 * Debian's PostgreSQL (5.0), DICOMweb (1.20) and Python plugins, PostgreSQL 17 and DCMTK 3.6.9, as built by
 * `bash .ci/trixie-root` (the package list is there). Nothing inside reaches any network but its own loopback.
 *
 * API (other tests build on it; keep it stable):
 * - `trixieRoot()`: the root's path, `$ORTHANC_AWS_TRIXIE_ROOT` or /var/cache/orthanc-aws/trixie-root. Throws, saying
 *   how to build it, when it is absent: the tests fail, they never skip.
 * - `sandbox()`: this process's one sandbox, made on first use: a private network namespace with only `lo` up, and a
 *   private mount namespace where the root is read-only and sees this machine's temporary directory (`os.tmpdir()`)
 *   at the same path, so files under it are shared both ways (put work directories there, e.g. `mkdtempSync`).
 *   - `run(command, args, options)`: runs a short command of the root inside; resolves with its output, rejects with
 *     it when the command fails. `options.user` names a user of the root (default root), `options.env` adds
 *     variables to a clean environment (the host's is not passed in), `options.cwd` is the working directory.
 *   - `start(command, args, logFile, options)`: starts a long-running command inside (output to `logFile`); the
 *     process is tracked and stopped like any in processes.ts (`stop(child)`).
 *   - `expose(port)`: a TCP port listening on 127.0.0.1 inside is made reachable at 127.0.0.1:<same port> on this
 *     machine (HTTP from the test process, host tools); resolves with a handle whose `close()` ends the bridge.
 *   - `user(name)`: the uid/gid of a user of the root (files the root's `postgres` must own).
 * Everything needs root (namespaces, chroot), as CI and the developers' machines have.
 */
import { ChildProcess } from "child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "fs";
import { connect, createServer, Socket } from "net";
import { tmpdir } from "os";
import { join } from "path";
import { CommandResult, onExit, run as runOnHost, startDaemon, stop, waitFor } from "./processes";

export const TRIXIE_ROOT_VARIABLE = "ORTHANC_AWS_TRIXIE_ROOT";
const DEFAULT_TRIXIE_ROOT = "/var/cache/orthanc-aws/trixie-root";
/** Written by .ci/trixie-root once a build is complete. */
const ROOT_STAMP = ".orthanc-aws-root";
const CLEAN_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

export interface SandboxCommandOptions {
    user?: string;
    env?: Record<string, string>;
    cwd?: string;
}

export interface ExposedPort { port: number; close(): Promise<void> }

export interface Sandbox {
    root: string;
    run(command: string, args: string[], options?: SandboxCommandOptions): Promise<CommandResult>;
    start(command: string, args: string[], logFile: string, options?: SandboxCommandOptions): ChildProcess;
    expose(port: number): Promise<ExposedPort>;
    user(name: string): { uid: number; gid: number };
}

export function trixieRoot(): string {
    const root = process.env[TRIXIE_ROOT_VARIABLE] || DEFAULT_TRIXIE_ROOT;
    if (!existsSync(join(root, ROOT_STAMP))) {
        throw new Error(`The Debian 13 root of the real-runtime tests is missing at ${root} (${TRIXIE_ROOT_VARIABLE} overrides the path): ` +
            "build it with `sudo bash .ci/trixie-root` (about a minute; CI does it).");
    }
    return root;
}

/** The uid and gid of `name` in the root's own /etc/passwd (they differ from this machine's). */
function rootUser(root: string, name: string): { uid: number; gid: number } {
    const entry = readFileSync(join(root, "etc/passwd"), "utf8").split("\n").map((line) => line.split(":")).find((fields) => fields[0] === name);
    if (!entry) {
        throw new Error(`The trixie root at ${root} has no user ${name}.`);
    }
    return { uid: Number(entry[2]), gid: Number(entry[3]) };
}

/**
 * The namespaces live as long as one holder process (`sleep infinity`) does; every command enters them with
 * nsenter and then chroots. The mounts are private to the namespace, so nothing leaks onto this machine.
 */
async function createSandbox(): Promise<Sandbox> {
    const root = trixieRoot();
    if (process.getuid?.() !== 0) {
        throw new Error("The real-runtime tests need root: they run Orthanc and PostgreSQL in a network namespace of their own.");
    }
    const sharedDir = tmpdir();
    const bridgeDir = mkdtempSync(join(sharedDir, "orthanc-sandbox-"));
    const ready = join(bridgeDir, "ready");
    const setup = [
        "set -e",
        `mount --bind "${root}" "${root}"`,
        `mount -o remount,bind,ro "${root}"`,
        `mount -t proc proc "${root}/proc"`,
        `mount -t tmpfs -o mode=1777 tmpfs "${root}/dev/shm"`,
        `mkdir -p "${root}${sharedDir}" 2>/dev/null || test -d "${root}${sharedDir}"`,
        `mount --rbind "${sharedDir}" "${root}${sharedDir}"`,
        `chroot "${root}" ip link set lo up`,
        `touch "${ready}"`,
        "exec sleep infinity",
    ].join("\n");
    const holderLog = join(bridgeDir, "holder.log");
    // setpriv: the holder (one process: unshare, then sh, then sleep) is killed if this process dies unannounced.
    const holder = startDaemon("setpriv", ["--pdeathsig", "KILL", "--", "unshare", "--net", "--mount", "--propagation", "private", "--",
        "/bin/sh", "-c", setup], holderLog);
    // The holder must not keep the test runner alive: it ends with the runner (processes.ts kills it at exit).
    holder.unref();
    for (const stream of [holder.stdout, holder.stderr]) {
        (stream as Socket | null)?.unref();
    }
    onExit(() => rmSync(bridgeDir, { recursive: true, force: true }));
    await waitFor(async () => existsSync(ready), 10_000,
        () => `The sandbox did not start (exit code ${holder.exitCode}): ${existsSync(holderLog) ? readFileSync(holderLog, "utf8") : ""}`,
        () => holder.exitCode !== null);

    const enter = (command: string, args: string[], options: SandboxCommandOptions): [string, string[], NodeJS.ProcessEnv] => {
        const { uid, gid } = rootUser(root, options.user ?? "root");
        const env = { PATH: CLEAN_PATH, LANG: "C.UTF-8", HOME: "/tmp", ...options.env };
        // One process from setpriv to the command (nsenter and chroot exec), so it too dies with this process.
        return ["setpriv", ["--pdeathsig", "KILL", "--", "nsenter", `--target=${holder.pid}`, "--net", "--mount", "--", "chroot",
            `--userspec=${uid}:${gid}`, "--groups=", root, "env", "-C", options.cwd ?? "/", command, ...args], env];
    };

    let bridges = 0;
    return {
        root,
        run: (command, args, options = {}) => {
            const [launcher, launcherArgs, env] = enter(command, args, options);
            return runOnHost(launcher, launcherArgs, { env });
        },
        start: (command, args, logFile, options = {}) => {
            const [launcher, launcherArgs, env] = enter(command, args, options);
            return startDaemon(launcher, launcherArgs, logFile, { env });
        },
        expose: async (port) => {
            const socketPath = join(bridgeDir, `${port}-${bridges++}.sock`);
            const [launcher, launcherArgs, env] = enter("socat", [`UNIX-LISTEN:${socketPath},fork,mode=600`, `TCP:127.0.0.1:${port}`], {});
            const inside = startDaemon(launcher, launcherArgs, `${socketPath}.log`, { env });
            await waitFor(async () => existsSync(socketPath), 10_000, () => `The bridge of port ${port} did not start: ${readFileSync(`${socketPath}.log`, "utf8")}`,
                () => inside.exitCode !== null);
            const connections = new Set<Socket>();
            const server = createServer((client) => {
                const upstream = connect(socketPath);
                for (const [from, to] of [[client, upstream], [upstream, client]]) {
                    connections.add(from);
                    from.on("error", () => to.destroy());
                    from.on("close", () => { connections.delete(from); to.destroy(); });
                    from.pipe(to);
                }
            });
            await new Promise<void>((resolve, reject) => {
                server.once("error", reject);
                server.listen(port, "127.0.0.1", () => resolve());
            });
            return {
                port,
                close: async () => {
                    for (const socket of connections) {
                        socket.destroy();
                    }
                    await new Promise<void>((resolve) => server.close(() => resolve()));
                    await stop(inside);
                },
            };
        },
        user: (name) => rootUser(root, name),
    };
}

let current: Promise<Sandbox> | undefined;

export function sandbox(): Promise<Sandbox> {
    current ??= createSandbox().catch((error: unknown) => {
        current = undefined;
        throw error;
    });
    return current;
}
