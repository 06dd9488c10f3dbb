/**
 * C-STORE throughput of Orthanc on the generated configuration (Debian 13: Orthanc 1.12.7, PostgreSQL 17 index over TLS,
 * local storage directory): one storescu association sending every instance, timed from the client's side.
 * Usage: npm run bench:cstore -- [instances=300]
 */
import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { stackConfigFixture } from "../test/orthanc/fixtures";
import { writeStudy } from "../test/support/dicom";
import { store } from "../test/support/dicomweb";
import { LocalOrthanc, startLocalOrthanc } from "../test/support/localOrthanc";
import { LocalPostgres, startLocalPostgres } from "../test/support/localPostgres";
import { drawAdminPassword } from "../test/support/passwords";

/** The instance count from the command's arguments; a usage error exits 2 with one line, as every command does. */
function instanceCount(args: string[]): number {
    const count = Number(args[0] ?? 300);
    if (!Number.isInteger(count) || count < 1 || args.length > 1) {
        console.error(`usage: npm run bench:cstore -- [instances=300] (a positive integer; got ${args.join(" ")})`);
        process.exit(2);
    }
    return count;
}

async function main(): Promise<void> {
    const count = instanceCount(process.argv.slice(2));
    const config = stackConfigFixture();
    const workDir = mkdtempSync(join(tmpdir(), "orthanc-bench-"));
    let database: LocalPostgres | undefined;
    let orthanc: LocalOrthanc | undefined;
    try {
        database = await startLocalPostgres(workDir, { username: "orthanc", password: `Db-${drawAdminPassword()}`, database: "orthanc" });
        orthanc = await startLocalOrthanc({
            config, database, adminPassword: drawAdminPassword(), workDir, name: "bench",
            storageDirectory: join(workDir, "storage"), databaseMaxConnections: 100,
        });
        const study = await writeStudy(workDir, "BENCH", count);
        const files = study.instances.map((instance) => instance.file);
        const started = process.hrtime.bigint();
        await store(orthanc.dicomPort, config.endpoint.aeTitle, files);
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        console.log(`C-STORE: ${count} instances in ${seconds.toFixed(2)} s = ${(count / seconds).toFixed(1)} instances/s ` +
            `(Orthanc ${orthanc.version}, PostgreSQL ${database.version} index over TLS, one association, TCP_NODELAY=1, local storage)`);
    } finally {
        await orthanc?.stop();
        await database?.stop();
        rmSync(workDir, { recursive: true, force: true });
    }
}

main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
});
