/**
 * The Orthanc administrator's credentials: how the random password is drawn, why it can never be misread by the
 * image's configuration script, and the Secrets Manager document that carries it to the tasks.
 */
import type { RandomPasswordArgs } from "@pulumi/random";

export const ADMIN_USERNAME = "admin";

/**
 * Special characters allowed in the password. Excluded on purpose: `$` (Orthanc expands `${VAR}` in its
 * configuration), `"` and `\` (JSON escaping), `{`, `[` (start JSON objects/arrays), `:` (HTTP Basic separator
 * in many clients), whitespace (stripped by JSON parsers), and shell metacharacters that trip up `curl -u`.
 */
export const ADMIN_PASSWORD_SPECIAL_CHARACTERS = "-_.~";

/**
 * Arguments of the `random.RandomPassword`. The orthancteam image parses every value as JSON before using it as a
 * string, so the password must never be valid JSON:
 * - a JSON number holds at most one letter (`e`/`E`), and the password has at least two;
 * - `true`/`false`/`null` are lower case only, and the password has an upper-case letter;
 * - Python's extra `NaN`/`Infinity` hold no digit, and the password has one;
 * - strings, objects and arrays start with `"`, `{`, `[` and whitespace is skipped: none is in the alphabet.
 */
export const ADMIN_PASSWORD_ARGS = {
    length: 32,
    upper: true,
    lower: true,
    numeric: true,
    special: true,
    overrideSpecial: ADMIN_PASSWORD_SPECIAL_CHARACTERS,
    minUpper: 2,
    minLower: 2,
    minNumeric: 2,
    minSpecial: 1,
} satisfies RandomPasswordArgs;

const ALLOWED_PASSWORD_CHARACTERS = /^[A-Za-z0-9\-_.~]+$/;

/** Values Python's `json.loads` (the image's parser) accepts beyond standard JSON. */
const PYTHON_JSON_CONSTANTS = /^\s*-?(Infinity|NaN)\s*$/;

/** True when the image's "JSON first, else string" rule would turn `value` into something other than that string. */
export function parsesAsJson(value: string): boolean {
    if (PYTHON_JSON_CONSTANTS.test(value)) {
        return true;
    }
    try {
        JSON.parse(value);
        return true;
    } catch {
        return false;
    }
}

/** Why a password is unfit for Orthanc's configuration, or undefined when it is fit. */
export function adminPasswordProblem(password: string): string | undefined {
    if (!ALLOWED_PASSWORD_CHARACTERS.test(password)) {
        return `it may only contain letters, digits and ${ADMIN_PASSWORD_SPECIAL_CHARACTERS}`;
    }
    if (parsesAsJson(password)) {
        return "it parses as JSON, so the image would not read it as a string";
    }
    const required: Array<[RegExp, string]> = [[/[A-Z]/, "an upper-case letter"], [/[a-z]/, "a lower-case letter"], [/[0-9]/, "a digit"]];
    const missing = required.filter(([pattern]) => !pattern.test(password)).map(([, what]) => what);
    if (missing.length > 0) {
        return `it lacks ${missing.join(", ")}`;
    }
    return undefined;
}

/**
 * The admin secret's JSON: `username` and `password` for people and scripts, and `registeredUsers`, the
 * `RegisteredUsers` object as a JSON string, which ECS injects as `ORTHANC__REGISTERED_USERS`.
 */
export function adminSecretString(username: string, password: string): string {
    const problem = adminPasswordProblem(password);
    if (problem !== undefined) {
        throw new Error(`The Orthanc admin password is unusable: ${problem}.`);
    }
    return JSON.stringify({ username, password, registeredUsers: JSON.stringify({ [username]: password }) });
}
