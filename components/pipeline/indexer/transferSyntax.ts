/** How a data set is encoded, derived from its Transfer Syntax UID (0002,0010). */
export interface DatasetEncoding {
    littleEndian: boolean;
    explicitVr: boolean;
    /** Everything after the meta group is one raw-deflate stream. */
    deflated: boolean;
}

const IMPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2";
const EXPLICIT_VR_BIG_ENDIAN = "1.2.840.10008.1.2.2";
/** Deflated Explicit VR Little Endian, and JPIP Referenced Deflate (also deflated after the meta group). */
const DEFLATED = new Set(["1.2.840.10008.1.2.1.99", "1.2.840.10008.1.2.4.95"]);

/**
 * Every other transfer syntax (explicit VR little endian, all encapsulated ones, private ones) encodes the
 * data set as explicit VR little endian, as PS3.5 section 10 requires of new transfer syntaxes.
 */
export function encodingOf(transferSyntaxUid: string): DatasetEncoding {
    if (transferSyntaxUid === IMPLICIT_VR_LITTLE_ENDIAN) return { littleEndian: true, explicitVr: false, deflated: false };
    if (transferSyntaxUid === EXPLICIT_VR_BIG_ENDIAN) return { littleEndian: false, explicitVr: true, deflated: false };
    return { littleEndian: true, explicitVr: true, deflated: DEFLATED.has(transferSyntaxUid) };
}
