import { PolicyResource, UnknownValueError } from "@pulumi/policy";
import { asRecord } from "./values";

/** A 12-digit AWS account id. */
export const ACCOUNT_ID = /^\d{12}$/;
/** The account field of an ARN (`arn:partition:service:region:account:resource`), when it has one. */
export function arnAccount(value: string): string | undefined {
    const parts = value.split(":");
    return parts.length >= 6 && parts[0] === "arn" && ACCOUNT_ID.test(parts[4]) ? parts[4] : undefined;
}

/** The account a principal or condition value names: a bare id, or the account field of an ARN. */
export function namedAccount(value: string): string | undefined {
    return ACCOUNT_ID.test(value) ? value : arnAccount(value);
}

/** Keys that name the resource's own location: the resource's ARN outputs, never principals or grants. */
const OWN_ARN_KEY = /^(arn|.*Arn|kmsKeyId|kmsMasterKeyId|resources?)$/;

function ownArns(value: unknown, key: string, found: Set<string>): void {
    if (typeof value === "string") {
        const account = OWN_ARN_KEY.test(key) ? arnAccount(value) : undefined;
        if (account !== undefined) {
            found.add(account);
        }
    } else if (Array.isArray(value)) {
        value.forEach(item => ownArns(item, key, found));
    }
}

/**
 * The accounts the stack deploys into. When the pack config lists `accountIds`, exactly those. Otherwise the accounts
 * named by the ARNs of the stack's own resources (`arn`, `...Arn`, key ids and resource lists of their top-level
 * properties, and the `Resource` elements of their policy documents, which can only name the resource the policy is
 * attached to): never a principal, a grantee or a condition value, so a foreign account cannot make itself "own" by
 * being granted access. In a first preview every such ARN may still be unknown; then, and only then, the accounts the
 * program's own conditions pin callers to (`aws:SourceAccount`, `kms:CallerAccount`, ... built from the caller
 * identity, as the program does) stand in, so the deploying account's root grant is not reported as foreign.
 */
export function ownAccounts(resources: readonly PolicyResource[], configured: readonly string[] | undefined,
    documentResources: (resource: PolicyResource) => string[], conditionAccounts: (resource: PolicyResource) => string[]): Set<string> {
    if (configured !== undefined && configured.length > 0) {
        return new Set(configured);
    }
    const found = new Set<string>();
    for (const resource of resources) {
        const props = asRecord(resource.props);
        for (const key of Object.keys(props)) {
            try {
                ownArns(props[key], key, found);
            } catch (error) {
                // A value unknown during preview names no account.
                if (!(error instanceof UnknownValueError)) {
                    throw error;
                }
            }
        }
        known(() => documentResources(resource)).forEach(arn => ownArns(arn, "resources", found));
    }
    if (found.size === 0) {
        resources.forEach(resource => known(() => conditionAccounts(resource)).forEach(account => found.add(account)));
    }
    return found;
}

/** The values `read` returns, or none when it reads a value unknown during preview. */
function known(read: () => string[]): string[] {
    try {
        return read();
    } catch (error) {
        if (error instanceof UnknownValueError) {
            return [];
        }
        throw error;
    }
}
