/**
 * The sandbox the real-runtime tests run Orthanc and PostgreSQL in (test/support/sandbox.ts): only its own loopback,
 * a read-only root, this machine's temporary directory shared at the same path, and ports bridged out on request.
 */
import * as assert from "assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { connect, createServer, Server } from "net";
import { tmpdir } from "os";
import { join } from "path";
import { freePort } from "../support/freePort";
import { Sandbox, sandbox, TRIXIE_ROOT_VARIABLE, trixieRoot } from "../support/sandbox";

describe("The trixie sandbox of the real-runtime tests (integration)", function () {
    this.timeout(60_000);
    let box: Sandbox;
    let workDir: string;

    before(async () => {
        box = await sandbox();
        workDir = mkdtempSync(join(tmpdir(), "sandbox-it-"));
    });

    after(() => rmSync(workDir, { recursive: true, force: true }));

    it("runs Debian 13's programs", async () => {
        assert.match(readFileSync(join(box.root, "etc/debian_version"), "utf8"), /^13\./);
        assert.match((await box.run("/usr/sbin/Orthanc", ["--version"])).stdout, /^\/usr\/sbin\/Orthanc 1\.12\./);
    });

    it("has no network but its own loopback", async () => {
        const links = (await box.run("ip", ["-o", "link", "show"])).stdout.trim().split("\n").map((line) => line.split(":")[1].trim());
        assert.deepStrictEqual(links, ["lo"]);
        const hostPort = await freePort();
        const hostServer: Server = await new Promise((resolve) => {
            const server = createServer((socket) => socket.end("reached"));
            server.listen(hostPort, "127.0.0.1", () => resolve(server));
        });
        try {
            await assert.rejects(box.run("curl", ["-sS", "--max-time", "5", `http://127.0.0.1:${hostPort}/`]), /curl: \(7\) Failed to connect/);
        } finally {
            hostServer.close();
        }
    });

    it("keeps the cached root read-only and shares the temporary directory at the same path", async () => {
        await assert.rejects(box.run("touch", ["/probe"]), /Read-only file system/);
        writeFileSync(join(workDir, "from-host"), "host");
        await box.run("sh", ["-c", "cat from-host > from-sandbox"], { cwd: workDir });
        assert.strictEqual(readFileSync(join(workDir, "from-sandbox"), "utf8"), "host");
    });

    it("runs commands as a user of the root, with a clean environment", async () => {
        const postgres = box.user("postgres");
        assert.strictEqual((await box.run("id", ["-u"], { user: "postgres" })).stdout.trim(), String(postgres.uid));
        process.env.SANDBOX_LEAK_PROBE = "leaked";
        try {
            assert.strictEqual((await box.run("sh", ["-c", "echo \"${SANDBOX_LEAK_PROBE:-clean} $GIVEN\""], { env: { GIVEN: "given" } })).stdout.trim(), "clean given");
        } finally {
            delete process.env.SANDBOX_LEAK_PROBE;
        }
    });

    it("bridges an exposed port to the same port on this machine, and closes the bridge", async () => {
        const port = await freePort();
        const server = box.start("socat", [`TCP-LISTEN:${port},bind=127.0.0.1,reuseaddr,fork`, "SYSTEM:echo inside"], join(workDir, "socat.log"));
        try {
            await box.run("sh", ["-c", `for i in $(seq 50); do curl -s --max-time 1 telnet://127.0.0.1:${port} </dev/null && exit 0; sleep 0.1; done; exit 1`]);
            const exposed = await box.expose(port);
            const reply = await new Promise<string>((resolve, reject) => {
                const chunks: Buffer[] = [];
                connect(port, "127.0.0.1").on("data", (chunk: Buffer) => chunks.push(chunk))
                    .on("end", () => resolve(Buffer.concat(chunks).toString().trim())).on("error", reject);
            });
            assert.strictEqual(reply, "inside");
            await exposed.close();
            await assert.rejects(fetch(`http://127.0.0.1:${port}/`));
        } finally {
            server.kill();
        }
    });

    it("names the missing root and how to build it", () => {
        const saved = process.env[TRIXIE_ROOT_VARIABLE];
        process.env[TRIXIE_ROOT_VARIABLE] = join(workDir, "no-root");
        try {
            assert.throws(() => trixieRoot(), (error: Error) =>
                error.message.includes(join(workDir, "no-root")) && error.message.includes("bash .ci/trixie-root"));
        } finally {
            if (saved === undefined) {
                delete process.env[TRIXIE_ROOT_VARIABLE];
            } else {
                process.env[TRIXIE_ROOT_VARIABLE] = saved;
            }
        }
    });
});
