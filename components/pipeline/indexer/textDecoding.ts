/** DICOM string values: character sets (PS3.5 6.1), value multiplicity and padding (PS3.5 6.2). */
import { convertBytes } from "dicom-character-set";

/** VRs whose text is in the Specific Character Set; all other string VRs use the default repertoire. */
const CHARSET_VRS = new Set(["SH", "LO", "ST", "LT", "UT", "UC", "PN"]);
/** VRs holding one value in which a backslash is ordinary text. */
const SINGLE_VALUED_VRS = new Set(["LT", "ST", "UT", "UR"]);
/** VRs whose leading spaces are significant (only trailing padding is removed). */
const LEADING_SPACE_SIGNIFICANT_VRS = new Set(["LT", "ST", "UT", "UR"]);
export const STRING_VRS: ReadonlySet<string> = new Set(["AE", "AS", "CS", "DA", "DS", "DT", "IS", "LO", "LT", "PN", "SH",
    "ST", "TM", "UC", "UI", "UR", "UT"]);

/** The character set value as a single string ("ISO 2022 IR 6\\ISO 2022 IR 87"), or undefined for the default. */
export type CharacterSet = string | undefined;

function isAscii(bytes: Buffer): boolean {
    for (let i = 0; i < bytes.length; i++) {
        if (bytes[i] > 0x7f || bytes[i] === 0x1b) return false;
    }
    return true;
}

/**
 * Single character sets Node decodes natively. ISO_IR 100 is ISO 8859-1 as pydicom reads it (dicom-character-set
 * would read it as windows-1252, which differs in 0x80-0x9F).
 */
const NATIVE_ENCODINGS: Readonly<Record<string, BufferEncoding>> = { "ISO_IR 6": "latin1", "ISO_IR 100": "latin1", "ISO_IR 192": "utf8" };

/** Decodes text bytes; an unknown character set falls back to ISO 8859-1 rather than failing the object. */
export function decodeText(bytes: Buffer, vr: string, characterSet: CharacterSet): string {
    if (!CHARSET_VRS.has(vr) || characterSet === undefined || isAscii(bytes)) return bytes.toString("latin1");
    const native = NATIVE_ENCODINGS[characterSet];
    if (native !== undefined) return bytes.toString(native);
    try {
        return convertBytes(characterSet, bytes, { vr });
    } catch {
        return bytes.toString("latin1");
    }
}

/** Removes a value's padding: trailing spaces (and NULs, which pad UIs and some writers' strings), leading spaces where insignificant. */
function trimValue(value: string, vr: string): string {
    let end = value.length;
    while (end > 0 && (value.charCodeAt(end - 1) === 0x20 || value.charCodeAt(end - 1) === 0)) end--;
    let start = 0;
    if (!LEADING_SPACE_SIGNIFICANT_VRS.has(vr)) while (start < end && value.charCodeAt(start) === 0x20) start++;
    return start === 0 && end === value.length ? value : value.slice(start, end);
}

/** Splits decoded text into its values; empty values inside a multi-valued string are null, as PS3.18 F.2.5 requires. */
export function splitValues(text: string, vr: string): (string | null)[] {
    const parts = SINGLE_VALUED_VRS.has(vr) ? [text] : text.split("\\");
    const values = parts.map((part) => trimValue(part, vr));
    if (values.length === 1 && values[0] === "") return [];
    return values.map((value) => (value === "" ? null : value));
}

/** The text of a Specific Character Set element's raw bytes, as dicom-character-set expects it. */
export function characterSetOf(bytes: Buffer): CharacterSet {
    const terms = splitValues(bytes.toString("latin1"), "CS");
    if (terms.length === 0) return undefined;
    // An empty first term means the default repertoire (ISO 2022 IR 6) for code extensions.
    const named = terms.map((term) => term ?? "ISO 2022 IR 6");
    // Writers switch G0 back to ASCII (ESC ( B) even when IR 6 is not listed; pydicom accepts that too.
    if (named.length > 1 && !named.includes("ISO 2022 IR 6")) named.push("ISO 2022 IR 6");
    return named.join("\\");
}
