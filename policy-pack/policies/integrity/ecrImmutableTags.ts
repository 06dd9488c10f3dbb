import { ResourceValidationPolicy } from "@pulumi/policy";
import { safeguard } from "../../lib/hipaa";
import { ECR_REPOSITORY } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";

/** A mutable tag lets a push silently replace the image a running service was approved with. */
export const requireEcrImmutableTags: ResourceValidationPolicy = {
    name: "orthanc-ecr-immutable-tags",
    ...safeguard("integrity", "medium", `ECR repositories must make image tags immutable `
        + "(`imageTagMutability: \"IMMUTABLE\"`)."),
    remediationSteps: "Set `imageTagMutability: \"IMMUTABLE\"`.",
    validateResource: validateResourceOfTypes(ECR_REPOSITORY, (props, args, reportViolation) => {
        if (props.imageTagMutability !== "IMMUTABLE") {
            reportViolation(`'${args.name}' has ${String(props.imageTagMutability ?? "MUTABLE (default)")} image tags.`);
        }
    }),
};
