/**
 * What an object must hold to be indexed, and what it may lack with a warning on its item.
 *
 * The rule: what Orthanc stores, the indexer indexes; the bucket is Orthanc's, and an object rejected here would
 * sit in the dead-letter queue, and alarm, for as long as the study is archived. Orthanc (1.10 and 1.12.7,
 * measured by test/indexer/orthancAcceptance.test.ts) stores, byte for byte as uploaded, files whose File Meta
 * Information disagrees with the data set or lacks elements, bare data sets without any meta group, data sets
 * without a SOP Class UID, and images whose Pixel Data is missing (as when a file is cut between two elements).
 * Those are indexed, each departure named in the item's `warnings`. Rejected are only objects whose bytes end
 * inside an element (the scanner and the Pixel Data check below) and data sets Orthanc refuses to store because
 * an identifying UID is missing (it answers 404 "Inexistent tag" without the SOP Instance, Study or Series
 * Instance UID): an object without them can only be a cut or foreign one.
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

/**
 * The data set's identifying UIDs, each with the meta group element PS3.10 7.1 requires (Type 1) to agree with
 * it. A disagreement, or a missing meta element, is a warning: Orthanc stores such files (pydicom's rtdose.dcm,
 * rtplan.dcm, badVR.dcm, chrJapMulti.dcm; crafted ones) and identifies the instance by its data set, as the item does.
 */
const IDENTITY = [
    { tag: SOP_CLASS_UID, name: "SOP Class UID", metaTag: 0x00020002, metaName: "Media Storage SOP Class UID", meta: "sopClassUid" },
    { tag: SOP_INSTANCE_UID, name: "SOP Instance UID", metaTag: 0x00020003, metaName: "Media Storage SOP Instance UID", meta: "sopInstanceUid" },
] as const;

/**
 * Refused by Orthanc without them (404 "Inexistent tag", measured on 1.10 and 1.12.7): it identifies an instance by
 * its SOP Instance, Series and Study Instance UIDs. They are Type 1 in every patient-related composite IOD and
 * keys of the table's indexes; a data set without them was cut before them, or is no instance.
 */
const REQUIRED = [
    { tag: SOP_INSTANCE_UID, name: "SOP Instance UID", what: "an instance" },
    { tag: STUDY_INSTANCE_UID, name: "Study Instance UID", what: "a patient's instance" },
    { tag: SERIES_INSTANCE_UID, name: "Series Instance UID", what: "a patient's instance" },
] as const;

/**
 * Throws DicomFormatError unless the object can be indexed: its Pixel Data fits in the object (or in the
 * inflated data set) and the data set has its SOP Instance, Study and Series Instance UIDs (a DICOMDIR: its
 * Directory Record Sequence). Returns the warnings of what it lacks or contradicts otherwise. Values stay out
 * of messages: they identify the patient's instances.
 */
export function checkInstance(object: ScannedObject, objectSize: number): string[] {
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
    if (meta.sopClassUid === MEDIA_STORAGE_DIRECTORY) {
        if (!topLevel.has(DIRECTORY_RECORD_SEQUENCE)) {
            throw new DicomFormatError(`truncated: the DICOMDIR has no Directory Record Sequence ${formatTag(DIRECTORY_RECORD_SEQUENCE)}`);
        }
        return [];
    }
    const uid = (tag: number) => {
        const element = topLevel.get(tag);
        const value = element === undefined ? undefined : uidValue(stream, element);
        return value === "" ? undefined : value;
    };
    for (const { tag, name, what } of REQUIRED) {
        if (uid(tag) === undefined) throw new DicomFormatError(`truncated or not ${what}: the data set has no ${name} ${formatTag(tag)}`);
    }
    const warnings: string[] = [];
    for (const identity of IDENTITY) {
        const value = uid(identity.tag);
        const metaValue = meta[identity.meta];
        if (value === undefined) {
            // Type 1 in the SOP Common module (PS3.3 C.12.1), but Orthanc stores a data set without it.
            warnings.push(`the data set has no ${identity.name} ${formatTag(identity.tag)}`);
        }
        if (!meta.part10) continue;
        if (metaValue === undefined) {
            warnings.push(`the File Meta Information has no ${identity.metaName} ${formatTag(identity.metaTag)} (PS3.10 7.1)`);
        } else if (value !== undefined && value !== metaValue) {
            warnings.push(`the data set's ${identity.name} ${formatTag(identity.tag)} differs from the File Meta Information's ${identity.metaName} ${formatTag(identity.metaTag)} (PS3.10 7.1)`);
        }
    }
    // Orthanc stores an image without its pixel data, as a file cut between two elements after Rows/Columns is.
    if ((topLevel.has(ROWS) || topLevel.has(COLUMNS)) && pixelData === undefined && !topLevel.has(SPECTROSCOPY_DATA)) {
        warnings.push(`an image without pixel data: the data set has Rows/Columns but no ${[...PIXEL_DATA_TAGS].map(formatTag).join(", ")} (cut short, or written so)`);
    }
    return warnings;
}
