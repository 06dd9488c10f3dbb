/**
 * Child processes of the real-runtime tests: every long-running process is tracked and stopped by `stopAll`,
 * and, should the test runner die first, by a synchronous exit hook.
 */
import { ChildProcess, execFile, spawn, SpawnOptions } from "child_process";
import { createWriteStream } from "fs";

export interface CommandResult { stdout: string; stderr: string }

/** Runs a short command to completion; rejects with its output when it fails. */
export function run(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<CommandResult> {
    return new Promise((resolve, reject) => {
        execFile(command, args, { ...options, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
            if (error) {
                reject(new Error(`${command} ${args.join(" ")} failed: ${error.message}\n${stdout}\n${stderr}`));
            } else {
                resolve({ stdout, stderr });
            }
        });
    });
}

const running = new Set<ChildProcess>();
const exitHooks = new Set<() => void>();

process.on("exit", () => {
    for (const child of running) {
        child.kill("SIGKILL");
    }
    for (const hook of exitHooks) {
        hook();
    }
});

/** Registers a synchronous clean-up for processes that are not our children (a daemonised PostgreSQL). */
export function onExit(hook: () => void): () => void {
    exitHooks.add(hook);
    return () => exitHooks.delete(hook);
}

/** Starts a long-running process whose output goes to `logFile`. */
export function startDaemon(command: string, args: string[], logFile: string, options: SpawnOptions = {}): ChildProcess {
    const log = createWriteStream(logFile);
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    running.add(child);
    child.on("exit", () => running.delete(child));
    return child;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
export function stop(child: ChildProcess, graceMs = 10_000): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) {
        return Promise.resolve();
    }
    return new Promise((resolve) => {
        const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
        child.once("exit", () => {
            clearTimeout(timer);
            resolve();
        });
        child.kill("SIGTERM");
    });
}

/** Polls `probe` until it returns true; throws `describe()` when `timeoutMs` passes or `hopeless()` turns true first. */
export async function waitFor(probe: () => Promise<boolean>, timeoutMs: number, describe: () => string, hopeless: () => boolean = () => false): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && !hopeless()) {
        if (await probe().catch(() => false)) {
            return;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(describe());
}
