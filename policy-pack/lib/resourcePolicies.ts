import { PolicyResource } from "@pulumi/policy";
import { namedAccount } from "./accounts";
import { PolicyStatement, parsePolicyDocument } from "./policyDocument";
import { asArray, asRecord, asString, isSet } from "./values";

/**
 * Property names that hold an IAM-style policy document on any resource type of the provider: `policy`,
 * `accessPolicies`, `assumeRolePolicy`, `policyDocument`, `resourcePolicy`, `repositoryPolicy`, ... Only values that
 * parse as a document with a `Statement` count, so same-named settings that are no documents (`sslPolicy`,
 * `deliveryPolicy`) are skipped by shape, not by a list that a new resource type could fall outside of.
 */
const DOCUMENT_PROPERTY = /(^p|P)olic(y|ies)(Document|Json)?$/;

/**
 * Documents that restrict rather than grant: a VPC endpoint policy limits what passes the endpoint, and the caller
 * still needs its own IAM permission (VPC user guide, "Control access to VPC endpoints using endpoint policies").
 */
const GATE_TYPES = ["aws:ec2/vpcEndpoint:VpcEndpoint", "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy"];
/** A role's trust policy: who may assume it. AWS services assume roles for the account that passed them. */
const TRUST_PROPERTY = "assumeRolePolicy";

export interface GrantDocument {
    property: string;
    statements: PolicyStatement[];
    /** A role trust policy (service principals need no source condition there). */
    trust: boolean;
}

/** The resource-based documents a resource carries (identity policies parse too, and name no principal). */
export function grantDocuments(type: string, props: Record<string, unknown>): GrantDocument[] {
    if (GATE_TYPES.includes(type)) {
        return [];
    }
    return Object.keys(props).filter(key => DOCUMENT_PROPERTY.test(key)).flatMap(property => {
        const statements = parsePolicyDocument(props[property]);
        return statements === undefined ? [] : [{ property, statements, trust: property === TRUST_PROPERTY }];
    });
}

/** The `Resource` elements of a resource's documents: they name the resource the document is attached to. */
export function documentResourceArns(resource: PolicyResource): string[] {
    return grantDocuments(resource.type, asRecord(resource.props)).flatMap(d => d.statements.flatMap(s => s.resources));
}

/** The 12-digit values of account-naming condition keys in a resource's documents (Allow and Deny alike). */
export function documentConditionAccounts(resource: PolicyResource): string[] {
    return grantDocuments(resource.type, asRecord(resource.props)).flatMap(d => d.statements.flatMap(s =>
        Object.values(s.condition).flatMap(block => Object.entries(asRecord(block))
            .filter(([key]) => ACCOUNT_KEYS.includes(key.toLowerCase()))
            .flatMap(([, values]) => asArray(values).map(String).filter(v => /^\d{12}$/.test(v))))));
}

export interface Scope {
    accounts: ReadonlySet<string>;
    organizations: readonly string[];
}

/** Condition operators that require a value to match (the `IfExists` forms pass when the key is absent). */
const MATCHING_OPERATORS = ["stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike"];
/** Condition keys that name the calling or source account (IAM user guide, "AWS global condition context keys"). */
const ACCOUNT_KEYS = ["aws:sourceaccount", "aws:sourceowner", "aws:principalaccount", "kms:calleraccount"];
const ARN_KEYS = ["aws:sourcearn", "aws:principalarn"];
const ORGANIZATION_KEYS = ["aws:principalorgid", "aws:sourceorgid"];

/** True when one condition of the statement limits it to the stack's accounts or organizations. */
export function limitedToScope(condition: Record<string, unknown>, scope: Scope): boolean {
    return Object.entries(condition).some(([operator, block]) => {
        if (!MATCHING_OPERATORS.includes(operator.toLowerCase())) {
            return false;
        }
        return Object.entries(asRecord(block)).some(([rawKey, rawValues]) => {
            const key = rawKey.toLowerCase();
            const values = asArray(rawValues).map(String);
            if (values.length === 0) {
                return false;
            }
            if (ORGANIZATION_KEYS.includes(key)) {
                return values.every(v => scope.organizations.includes(v));
            }
            // Service-specific ARN keys (elasticfilesystem:AccessPointArn, ...) scope to the resource they name.
            const namesAccounts = ACCOUNT_KEYS.includes(key) || ARN_KEYS.includes(key) || key.endsWith("arn")
                || key.startsWith("kms:encryptioncontext:");
            return namesAccounts && values.every(v => {
                const account = namedAccount(v);
                return account !== undefined && scope.accounts.has(account);
            });
        });
    });
}

