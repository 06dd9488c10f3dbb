import { StackValidationPolicy } from "@pulumi/policy";
import { settingsFor } from "../../lib/correlate";
import { safeguard } from "../../lib/hipaa";
import { WAF_LOGGING, WAF_WEB_ACL } from "../../lib/resourceTypes";
import { forEachDecidable, resourcesOfTypes, validateStackOfTypes } from "../../lib/validate";

/** AWS Config wafv2-logging-enabled: every web ACL logs the requests it inspects. */
export const requireWafLogging: StackValidationPolicy = {
    name: "orthanc-waf-logging",
    ...safeguard("auditControls", "medium", "every WAFv2 web ACL must have a logging configuration "
        + "(aws.wafv2.WebAclLoggingConfiguration)."),
    remediationSteps: "Add `aws.wafv2.WebAclLoggingConfiguration` with `resourceArn` the web ACL's ARN.",
    validateStack: validateStackOfTypes(WAF_WEB_ACL, (acls, args, reportViolation) => {
        const logging = resourcesOfTypes(args, WAF_LOGGING);
        forEachDecidable(acls, acl => {
            if (settingsFor(acl, logging, "resourceArn", ["arn"]).length === 0) {
                reportViolation(`Web ACL '${acl.name}' does not log its requests.`, acl.urn);
            }
        });
    }),
};
