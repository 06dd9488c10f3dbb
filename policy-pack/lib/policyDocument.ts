import { PolicyResource } from "@pulumi/policy";
import { asArray, asRecord, parseJson } from "./values";

/** One statement of an IAM-style policy document, with every list-or-string field as a list. */
export interface PolicyStatement {
    effect: string;
    actions: string[];
    notActions: string[];
    resources: string[];
    notResources: string[];
    /** Principal values, flattened (`"*"`, `{"AWS": "*"}` and `{"AWS": ["*"]}` all give `["*"]`). */
    principals: string[];
    /** The same principals with their kind (`AWS`, `Service`, `Federated`, `CanonicalUser`); `"*"` is kind `AWS`. */
    typedPrincipals: { kind: string; value: string }[];
    /** True when the statement names `NotPrincipal` (every principal but those). */
    hasNotPrincipal: boolean;
    condition: Record<string, unknown>;
}

function strings(value: unknown): string[] {
    return asArray(value).filter((item): item is string => typeof item === "string");
}

function principals(value: unknown): string[] {
    if (typeof value === "string") {
        return [value];
    }
    return Object.values(asRecord(value)).flatMap(strings);
}

function typedPrincipals(value: unknown): { kind: string; value: string }[] {
    if (typeof value === "string") {
        return [{ kind: "AWS", value }];
    }
    return Object.entries(asRecord(value)).flatMap(([kind, values]) => strings(values).map(v => ({ kind, value: v })));
}

/**
 * Parses a policy document (JSON string or object). Returns undefined when the document is missing or not JSON,
 * so callers report it as "not set" rather than guessing.
 */
export function parsePolicyDocument(document: unknown): PolicyStatement[] | undefined {
    const parsed = asRecord(parseJson(document));
    if (!("Statement" in parsed)) {
        return undefined;
    }
    return asArray(parsed.Statement).map(raw => {
        const statement = asRecord(raw);
        return {
            effect: typeof statement.Effect === "string" ? statement.Effect : "",
            actions: strings(statement.Action),
            notActions: strings(statement.NotAction),
            resources: strings(statement.Resource),
            notResources: strings(statement.NotResource),
            principals: principals(statement.Principal),
            typedPrincipals: typedPrincipals(statement.Principal),
            hasNotPrincipal: statement.NotPrincipal !== undefined,
            condition: asRecord(statement.Condition),
        };
    });
}

/** True when the condition block requires `aws:SecureTransport` to be false (the "deny plain HTTP" idiom). */
function matchesInsecureTransport(condition: Record<string, unknown>): boolean {
    const bool = asRecord(condition.Bool);
    const key = Object.keys(bool).find(k => k.toLowerCase() === "aws:securetransport");
    return key !== undefined && asArray(bool[key]).some(v => String(v).toLowerCase() === "false");
}

/**
 * True when some statement denies every principal every action of `servicePrefix` (e.g. "s3") on requests that do
 * not use TLS. `*` or `<service>:*` count as every action.
 */
export function deniesInsecureTransport(statements: PolicyStatement[], servicePrefix: string): boolean {
    return statements.some(s =>
        s.effect === "Deny"
        && s.principals.includes("*")
        && s.actions.some(a => a === "*" || a.toLowerCase() === `${servicePrefix}:*`)
        && matchesInsecureTransport(s.condition));
}

/** True when one of the resource-policy resources (their `policy` document) denies `servicePrefix` without TLS. */
export function someDenyInsecureTransport(policies: readonly PolicyResource[], servicePrefix: string): boolean {
    return policies.some(policy => deniesInsecureTransport(parsePolicyDocument(policy.props.policy) ?? [], servicePrefix));
}
