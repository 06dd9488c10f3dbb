import { asArray, asRecord, asString, parseJson } from "./values";

/** Name fragments that mark an environment variable as a credential (matched case-insensitively, per word). */
export const DEFAULT_SENSITIVE_NAME_PATTERN = "(^|_)(PASSWORD|PASSWD|PASS|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIALS?|ACCESS_?KEY)($|_)";

/** Values that reveal a credential whatever the variable's name (AWS access key ids, PEM private keys). */
const CREDENTIAL_VALUE = /^(AKIA|ASIA)[A-Z0-9]{16}$|-----BEGIN [A-Z ]*PRIVATE KEY-----/;

/** A reference to a secret store is not itself a secret (e.g. `DB_SECRET_ARN=arn:aws:secretsmanager:...`). */
function isReference(value: string): boolean {
    return value.startsWith("arn:");
}

/**
 * Names of variables that hold a credential in plain text: a sensitive name with a literal value, a value shaped
 * like a credential, or a value the program marked secret (the offline plan shows it as `secretMarker`).
 */
export function plaintextSecretVariables(
    variables: Record<string, unknown>, sensitiveNamePattern: string, secretMarker: string): string[] {
    const sensitiveName = new RegExp(sensitiveNamePattern, "i");
    return Object.entries(variables)
        .filter(([name, raw]) => {
            const value = asString(raw) ?? (raw === undefined || raw === null ? undefined : String(raw));
            if (value === undefined) {
                return false;
            }
            return value === secretMarker
                || CREDENTIAL_VALUE.test(value)
                || (sensitiveName.test(name) && !isReference(value));
        })
        .map(([name]) => name)
        .sort();
}

/** One ECS container definition, as the policies need it. */
export interface ContainerDefinition {
    name: string;
    privileged: boolean;
    environment: Record<string, unknown>;
}

/**
 * Parses `containerDefinitions` (a JSON string in aws v7). Undefined when it is not a JSON array: callers report
 * that rather than passing a document they cannot read.
 */
export function parseContainerDefinitions(value: unknown): ContainerDefinition[] | undefined {
    const parsed = parseJson(value);
    if (!Array.isArray(parsed)) {
        return undefined;
    }
    return parsed.map((raw, index) => {
        const container = asRecord(raw);
        const environment: Record<string, unknown> = {};
        for (const entry of asArray(container.environment)) {
            const variable = asRecord(entry);
            const name = asString(variable.name);
            if (name !== undefined) {
                environment[name] = variable.value;
            }
        }
        return {
            name: asString(container.name) ?? `#${index}`,
            privileged: container.privileged === true,
            environment,
        };
    });
}
