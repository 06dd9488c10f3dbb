/**
 * Typed readers for one settings object: each reads a key, records a problem (naming the dotted setting, the bad
 * value and what is allowed) instead of throwing, and falls back to the default so that every problem of a
 * config is reported in one run.
 */

export type RawSection = Record<string, unknown>;

export class ConfigProblems {
    readonly messages: string[] = [];

    add(setting: string, message: string): void {
        this.messages.push(`${setting}: ${message}`);
    }

    invalid(setting: string, value: unknown, allowed: string): void {
        this.add(setting, `${show(value)} is not allowed; ${allowed}`);
    }
}

/** Shows a config value in an error message the way the user wrote it. */
export function show(value: unknown): string {
    return JSON.stringify(value);
}

export class SectionReader {
    constructor(
        private readonly values: RawSection,
        /** Dotted prefix of this section (`compute.`), empty at the top level. */
        private readonly prefix: string,
        readonly problems: ConfigProblems,
    ) {}

    path(key: string): string {
        return `${this.prefix}${key}`;
    }

    /** Reports keys the schema does not know (typos would otherwise be ignored silently). */
    rejectUnknown(knownKeys: readonly string[]): void {
        for (const key of Object.keys(this.values)) {
            if (!knownKeys.includes(key)) {
                this.problems.add(this.path(key), `unknown setting; known settings here are ${knownKeys.map((k) => this.path(k)).join(", ")}`);
            }
        }
    }

    has(key: string): boolean {
        return this.values[key] !== undefined;
    }

    /**
     * One of `allowed`. With `acceptWholeNumbers`, a YAML number is read as its text (`engineVersion: 17` is "17"),
     * since people write versions as numbers naturally and nothing else could be meant.
     */
    enumOf<T extends string>(key: string, allowed: readonly T[], fallback: T, options: { acceptWholeNumbers?: boolean } = {}): T {
        const raw = this.values[key];
        if (raw === undefined) return fallback;
        const value = options.acceptWholeNumbers && typeof raw === "number" && Number.isInteger(raw) ? String(raw) : raw;
        if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
        this.problems.invalid(this.path(key), raw, `use one of ${allowed.join(", ")}`);
        return fallback;
    }

    integer(key: string, min: number, max: number, fallback: number): number {
        const value = this.values[key];
        if (value === undefined) return fallback;
        // Top-level Pulumi config values arrive as strings; numbers inside structured config arrive as numbers.
        const parsed = typeof value === "string" && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
        if (typeof parsed === "number" && Number.isInteger(parsed) && parsed >= min && parsed <= max) return parsed;
        this.problems.invalid(this.path(key), value, `use a whole number from ${min} to ${max}`);
        return fallback;
    }

    oneOfNumbers(key: string, allowed: readonly number[], fallback: number): number {
        const value = this.values[key];
        if (value === undefined) return fallback;
        const parsed = typeof value === "string" && /^\d+$/.test(value.trim()) ? Number(value) : value;
        if (typeof parsed === "number" && allowed.includes(parsed)) return parsed;
        this.problems.invalid(this.path(key), value, `use one of ${allowed.join(", ")}`);
        return fallback;
    }

    boolean(key: string, fallback: boolean): boolean {
        const value = this.values[key];
        if (value === undefined) return fallback;
        if (value === true || value === "true") return true;
        if (value === false || value === "false") return false;
        this.problems.invalid(this.path(key), value, "use true or false");
        return fallback;
    }

    /** A string matching `pattern`; `rule` says in words what the pattern allows. */
    text(key: string, pattern: RegExp, rule: string, fallback: string): string;
    text(key: string, pattern: RegExp, rule: string, fallback?: undefined): string | undefined;
    text(key: string, pattern: RegExp, rule: string, fallback?: string): string | undefined {
        const value = this.values[key];
        if (value === undefined) return fallback;
        if (typeof value === "string" && pattern.test(value)) return value;
        this.problems.invalid(this.path(key), value, rule);
        return fallback;
    }

    stringList(key: string): string[] | undefined {
        const value = this.values[key];
        if (value === undefined) return undefined;
        if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value as string[];
        this.problems.invalid(this.path(key), value, "use a list of strings");
        return undefined;
    }

    /** A nested settings object; a non-object is reported and read as empty. */
    section(key: string): SectionReader {
        const value = this.values[key];
        let values: RawSection = {};
        if (value !== undefined) {
            if (isPlainObject(value)) values = value;
            else this.problems.invalid(this.path(key), value, "use an object (Pulumi structured config)");
        }
        return new SectionReader(values, `${this.path(key)}.`, this.problems);
    }
}

export function isPlainObject(value: unknown): value is RawSection {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
