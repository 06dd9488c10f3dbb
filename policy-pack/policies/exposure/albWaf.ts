import { StackValidationPolicy } from "@pulumi/policy";
import { settingsFor } from "../../lib/correlate";
import { safeguard } from "../../lib/hipaa";
import { LOAD_BALANCER, WAF_ASSOCIATION } from "../../lib/resourceTypes";
import { forEachDecidable, resourcesOfTypes } from "../../lib/validate";
import { isTrue } from "../../lib/values";

export interface AlbWafConfig {
    /**
     * Require a web ACL on every internet-facing ALB, not only on production ones. A production load balancer is one
     * with deletion protection: the program turns it on with `protectDataStores`, which production stacks keep on
     * and destroyable development stacks turn off (the same setting defaults `web.waf`).
     */
    everyInternetFacingAlb?: boolean;
}

/**
 * AWS Config alb-waf-enabled for production stacks' internet-facing Application Load Balancers, and the HTTP
 * hardening of Security Hub ELB.4 (drop invalid header fields) and ELB.12 (desync mitigation not in monitor mode) for
 * every Application Load Balancer (`loadBalancerType` unset means application).
 */
export const requireAlbWaf: StackValidationPolicy = {
    name: "orthanc-alb-waf-and-http-hardening",
    ...safeguard("accessControl", "high", "internet-facing Application Load Balancers of production stacks (deletion "
        + "protection on) must be associated with a WAFv2 web ACL; every Application Load Balancer must drop invalid "
        + "header fields and mitigate HTTP desync (defensive or strictest)."),
    remediationSteps: "Add `aws.wafv2.WebAclAssociation` for the load balancer; set `dropInvalidHeaderFields: true`.",
    configSchema: { properties: { everyInternetFacingAlb: { type: "boolean", default: false } } },
    validateStack: (args, reportViolation) => {
        const config = args.getConfig<AlbWafConfig>();
        const associations = resourcesOfTypes(args, WAF_ASSOCIATION);
        const albs = resourcesOfTypes(args, LOAD_BALANCER).filter(lb => (lb.props.loadBalancerType ?? "application") === "application");
        forEachDecidable(albs, alb => {
            const needsWebAcl = !isTrue(alb.props.internal)
                && ((config.everyInternetFacingAlb ?? false) || isTrue(alb.props.enableDeletionProtection));
            if (needsWebAcl && settingsFor(alb, associations, "resourceArn", ["arn"]).length === 0) {
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
