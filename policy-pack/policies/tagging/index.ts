import { Policies } from "@pulumi/policy";
import { requireDataClassificationTag } from "./dataClassificationTag";

/** The product's own invariants. */
export const taggingPolicies: Policies = [
    requireDataClassificationTag,
];
