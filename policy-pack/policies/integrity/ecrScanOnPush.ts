import { ResourceValidationPolicy } from "@pulumi/policy";
import { HIPAA_SECTIONS, hipaaFramework } from "../../lib/hipaa";
import { ECR_REPOSITORY } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";
import { asRecord, isTrue } from "../../lib/values";

export const requireEcrScanOnPush: ResourceValidationPolicy = {
    name: "orthanc-ecr-scan-on-push",
    description: `${HIPAA_SECTIONS.integrity} integrity: ECR repositories must scan images for vulnerabilities on push `
        + "(`imageScanningConfiguration.scanOnPush: true`).",
    enforcementLevel: "mandatory",
    severity: "medium",
    framework: hipaaFramework(HIPAA_SECTIONS.integrity),
    remediationSteps: "Set `imageScanningConfiguration: { scanOnPush: true }`.",
    validateResource: validateResourceOfTypes(ECR_REPOSITORY, (props, args, reportViolation) => {
        if (!isTrue(asRecord(props.imageScanningConfiguration).scanOnPush)) {
            reportViolation(`'${args.name}' does not scan images on push.`);
        }
    }),
};
