/**
 * Input constraints the provider documents (enumerated values, numeric ranges) for inputs the program sets, as
 * data. Each rule quotes the sentence of the installed `@pulumi/aws` type documentation it comes from; a test
 * checks every quote is still there, so an upgrade that changes a limit is noticed. The offline plan fails on a
 * value outside them, as AWS would at `pulumi up`.
 */

export interface InputRule {
    type: string;
    /** Dotted path of the input; `[]` steps into every element of a list (`rules[].startWindow`). */
    path: string;
    /** Returns what is allowed when the value is refused, undefined when it is fine. */
    refuses: (value: unknown) => string | undefined;
    /** Declaration file under node_modules/@pulumi/aws and the sentence of it that states the rule. */
    file: string;
    quote: string;
}

const between = (min: number, max: number) => (value: unknown) =>
    typeof value === "number" && Number.isInteger(value) && value >= min && value <= max ? undefined : `a whole number from ${min} to ${max}`;
const oneOf = (allowed: readonly unknown[]) => (value: unknown) =>
    allowed.includes(value) ? undefined : `one of ${allowed.join(", ")}`;

/** NLB health checks accept HTTP codes 200–599, as single codes or ranges separated by commas. */
function nlbMatcher(value: unknown): string | undefined {
    const codes = typeof value === "string" ? value.split(",").flatMap((part) => part.split("-")) : [];
    const valid = codes.length > 0 && codes.every((code) => /^\d{3}$/.test(code) && Number(code) >= 200 && Number(code) <= 599);
    return valid ? undefined : "HTTP codes from 200 to 599, e.g. \"200,401\" or \"200-399\"";
}

const LOG_RETENTION = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653, 0];

