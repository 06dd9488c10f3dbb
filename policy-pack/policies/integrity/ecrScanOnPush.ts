import { ResourceValidationPolicy } from "@pulumi/policy";
import { safeguard } from "../../lib/hipaa";
import { ECR_REPOSITORY } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";
import { asRecord, isTrue } from "../../lib/values";

export const requireEcrScanOnPush: ResourceValidationPolicy = {
    name: "orthanc-ecr-scan-on-push",
    ...safeguard("integrity", "medium", `ECR repositories must scan images for vulnerabilities on push `
        + "(`imageScanningConfiguration.scanOnPush: true`)."),
    remediationSteps: "Set `imageScanningConfiguration: { scanOnPush: true }`.",
    validateResource: validateResourceOfTypes(ECR_REPOSITORY, (props, args, reportViolation) => {
        if (!isTrue(asRecord(props.imageScanningConfiguration).scanOnPush)) {
            reportViolation(`'${args.name}' does not scan images on push.`);
        }
    }),
};
