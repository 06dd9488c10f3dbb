import { StackValidationPolicy } from "@pulumi/policy";
import { settingsFor } from "../../lib/correlate";
import { safeguard } from "../../lib/hipaa";
import { LOAD_BALANCER, WAF_ASSOCIATION } from "../../lib/resourceTypes";
import { forEachDecidable, resourcesOfTypes } from "../../lib/validate";
import { isTrue } from "../../lib/values";

/**
 * AWS Config alb-waf-enabled, and the HTTP hardening of Security Hub ELB.4 (drop invalid header fields) and ELB.12
 * (desync mitigation not in monitor mode), for every Application Load Balancer (`loadBalancerType` unset means
 * application).
 */
export const requireAlbWaf: StackValidationPolicy = {
    name: "orthanc-alb-waf-and-http-hardening",
    ...safeguard("accessControl", "high", "Application Load Balancers must be associated with a WAFv2 web ACL, drop "
        + "invalid header fields and mitigate HTTP desync (defensive or strictest)."),
    remediationSteps: "Add `aws.wafv2.WebAclAssociation` for the load balancer; set `dropInvalidHeaderFields: true`.",
    validateStack: (args, reportViolation) => {
        const associations = resourcesOfTypes(args, WAF_ASSOCIATION);
        const albs = resourcesOfTypes(args, LOAD_BALANCER).filter(lb => (lb.props.loadBalancerType ?? "application") === "application");
        forEachDecidable(albs, alb => {
            if (settingsFor(alb, associations, "resourceArn", ["arn"]).length === 0) {
                reportViolation(`Load balancer '${alb.name}' has no WAF web ACL.`, alb.urn);
            }
            if (!isTrue(alb.props.dropInvalidHeaderFields)) {
                reportViolation(`Load balancer '${alb.name}' forwards invalid HTTP header fields (dropInvalidHeaderFields).`, alb.urn);
            }
            if (alb.props.desyncMitigationMode === "monitor") {
                reportViolation(`Load balancer '${alb.name}' only monitors HTTP desync (desyncMitigationMode).`, alb.urn);
            }
        });
    },
};
