import { tagValue } from "./tags";

/** The product's data-classification tag, set on every resource through the provider's defaultTags. */
export const DATA_CLASSIFICATION_TAG = "DataClassification";
export const DEFAULT_PHI_CLASSIFICATIONS = ["PHI"];

/** Pack config of the policies that single out PHI stores. */
export interface PhiConfig {
    /** `DataClassification` tag values that mark a resource as holding PHI. */
    phiClassifications?: string[];
}

/**
 * True when the resource is classified as PHI, or carries no classification at all: an unclassified store is
 * treated as PHI, the safe reading (the tagging policy reports the missing tag separately).
 */
export function isPhi(props: Record<string, unknown>, phiClassifications: readonly string[]): boolean {
    const classification = tagValue(props, DATA_CLASSIFICATION_TAG);
    return classification === undefined || phiClassifications.includes(classification);
}
