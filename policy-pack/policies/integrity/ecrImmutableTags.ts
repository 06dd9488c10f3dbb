import { ResourceValidationPolicy } from "@pulumi/policy";
import { HIPAA_SECTIONS, hipaaFramework } from "../../lib/hipaa";
import { ECR_REPOSITORY } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";

/** A mutable tag lets a push silently replace the image a running service was approved with. */
export const requireEcrImmutableTags: ResourceValidationPolicy = {
    name: "orthanc-ecr-immutable-tags",
    description: `${HIPAA_SECTIONS.integrity} integrity: ECR repositories must make image tags immutable `
        + "(`imageTagMutability: \"IMMUTABLE\"`).",
    enforcementLevel: "mandatory",
    severity: "medium",
    framework: hipaaFramework(HIPAA_SECTIONS.integrity),
    remediationSteps: "Set `imageTagMutability: \"IMMUTABLE\"`.",
    validateResource: validateResourceOfTypes(ECR_REPOSITORY, (props, args, reportViolation) => {
        if (props.imageTagMutability !== "IMMUTABLE") {
            reportViolation(`'${args.name}' has ${String(props.imageTagMutability ?? "MUTABLE (default)")} image tags.`);
        }
    }),
};
