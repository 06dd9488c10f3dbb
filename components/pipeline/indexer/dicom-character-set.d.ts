declare module "dicom-character-set" {
    /** Decodes DICOM text bytes for a Specific Character Set (0008,0005) value, ISO 2022 extensions included. */
    export function convertBytes(specificCharacterSet: string | undefined, bytes: Uint8Array, options?: { vr?: string }): string;
}
