/** A small, strict argument parser for the project's command-line tools: unknown flags are errors. */

type FlagKind = "string" | "boolean";

export interface CliArgs {
    options: Record<string, string | boolean | undefined>;
    positional: string[];
}

export function parseCliArgs(argv: string[], flags: Record<string, FlagKind>, usage: string): CliArgs {
    const result: CliArgs = { options: {}, positional: [] };
    for (let index = 0; index < argv.length; index++) {
        const arg = argv[index];
        if (!arg.startsWith("--")) {
            result.positional.push(arg);
            continue;
        }
        const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
        const kind = flags[name];
        if (!kind) throw new Error(`unknown option --${name}\n${usage}`);
        if (kind === "boolean") {
            result.options[name] = true;
        } else {
            const value = inline ?? argv[++index];
            if (value === undefined || value.startsWith("--")) throw new Error(`--${name} needs a value\n${usage}`);
            result.options[name] = value;
        }
    }
    return result;
}
