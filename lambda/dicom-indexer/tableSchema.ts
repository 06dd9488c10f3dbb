/**
 * The index table's key schema, shared by the infrastructure and the tests. Items are keyed by the S3 object key;
 * the global secondary indexes are sparse: an item appears in one only when it has both of its key attributes
 * (tombstones have none).
 */
import { LIFTED_ATTRIBUTES } from "./item";

export const PARTITION_KEY = "pk";

export interface SecondaryIndex {
    name: string;
    hashKey: string;
    rangeKey: string;
}

export const SECONDARY_INDEXES: readonly SecondaryIndex[] = [
    /** Instances of a study, grouped by series. */
    { name: "byStudy", hashKey: "StudyInstanceUID", rangeKey: "SeriesInstanceUID" },
    /** Instances of a series in instance order. */
    { name: "bySeries", hashKey: "SeriesInstanceUID", rangeKey: "InstanceNumber" },
    /** A patient's instances by study date. */
    { name: "byPatient", hashKey: "PatientID", rangeKey: "StudyDate" },
];

const LIFTED_TYPES: Readonly<Record<string, "S" | "N">> = Object.fromEntries(LIFTED_ATTRIBUTES.map(([keyword, , type]) => [keyword, type]));

/** DynamoDB attribute types of every key attribute (table and indexes). */
export const KEY_ATTRIBUTE_TYPES: Readonly<Record<string, "S" | "N">> = Object.fromEntries([
    [PARTITION_KEY, "S"],
    ...SECONDARY_INDEXES.flatMap((index) => [index.hashKey, index.rangeKey]).map((name) => [name, LIFTED_TYPES[name]]),
]);

/** Non-key attributes projected into every index: the lifted attributes and the object's size, not the header. */
export const PROJECTED_ATTRIBUTES: readonly string[] = [
    ...LIFTED_ATTRIBUTES.map(([keyword]) => keyword).filter((keyword) => KEY_ATTRIBUTE_TYPES[keyword] === undefined),
    "TransferSyntaxUID",
    "objectSize",
];
