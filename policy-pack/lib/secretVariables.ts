import { asString } from "./values";

/**
 * Fragments that mark an environment variable as a credential, matched case-insensitively anywhere in the
 * normalised name (see `normalizeVariableName`): `PGPASSWORD`, `dbPassword` and `DB_PWD` all match. `PASS` alone
 * only as a whole word (`PASSPORT`, `BYPASS` are not credentials).
 */
export const DEFAULT_SENSITIVE_NAME_PATTERN =
    "PASSWORD|PASSWD|PWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL|ACCESS_?KEY|(^|_)PASS($|_)";

/** Shell variables that merely contain a sensitive fragment (`PWD` is the working directory). */
const NOT_CREDENTIALS: ReadonlySet<string> = new Set(["PWD", "OLDPWD"]);

/** Values that reveal a credential whatever the variable's name (AWS access key ids, PEM private keys). */
const CREDENTIAL_VALUE = /^(AKIA|ASIA)[A-Z0-9]{16}$|-----BEGIN [A-Z ]*PRIVATE KEY-----/;

/** A URL with a password in its user info (`postgres://user:password@host/db`), whatever the variable's name. */
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/?#@\s:]*:[^/?#@\s]+@/i;

/**
 * References to a secret store are not secrets: Secrets Manager secrets, SSM parameters and KMS keys or aliases, as
 * ARNs with a region, a 12-digit account and the service's resource prefix. Any other `arn:`-prefixed text is a value.
 */
const SECRET_STORE_REFERENCE =
    /^arn:aws[a-z-]*:(secretsmanager:[a-z0-9-]+:\d{12}:secret:|ssm:[a-z0-9-]+:\d{12}:parameter\/|kms:[a-z0-9-]+:\d{12}:(key|alias)\/)\S+$/;

/**
 * The last word of a name that describes a setting about a credential rather than the credential itself, with the
 * value shape that setting must have (`PASSWORD_MIN_LENGTH=12`, `DB_PASSWORD_FILE=/run/secrets/db`,
 * `TOKEN_URL=https://...`). A qualified name with any other value (`PASSWORD_MIN_LENGTH=hunter2`) is still flagged.
 */
const QUALIFIER_VALUES: ReadonlyArray<{ words: readonly string[]; value: RegExp }> = [
    { words: ["LENGTH", "LEN", "MIN", "MAX", "TTL", "TIMEOUT", "SECONDS", "MINUTES", "HOURS", "DAYS", "AGE", "EXPIRY", "COUNT", "SIZE"], value: /^\d+[smhd]?$/ },
    { words: ["ENABLED", "DISABLED", "REQUIRED"], value: /^(true|false)$/i },
    { words: ["FILE", "PATH", "DIR"], value: /^\/\S*$/ },
    { words: ["URL", "URI", "ENDPOINT"], value: /^https?:\/\/\S+$/i },
];

/** `dbPassword` → `DB_PASSWORD`, `ORTHANC__POSTGRESQL__PASSWORD` → `ORTHANC_POSTGRESQL_PASSWORD`. */
export function normalizeVariableName(name: string): string {
    return name
        .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
        .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
        .replace(/[^A-Za-z0-9]+/g, "_")
        .toUpperCase();
}

/** First words of a switch about a credential feature (`ENABLE_KEYCLOAK_API_KEYS=true`): only a boolean value is one. */
const SWITCH_WORDS: readonly string[] = ["ENABLE", "DISABLE", "USE"];
const BOOLEAN_VALUE = /^(true|false)$/i;

/**
 * True when the name's last word is a qualifier and the value has the shape that qualifier promises, or when the
 * name is a switch (its first word) and the value a boolean.
 */
function isQualifiedSetting(normalizedName: string, value: string): boolean {
    const words = normalizedName.split("_").filter(word => word !== "");
    const lastWord = words[words.length - 1] ?? "";
    if (SWITCH_WORDS.includes(words[0] ?? "") && BOOLEAN_VALUE.test(value)) return true;
    return QUALIFIER_VALUES.some(qualifier => qualifier.words.includes(lastWord) && qualifier.value.test(value));
}

function isSecretStoreReference(value: string): boolean {
    return SECRET_STORE_REFERENCE.test(value);
}

/** True when the variable holds a credential in plain text. */
function isPlaintextSecret(name: string, value: string, sensitiveName: RegExp, secretMarker: string): boolean {
    if (value === secretMarker || CREDENTIAL_VALUE.test(value) || URL_WITH_PASSWORD.test(value)) {
        return true;
    }
    const normalized = normalizeVariableName(name);
    return sensitiveName.test(normalized) && !NOT_CREDENTIALS.has(normalized)
        && !isSecretStoreReference(value) && !isQualifiedSetting(normalized, value);
}

/**
 * Names of variables that hold a credential in plain text: a sensitive name with a literal value, a value shaped
 * like a credential (access key, private key, URL with a password), or a value the program marked secret (the
 * offline plan shows it as `secretMarker`).
 */
export function plaintextSecretVariables(
    variables: Record<string, unknown>, sensitiveNamePattern: string, secretMarker: string): string[] {
    const sensitiveName = new RegExp(sensitiveNamePattern, "i");
    return Object.entries(variables)
        .filter(([name, raw]) => {
            const value = asString(raw) ?? (raw === undefined || raw === null ? undefined : String(raw));
            return value !== undefined && isPlaintextSecret(name, value, sensitiveName, secretMarker);
        })
        .map(([name]) => name)
        .sort();
}
