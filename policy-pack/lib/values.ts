/**
 * Readers for resource properties. A missing value (undefined, null, empty string) is "not set" and never
 * compliant. Values unknown during preview never reach these helpers: the policy SDK's proxy throws on reading
 * them, and the SDK turns that into an advisory "can't run during preview" result (neither pass nor violation).
 */

export function isSet(value: unknown): boolean {
    return value !== undefined && value !== null && value !== "";
}

/** True for `true` and for the string "true" (launch-template EBS fields are strings in the AWS API). */
export function isTrue(value: unknown): boolean {
    return value === true || (typeof value === "string" && value.toLowerCase() === "true");
}

export function asArray(value: unknown): unknown[] {
    if (value === undefined || value === null) {
        return [];
    }
    return Array.isArray(value) ? value : [value];
}

export function asRecord(value: unknown): Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value)
        ? value as Record<string, unknown>
        : {};
}

export function asString(value: unknown): string | undefined {
    return typeof value === "string" && value !== "" ? value : undefined;
}

/** Numbers may arrive as strings from some providers' Check; anything else is undefined. */
export function asNumber(value: unknown): number | undefined {
    if (typeof value === "number" && Number.isFinite(value)) {
        return value;
    }
    if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) {
        return Number(value);
    }
    return undefined;
}

/** Parses a JSON document given as a string (or already an object); undefined when it is neither. */
export function parseJson(value: unknown): unknown {
    if (typeof value !== "string") {
        return value === undefined || value === null ? undefined : value;
    }
    try {
        return JSON.parse(value);
    } catch {
        return undefined;
    }
}
