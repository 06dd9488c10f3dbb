import { ResourceValidationPolicy } from "@pulumi/policy";
import { safeguard } from "../../lib/hipaa";
import { LB_LISTENER } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";
import { asString } from "../../lib/values";

const ACM_ARN = /^arn:aws[a-z-]*:acm:/;

/** AWS Config elbv2-acm-certificate-required: IAM server certificates cannot be rotated or audited like ACM ones. */
export const requireLbListenerAcmCertificate: ResourceValidationPolicy = {
    name: "orthanc-lb-listener-acm-certificate",
    ...safeguard("transmissionSecurity", "medium", "HTTPS and TLS listeners must serve a certificate from ACM "
        + "(`certificateArn` an `arn:aws:acm:` ARN)."),
    remediationSteps: "Issue or import the certificate in ACM (`aws.acm.Certificate`) and pass its ARN.",
    validateResource: validateResourceOfTypes(LB_LISTENER, (props, args, reportViolation) => {
        const protocol = asString(props.protocol)?.toUpperCase();
        if (protocol !== "HTTPS" && protocol !== "TLS") {
            return args.notApplicable("Not an HTTPS or TLS listener");
        }
        const certificate = asString(props.certificateArn);
        if (certificate === undefined || !ACM_ARN.test(certificate)) {
            reportViolation(`'${args.name}' serves ${certificate === undefined ? "no certificate" : `certificate ${certificate}`}, not one from ACM.`);
        }
    }),
};
