import { ResourceValidationPolicy } from "@pulumi/policy";
import { DATA_CLASSIFICATION_TAG } from "../../lib/classification";
import { safeguard } from "../../lib/hipaa";
import { DEFAULT_TAGGABLE_TYPES } from "../../lib/taggableTypes.generated";
import { tagValue } from "../../lib/tags";

export interface ClassificationConfig {
    /** Accepted tag values; empty accepts any non-empty value. */
    allowedValues?: string[];
}

export const DEFAULT_CLASSIFICATION_VALUES = ["PHI", "Internal", "Public"];

/**
 * Reads `tags` and `tagsAll`: in a real preview the provider's Check fills `tagsAll` from its `defaultTags`, which is
 * how this program tags every resource (the offline runner emulates that merge). Only types whose `tagsAll` the
 * provider manages are checked; the list is generated from @pulumi/aws.
 */
export const requireDataClassificationTag: ResourceValidationPolicy = {
    name: "orthanc-data-classification-tag",
    ...safeguard("accessControl", "medium", `every taggable AWS resource must carry the `
        + `${DATA_CLASSIFICATION_TAG} tag (set through the provider's defaultTags), so access and handling rules can `
        + "tell PHI from other data."),
    remediationSteps: `Create resources with the stack's explicit AWS provider, whose defaultTags set ${DATA_CLASSIFICATION_TAG}.`,
    configSchema: {
        properties: {
            allowedValues: { type: "array", items: { type: "string" }, default: DEFAULT_CLASSIFICATION_VALUES },
        },
    },
    validateResource: (args, reportViolation) => {
        if (!DEFAULT_TAGGABLE_TYPES.has(args.type)) {
            args.notApplicable("Not a taggable AWS resource type");
        }
        const allowed = args.getConfig<ClassificationConfig>().allowedValues ?? DEFAULT_CLASSIFICATION_VALUES;
        const value = tagValue(args.props, DATA_CLASSIFICATION_TAG);
        if (value === undefined) {
            reportViolation(`'${args.name}' has no ${DATA_CLASSIFICATION_TAG} tag.`);
        } else if (allowed.length > 0 && !allowed.includes(value)) {
            reportViolation(`'${args.name}' has ${DATA_CLASSIFICATION_TAG}=${value}; allowed: ${allowed.join(", ")}.`);
        }
    },
};
