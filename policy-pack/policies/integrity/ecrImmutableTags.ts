import { ResourceValidationPolicy } from "@pulumi/policy";
import { safeguard } from "../../lib/hipaa";
import { ECR_REPOSITORY, ECR_REPOSITORY_CREATION_TEMPLATE } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";

/** A mutable tag lets a push silently replace the image a running service was approved with. */
export const requireEcrImmutableTags: ResourceValidationPolicy = {
    name: "orthanc-ecr-immutable-tags",
    ...safeguard("integrity", "medium", `ECR repositories, and the templates ECR creates repositories from, must make image tags immutable `
        + "(`imageTagMutability: \"IMMUTABLE\"`)."),
    remediationSteps: "Set `imageTagMutability: \"IMMUTABLE\"`.",
    validateResource: validateResourceOfTypes([...ECR_REPOSITORY, ...ECR_REPOSITORY_CREATION_TEMPLATE], (props, args, reportViolation) => {
        if (props.imageTagMutability !== "IMMUTABLE") {
            reportViolation(`'${args.name}' has ${String(props.imageTagMutability ?? "MUTABLE (default)")} image tags.`);
        }
    }),
};
