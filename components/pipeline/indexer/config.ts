/** The function's settings, from its environment. */
import { DEFAULT_READ_OPTIONS, ReadOptions } from "./headerReader";

export interface IndexerConfig {
    tableName: string;
    bucket: string;
    readOptions: ReadOptions;
    concurrency: number;
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, problems: string[]): number {
    const text = env[name];
    if (text === undefined || text === "") return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value <= 0) problems.push(`${name} must be a positive integer, got "${text}"`);
    return value;
}

/**
 * Reads TABLE_NAME and BUCKET_NAME (required), and FIRST_READ_MAX_BYTES, MAX_HEADER_BYTES, CONCURRENCY (optional).
 * AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL_DYNAMODB are read by the SDK itself.
 */
export function configFromEnvironment(env: NodeJS.ProcessEnv): IndexerConfig {
    const problems: string[] = [];
    const required = (name: string): string => {
        const value = env[name];
        if (value === undefined || value === "") problems.push(`${name} must be set`);
        return value ?? "";
    };
    const config: IndexerConfig = {
        tableName: required("TABLE_NAME"),
        bucket: required("BUCKET_NAME"),
        readOptions: {
            ...DEFAULT_READ_OPTIONS,
            firstReadMaxBytes: positiveInteger(env, "FIRST_READ_MAX_BYTES", DEFAULT_READ_OPTIONS.firstReadMaxBytes, problems),
            maxHeaderBytes: positiveInteger(env, "MAX_HEADER_BYTES", DEFAULT_READ_OPTIONS.maxHeaderBytes, problems),
        },
        concurrency: positiveInteger(env, "CONCURRENCY", 8, problems),
    };
    if (problems.length > 0) throw new Error(`Invalid indexer environment: ${problems.join("; ")}`);
    return config;
}
