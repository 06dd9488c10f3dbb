/**
 * What the project's commands share: a small, strict argument parser (unknown flags are errors) and one way to
 * end. A usage error (bad arguments, an unknown stack, an unreadable stack, plan or pack-config file) or an invalid
 * stack config is the user's to fix: its message says everything, a stack trace would only distract, exit 2.
 * A plan AWS would refuse exits 1 with its list; anything else is a bug and keeps its stack trace.
 */
import { isStackConfigError } from "../config/parse";

type FlagKind = "string" | "boolean";

export interface CliArgs {
    options: Record<string, string | boolean | undefined>;
}

/** A command used wrongly: one line, exit status 2. */
export class UsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "UsageError";
    }
}

/** By name, not `instanceof`, like StackConfigError: modules may be loaded twice. */
function hasName(error: unknown, name: string): error is Error {
    return error instanceof Error && error.name === name;
}

export function parseCliArgs(argv: string[], flags: Record<string, FlagKind>, usage: string): CliArgs {
    const result: CliArgs = { options: {} };
    for (let index = 0; index < argv.length; index++) {
        const arg = argv[index];
        if (!arg.startsWith("--")) throw new UsageError(`unexpected argument ${arg} (${usage})`);
        const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
        const kind = flags[name];
        if (!kind) throw new UsageError(`unknown option --${name} (${usage})`);
        if (kind === "boolean") {
            result.options[name] = true;
        } else {
            const value = inline ?? argv[++index];
            if (value === undefined || value.startsWith("--")) throw new UsageError(`--${name} needs a value (${usage})`);
            result.options[name] = value;
        }
    }
    return result;
}

/** Runs a command's `main` and exits with its status, or as the module comment says on an error. */
export function runCommand(main: () => Promise<number>): void {
    main().then((code) => process.exit(code), (error: unknown) => {
        if (hasName(error, "UsageError") || isStackConfigError(error)) {
            console.error(error.message);
            process.exit(2);
        }
        console.error(hasName(error, "PlanRefusedError") ? error.message : error);
        process.exit(1);
    });
}
