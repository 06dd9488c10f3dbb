import { ResourceValidationPolicy } from "@pulumi/policy";
import { safeguard } from "../../lib/hipaa";
import { ACM_CERTIFICATE } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";
import { isSet } from "../../lib/values";

/**
 * AWS Config acm-certificate-expiration-check, at preview: ACM renews the certificates it issues with DNS validation
 * by itself (ACM user guide, "Managed certificate renewal"); an imported certificate is renewed by nobody.
 */
export const requireAcmCertificateRenews: ResourceValidationPolicy = {
    name: "orthanc-acm-certificate-renews",
    ...safeguard("transmissionSecurity", "medium", "ACM certificates must be issued by ACM with DNS validation "
        + "(renewed automatically), not imported."),
    remediationSteps: "Set stack config `endpoint.domainName` and `endpoint.hostedZoneId`.",
    validateResource: validateResourceOfTypes(ACM_CERTIFICATE, (props, args, reportViolation) => {
        if (isSet(props.certificateBody) || isSet(props.privateKey)) {
            reportViolation(`'${args.name}' is an imported certificate: nothing renews it before it expires.`);
        } else if (props.validationMethod !== "DNS") {
            reportViolation(`'${args.name}' is validated by ${String(props.validationMethod ?? "no method")}; only DNS validation renews unattended.`);
        }
    }),
};
