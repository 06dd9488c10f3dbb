/**
 * Whether a scanned object holds a whole instance. An object cut at an element boundary scans cleanly (the
 * scanner accepts a data set that ends between elements), so what a whole instance must hold is checked here.
 *
 * Not checked: the end of an encapsulated (undefined-length) Pixel Data value, whose fragments the reader never
 * fetches; that would take one more ranged request per object. Neither is the end of a deflated data set
 * read only in part (its length is unknown until the whole stream is inflated).
 */
import { DicomFormatError, formatTag, PIXEL_DATA_TAGS, ScannedElement } from "./scanner";
import { ScannedObject, uidValue } from "./part10";

const SOP_CLASS_UID = 0x00080016;
const SOP_INSTANCE_UID = 0x00080018;
const STUDY_INSTANCE_UID = 0x0020000d;
const SERIES_INSTANCE_UID = 0x0020000e;
const ROWS = 0x00280010;
const COLUMNS = 0x00280011;
/** MR Spectroscopy has Rows and Columns and its data here instead of Pixel Data (PS3.3 C.8.14.4). */
const SPECTROSCOPY_DATA = 0x56000020;
/** The Basic Directory IOD (DICOMDIR) has no SOP Common module; its last attribute stands for its end (PS3.3 F.3). */
const MEDIA_STORAGE_DIRECTORY = "1.2.840.10008.1.3.10";
const DIRECTORY_RECORD_SEQUENCE = 0x00041220;
const UNDEFINED_LENGTH = 0xffffffff;

/** The identifying UIDs of the data set, each with the meta group element that must agree (PS3.10 7.1). */
const IDENTITY = [
    { tag: SOP_CLASS_UID, name: "SOP Class UID", metaTag: 0x00020002, metaName: "Media Storage SOP Class UID", meta: "sopClassUid" },
    { tag: SOP_INSTANCE_UID, name: "SOP Instance UID", metaTag: 0x00020003, metaName: "Media Storage SOP Instance UID", meta: "sopInstanceUid" },
] as const;

/**
 * Type 1 in every patient-related composite IOD (General Study and General Series modules), keys of the
 * table's indexes, and required by Orthanc, whose bucket this is: a data set without them was cut before them.
 */
const STUDY_AND_SERIES = [
    { tag: STUDY_INSTANCE_UID, name: "Study Instance UID" },
    { tag: SERIES_INSTANCE_UID, name: "Series Instance UID" },
] as const;

/**
 * Throws DicomFormatError unless the object holds a whole instance: its Pixel Data fits in the object (or in
 * the inflated data set), the meta group names the SOP Class and Instance, the data set has the same ones and
 * its study and series, and an image (Rows or Columns present) has its pixel data.
 */
export function checkWholeInstance(object: ScannedObject, objectSize: number): void {
    const { meta, scanned, stream } = object;
    const topLevel = new Map<number, ScannedElement>();
    for (const element of scanned.dataset.elements) topLevel.set(element.tag, element);
    const pixelData = scanned.pixelData;
    const streamLength = object.encoding.deflated ? object.inflatedLength : objectSize;
    if (pixelData !== undefined && pixelData.length !== UNDEFINED_LENGTH && streamLength !== undefined
        && pixelData.valueOffset + pixelData.length > streamLength) {
        const holder = object.encoding.deflated ? "the inflated data set" : "the object";
        throw new DicomFormatError(`truncated: Pixel Data needs ${pixelData.valueOffset + pixelData.length} bytes, ${holder} has ${streamLength}`);
    }
    for (const identity of IDENTITY) {
        if (meta[identity.meta] === undefined) {
            throw new DicomFormatError(`the File Meta Information has no ${identity.metaName} ${formatTag(identity.metaTag)}`);
        }
    }
    if (meta.sopClassUid === MEDIA_STORAGE_DIRECTORY) {
        if (!topLevel.has(DIRECTORY_RECORD_SEQUENCE)) {
            throw new DicomFormatError(`truncated: the DICOMDIR has no Directory Record Sequence ${formatTag(DIRECTORY_RECORD_SEQUENCE)}`);
        }
        return;
    }
    const uid = (tag: number) => {
        const element = topLevel.get(tag);
        const value = element === undefined ? undefined : uidValue(stream, element);
        return value === "" ? undefined : value;
    };
    // Values stay out of messages: they identify the patient's instances.
    for (const identity of IDENTITY) {
        const value = uid(identity.tag);
        if (value === undefined) throw new DicomFormatError(`truncated or not an instance: the data set has no ${identity.name} ${formatTag(identity.tag)}`);
        if (value !== meta[identity.meta]) {
            throw new DicomFormatError(`the data set's ${identity.name} ${formatTag(identity.tag)} differs from the File Meta Information's ${identity.metaName} ${formatTag(identity.metaTag)}`);
        }
    }
    for (const { tag, name } of STUDY_AND_SERIES) {
        if (uid(tag) === undefined) throw new DicomFormatError(`truncated or not a patient's instance: the data set has no ${name} ${formatTag(tag)}`);
    }
    if ((topLevel.has(ROWS) || topLevel.has(COLUMNS)) && pixelData === undefined && !topLevel.has(SPECTROSCOPY_DATA)) {
        throw new DicomFormatError(`truncated: the data set has Rows/Columns but no pixel data element (${[...PIXEL_DATA_TAGS].map(formatTag).join(", ")})`);
    }
}
