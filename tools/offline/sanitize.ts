/**
 * Turns Pulumi's wire format into plain JSON for the plan: secrets become a marker (their values are never
 * printed), unknowns a marker, resource references their URN, assets and archives a short description.
 */
import { SECRET_MARKER, UNKNOWN_MARKER } from "./planTypes";

// Signature keys and values of Pulumi's property serialization (sdk/nodejs/runtime/rpc.ts).
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";
const OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function sanitize(value: unknown): unknown {
    if (value === UNKNOWN_VALUE) return UNKNOWN_MARKER;
    if (Array.isArray(value)) return value.map(sanitize);
    if (typeof value !== "object" || value === null) return value;
    const object = value as Record<string, unknown>;
    switch (object[SIG_KEY]) {
        case SECRET_SIG:
            return SECRET_MARKER;
        case RESOURCE_SIG:
            return object.urn;
        case OUTPUT_SIG:
            return object.secret ? SECRET_MARKER : ("value" in object ? sanitize(object.value) : UNKNOWN_MARKER);
        case ASSET_SIG:
            return { asset: object.path ?? object.uri ?? "(text)" };
        case ARCHIVE_SIG:
            return { archive: object.path ?? object.uri ?? Object.keys((object.assets as object | undefined) ?? {}) };
        default:
            return Object.fromEntries(Object.entries(object).map(([key, item]) => [key, sanitize(item)]));
    }
}