export const INPUT_RULES: readonly InputRule[] = [
    { type: "aws:lb/targetGroup:TargetGroup", path: "deregistrationDelay", refuses: between(0, 3600),
        file: "lb/targetGroup.d.ts", quote: "The range is 0-3600 seconds." },
    { type: "aws:lb/targetGroup:TargetGroup", path: "healthCheck.interval", refuses: between(5, 300),
        file: "types/input.d.ts", quote: "Approximate amount of time, in seconds, between health checks of an individual target. The range is 5-300." },
    { type: "aws:lb/targetGroup:TargetGroup", path: "healthCheck.healthyThreshold", refuses: between(2, 10),
        file: "types/input.d.ts", quote: "Number of consecutive health check successes required before considering a target healthy. The range is 2-10." },
    { type: "aws:lb/targetGroup:TargetGroup", path: "healthCheck.unhealthyThreshold", refuses: between(2, 10),
        file: "types/input.d.ts", quote: "Number of consecutive health check failures required before considering a target unhealthy. The range is 2-10." },
    { type: "aws:lb/targetGroup:TargetGroup", path: "healthCheck.timeout", refuses: between(2, 120),
        file: "types/input.d.ts", quote: "The range is 2–120 seconds." },
    { type: "aws:lb/targetGroup:TargetGroup", path: "healthCheck.matcher", refuses: nlbMatcher,
        file: "types/input.d.ts", quote: "When used with a Network Load Balancer (i.e., the `protocol` is one of `TCP`, `TCP_UDP`, `UDP`, or `TLS`), values can be between `200` and `599`." },
    { type: "aws:cloudwatch/logGroup:LogGroup", path: "retentionInDays", refuses: oneOf(LOG_RETENTION),
        file: "cloudwatch/logGroup.d.ts", quote: `Possible values are: ${LOG_RETENTION.slice(0, -1).join(", ")}, and 0.` },
    { type: "aws:kms/key:Key", path: "deletionWindowInDays", refuses: between(7, 30),
        file: "kms/key.d.ts", quote: "If you specify a value, it must be between `7` and `30`, inclusive." },
    { type: "aws:sqs/queue:Queue", path: "messageRetentionSeconds", refuses: between(60, 1209600),
        file: "sqs/queue.d.ts", quote: "Integer representing seconds, from 60 (1 minute) to 1209600 (14 days)." },
    { type: "aws:sqs/queue:Queue", path: "visibilityTimeoutSeconds", refuses: between(0, 43200),
        file: "sqs/queue.d.ts", quote: "An integer from 0 to 43200 (12 hours)." },
    { type: "aws:sqs/queue:Queue", path: "kmsDataKeyReusePeriodSeconds", refuses: between(60, 86400),
        file: "sqs/queue.d.ts", quote: "between 60 seconds (1 minute) and 86,400 seconds (24 hours)" },
    { type: "aws:secretsmanager/secret:Secret", path: "recoveryWindowInDays",
        refuses: (value) => value === 0 || between(7, 30)(value) === undefined ? undefined : "0 or a whole number from 7 to 30",
        file: "secretsmanager/secret.d.ts", quote: "This value can be `0` to force deletion without recovery or range from `7` to `30` days." },
    { type: "aws:lambda/function:Function", path: "timeout", refuses: between(1, 900),
        file: "lambda/function.d.ts", quote: "Valid between 1 and 900." },
    { type: "aws:lambda/function:Function", path: "memorySize", refuses: between(128, 32768),
        file: "lambda/function.d.ts", quote: "Valid value between 128 MB to 32,768 MB (32 GB), in 1 MB increments." },
    { type: "aws:lambda/eventSourceMapping:EventSourceMapping", path: "maximumBatchingWindowInSeconds", refuses: between(0, 300),
        file: "lambda/eventSourceMapping.d.ts", quote: "Maximum amount of time to gather records before invoking the function, in seconds (between 0 and 300)." },
    { type: "aws:rds/instance:Instance", path: "backupRetentionPeriod", refuses: between(0, 35),
        file: "rds/instance.d.ts", quote: "Days to retain backups for. Must be between `0` and `35`." },
    { type: "aws:rds/instance:Instance", path: "performanceInsightsRetentionPeriod",
        refuses: (value) => value === 7 || value === 731 || (typeof value === "number" && Number.isInteger(value) && value > 0 && value % 31 === 0)
            ? undefined : "7, 731 or a multiple of 31",
        file: "rds/instance.d.ts", quote: "Valid values are `7`, `731` (2 years) or a multiple of `31`." },
    { type: "aws:ec2/flowLog:FlowLog", path: "maxAggregationInterval", refuses: oneOf([60, 600]),
        file: "ec2/flowLog.d.ts", quote: "Valid Values: `60` seconds (1 minute) or `600` seconds (10 minutes)." },
    { type: "aws:ecs/service:Service", path: "healthCheckGracePeriodSeconds", refuses: between(0, 2147483647),
        file: "ecs/service.d.ts", quote: "up to 2147483647" },
];

/** Every value at a dotted path (`a.b[].c`) of the inputs; missing values are skipped (not set = provider default). */
export function valuesAt(inputs: unknown, path: string): unknown[] {
    let values: unknown[] = [inputs];
    for (const step of path.split(".")) {
        const key = step.replace(/\[\]$/, "");
        values = values.flatMap((value) => {
            const next = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
            if (next === undefined) return [];
            return step.endsWith("[]") && Array.isArray(next) ? next : [next];
        });
    }
    return values;
}

/** Messages for each input of the resource that the provider's documentation rules out. */
export function inputProblems(type: string, logicalName: string, inputs: Record<string, unknown>): string[] {
    return INPUT_RULES.filter((rule) => rule.type === type).flatMap((rule) => valuesAt(inputs, rule.path).flatMap((value) => {
        const allowed = rule.refuses(value);
        return allowed === undefined ? [] : [`${type} "${logicalName}": ${rule.path} ${JSON.stringify(value)} is not accepted; use ${allowed} (@pulumi/aws ${rule.file})`];
    }));
}
