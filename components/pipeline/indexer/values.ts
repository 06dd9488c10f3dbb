/** Decoding one non-sequence element value into its DICOM JSON Model form (PS3.18 F.2.3). */
import { CharacterSet, decodeText, splitValues, STRING_VRS } from "./textDecoding";

export type PersonName = { Alphabetic?: string; Ideographic?: string; Phonetic?: string };
export type JsonValue = string | number | PersonName | JsonDataset | null;

export interface JsonElement {
    vr: string;
    Value?: JsonValue[];
    InlineBinary?: string;
    BulkDataURI?: string;
}

export type JsonDataset = { [tag: string]: JsonElement };

export const BINARY_VRS: ReadonlySet<string> = new Set(["OB", "OD", "OF", "OL", "OV", "OW", "UN"]);

interface BinaryNumberType {
    size: number;
    read(bytes: Buffer, offset: number, littleEndian: boolean): number | bigint;
}

const BINARY_NUMBERS: Record<string, BinaryNumberType> = {
    US: { size: 2, read: (b, o, le) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o)) },
    SS: { size: 2, read: (b, o, le) => (le ? b.readInt16LE(o) : b.readInt16BE(o)) },
    UL: { size: 4, read: (b, o, le) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o)) },
    SL: { size: 4, read: (b, o, le) => (le ? b.readInt32LE(o) : b.readInt32BE(o)) },
    FL: { size: 4, read: (b, o, le) => (le ? b.readFloatLE(o) : b.readFloatBE(o)) },
    FD: { size: 8, read: (b, o, le) => (le ? b.readDoubleLE(o) : b.readDoubleBE(o)) },
    SV: { size: 8, read: (b, o, le) => (le ? b.readBigInt64LE(o) : b.readBigInt64BE(o)) },
    UV: { size: 8, read: (b, o, le) => (le ? b.readBigUInt64LE(o) : b.readBigUInt64BE(o)) },
};

/**
 * A JSON number, or its decimal string where neither JSON nor DynamoDB can hold the number: NaN, ±Infinity,
 * magnitudes outside DynamoDB's 1E-130..1E+126, 64-bit integers beyond 2^53.
 */
export function storableNumber(value: number | bigint): number | string {
    if (typeof value === "bigint") {
        return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
    }
    const magnitude = Math.abs(value);
    const storable = Number.isFinite(value) && (magnitude === 0 || (magnitude >= 1e-130 && magnitude < 1e126));
    return storable ? value : String(value);
}

/** DS/IS text → number; text that is not a valid number stays a string rather than failing the object. */
function decimalString(text: string, vr: string): number | string {
    const number = Number(text);
    const valid = text !== "" && Number.isFinite(number) && (vr === "DS" || Number.isInteger(number));
    return valid ? storableNumber(number) : text;
}

function personName(text: string): PersonName {
    const [alphabetic, ideographic, phonetic] = text.split("=");
    const name: PersonName = {};
    if (alphabetic) name.Alphabetic = alphabetic;
    if (ideographic) name.Ideographic = ideographic;
    if (phonetic) name.Phonetic = phonetic;
    return name;
}

/**
 * The JSON element of a value's bytes, or undefined when the VR's fixed value size does not divide the
 * length (the caller then keeps the bytes as binary).
 */
export function decodeValue(bytes: Buffer, vr: string, littleEndian: boolean, characterSet: CharacterSet): JsonElement | undefined {
    if (bytes.length === 0) return { vr };
    if (STRING_VRS.has(vr)) {
        const values = splitValues(decodeText(bytes, vr, characterSet), vr);
        if (values.length === 0) return { vr };
        if (vr === "PN") return { vr, Value: values.map((v) => (v === null ? null : personName(v))) };
        if (vr === "DS" || vr === "IS") return { vr, Value: values.map((v) => (v === null ? null : decimalString(v, vr))) };
        return { vr, Value: values };
    }
    if (vr === "AT") {
        if (bytes.length % 4 !== 0) return undefined;
        const Value: string[] = [];
        for (let o = 0; o < bytes.length; o += 4) {
            const group = littleEndian ? bytes.readUInt16LE(o) : bytes.readUInt16BE(o);
            const element = littleEndian ? bytes.readUInt16LE(o + 2) : bytes.readUInt16BE(o + 2);
            Value.push((((group << 16) | element) >>> 0).toString(16).toUpperCase().padStart(8, "0"));
        }
        return { vr, Value };
    }
    const numberType = BINARY_NUMBERS[vr];
    if (numberType === undefined) return { vr, InlineBinary: bytes.toString("base64") };
    if (bytes.length % numberType.size !== 0) return undefined;
    const Value: (number | string)[] = [];
    for (let o = 0; o < bytes.length; o += numberType.size) Value.push(storableNumber(numberType.read(bytes, o, littleEndian)));
    return { vr, Value };
}
