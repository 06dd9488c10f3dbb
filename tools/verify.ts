/**
 * `npm run verify -- --stack <name> [--outputs FILE] [--pipeline-deadline SECONDS] [--secret NAME]`: checks a real
 * deployment from its stack outputs (`pulumi stack output --json`, or FILE holding that document), one line per check;
 * exit 0 only when every check passes, 1 when one fails, 2 on a usage error. It signs in to Orthanc with the
 * `username`/`password` of the secret NAME (a basic-mode admin's, output `identity.userSecretNames`), by default the
 * break-glass admin's, which the tasks load only with `identity.breakGlass`.
 */
import { execFile } from "child_process";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { readFileSync } from "fs";
import { promisify } from "util";
import { pipelineItemLookup, secretCredentials } from "./verify/awsSources";
import { exitStatus, renderResults, runVerification } from "./verify/checks";
import { StackOutputError, verifyTarget } from "./verify/stackOutputs";

const USAGE = "usage: npm run verify -- --stack <name> [--outputs FILE] [--pipeline-deadline SECONDS] [--secret NAME]";

class UsageError extends Error {}

interface VerifyOptions { stack: string; outputsFile?: string; pipelineDeadlineSeconds: number; secretName?: string }

export function parseVerifyArgs(argv: string[]): VerifyOptions {
    const values: Record<string, string> = {};
    for (let index = 0; index < argv.length; index++) {
        const flag = /^--(stack|outputs|pipeline-deadline|secret)(?:=(.*))?$/s.exec(argv[index]);
        if (flag === null) throw new UsageError(`unknown argument ${argv[index]}; ${USAGE}`);
        const value = flag[2] ?? argv[++index];
        if (value === undefined || value.startsWith("--")) throw new UsageError(`--${flag[1]} needs a value; ${USAGE}`);
        values[flag[1]] = value;
    }
    if (values.stack === undefined) throw new UsageError(`--stack is required; ${USAGE}`);
    const deadline = values["pipeline-deadline"] ?? "120";
    if (!/^\d+$/.test(deadline) || Number(deadline) < 1) throw new UsageError(`--pipeline-deadline must be a whole number of seconds; ${USAGE}`);
    return { stack: values.stack, outputsFile: values.outputs, pipelineDeadlineSeconds: Number(deadline), secretName: values.secret };
}

async function stackOutputs(options: VerifyOptions): Promise<Record<string, unknown>> {
    if (options.outputsFile !== undefined) return JSON.parse(readFileSync(options.outputsFile, "utf8")) as Record<string, unknown>;
    const { stdout } = await promisify(execFile)("pulumi", ["stack", "output", "--json", "--stack", options.stack], { maxBuffer: 16 * 1024 * 1024 });
    return JSON.parse(stdout) as Record<string, unknown>;
}

async function main(): Promise<number> {
    const options = parseVerifyArgs(process.argv.slice(2));
    const target = verifyTarget(await stackOutputs(options));
    const results = await runVerification(target, {
        credentials: () => secretCredentials(target.region, options.secretName ?? target.adminSecretName),
        pipelineIndexed: pipelineItemLookup(new DynamoDBClient({ region: target.region })),
        now: () => new Date(),
        pipelineDeadlineMs: options.pipelineDeadlineSeconds * 1000,
        pipelinePollMs: 5000,
    });
    console.log(renderResults(results));
    return exitStatus(results);
}

if (require.main === module) {
    main().then((code) => process.exit(code), (error: unknown) => {
        const known = error instanceof UsageError || error instanceof StackOutputError;
        console.error(known ? (error as Error).message : `verify could not run: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(error instanceof UsageError ? 2 : 1);
    });
}