/** Why an Allow statement grants outside the stack's accounts, or undefined. */
export function statementProblem(statement: PolicyStatement, trust: boolean, scope: Scope): string | undefined {
    if (statement.effect !== "Allow") {
        return undefined;
    }
    if (statement.hasNotPrincipal) {
        return "allows every principal but its NotPrincipal";
    }
    const scoped = limitedToScope(statement.condition, scope);
    for (const { kind, value } of statement.typedPrincipals) {
        const problem = principalProblem(kind, value, trust, scoped, statement.condition, scope);
        if (problem !== undefined) {
            return problem;
        }
    }
    return undefined;
}

function principalProblem(kind: string, value: string, trust: boolean, scoped: boolean,
    condition: Record<string, unknown>, scope: Scope): string | undefined {
    if (kind === "AWS") {
        const account = namedAccount(value);
        if (account !== undefined) {
            return scope.accounts.has(account) ? undefined : `grants account ${account}, outside the stack's accounts`;
        }
        // "*", or an ARN with a wildcard account: anyone, unless a condition names the account.
        return scoped ? undefined : `grants principal "${value}" without a condition limiting it to the stack's accounts`;
    }
    if (kind === "Service") {
        // The confused-deputy guard: a service acts for any account unless the source is named (IAM user guide,
        // "The confused deputy problem"). Trust policies are exempt: the service assumes the role for whoever passed it.
        return trust || scoped ? undefined
            : `grants service ${value} without aws:SourceAccount or aws:SourceArn of the stack's accounts`;
    }
    if (kind === "Federated") {
        return Object.keys(condition).length > 0 ? undefined
            : `lets every identity of ${value} assume it (no condition on audience or subject)`;
    }
    return `grants ${kind} principal ${value}, which cannot be tied to the stack's accounts`;
}

/** The non-document grants of Lambda permissions and KMS grants, as problems. */
export function grantResourceProblems(type: string, props: Record<string, unknown>, scope: Scope): string[] {
    if (type === "aws:lambda/permission:Permission") {
        return lambdaPermissionProblems(props, scope);
    }
    if (type === "aws:lambda/functionUrl:FunctionUrl") {
        return props.authorizationType === "AWS_IAM" ? [] : [`function URL with authorization ${asString(props.authorizationType) ?? "not set"} (must be AWS_IAM)`];
    }
    if (type === "aws:kms/grant:Grant") {
        return ["granteePrincipal", "retiringPrincipal"].flatMap(key => {
            const account = namedAccount(asString(props[key]) ?? "");
            return account !== undefined && !scope.accounts.has(account) ? [`${key} in account ${account}, outside the stack's accounts`] : [];
        });
    }
    return [];
}

function lambdaPermissionProblems(props: Record<string, unknown>, scope: Scope): string[] {
    const problems: string[] = [];
    if (isSet(props.functionUrlAuthType) && props.functionUrlAuthType !== "AWS_IAM") {
        problems.push(`function URL permission with authorization ${String(props.functionUrlAuthType)}`);
    }
    const principal = asString(props.principal) ?? "";
    const account = namedAccount(principal);
    if (account !== undefined) {
        return scope.accounts.has(account) ? problems : [...problems, `grants account ${account}, outside the stack's accounts`];
    }
    const sourceAccount = namedAccount(asString(props.sourceAccount) ?? "") ?? namedAccount(asString(props.sourceArn) ?? "");
    const organization = asString(props.principalOrgId);
    const scoped = (sourceAccount !== undefined && scope.accounts.has(sourceAccount))
        || (organization !== undefined && scope.organizations.includes(organization));
    if (!scoped) {
        problems.push(`grants ${principal === "" ? "a principal not set" : `"${principal}"`} without sourceAccount, a sourceArn or principalOrgId of the stack's accounts`);
    }
    return problems;
}

