import { ResourceValidationPolicy } from "@pulumi/policy";
import { safeguard } from "../../lib/hipaa";
import { LB_LISTENER } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";
import { asArray, asRecord, asString } from "../../lib/values";

const TLS_PROTOCOLS = ["HTTPS", "TLS"];
/** ELB policies that negotiate TLS 1.3 and nothing older than TLS 1.2 (AWS "TLS13-1-2"/"TLS13-1-3" families). */
export const DEFAULT_SSL_POLICY_PATTERN = "^ELBSecurityPolicy-TLS13-1-[23]-";

export interface ListenerTlsConfig {
    /** Regular expression every HTTPS/TLS listener's `sslPolicy` must match. */
    sslPolicyPattern?: string;
    /** Admit plain-HTTP listeners whose every action redirects to HTTPS (no PHI crosses them). */
    allowHttpsRedirect?: boolean;
}

/** True when every default action of an HTTP listener is a redirect to HTTPS. */
function onlyRedirectsToHttps(props: Record<string, unknown>): boolean {
    const actions = asArray(props.defaultActions).map(asRecord);
    return actions.length > 0 && actions.every(action =>
        action.type === "redirect" && asRecord(action.redirect).protocol === "HTTPS");
}

export const requireLbListenerTls: ResourceValidationPolicy = {
    name: "orthanc-lb-listener-tls",
    ...safeguard("transmissionSecurity", "high", `load-balancer listeners must use `
        + "HTTPS or TLS with a modern security policy (TLS 1.2 minimum, TLS 1.3 offered); plain HTTP only as a "
        + "redirect to HTTPS; plain TCP only as orthanc-plain-listener-private-only admits it."),
    remediationSteps: "Set `protocol: \"HTTPS\"` (ALB) or `\"TLS\"` (NLB), a certificate, and "
        + "`sslPolicy: \"ELBSecurityPolicy-TLS13-1-2-2021-06\"`.",
    configSchema: {
        properties: {
            sslPolicyPattern: { type: "string", default: DEFAULT_SSL_POLICY_PATTERN },
            allowHttpsRedirect: { type: "boolean", default: true },
        },
    },
    validateResource: validateResourceOfTypes(LB_LISTENER, (props, args, reportViolation) => {
        const config = args.getConfig<ListenerTlsConfig>();
        const protocol = asString(props.protocol)?.toUpperCase();
        if (protocol !== undefined && TLS_PROTOCOLS.includes(protocol)) {
            const pattern = new RegExp(config.sslPolicyPattern ?? DEFAULT_SSL_POLICY_PATTERN);
            const sslPolicy = asString(props.sslPolicy);
            if (sslPolicy === undefined || !pattern.test(sslPolicy)) {
                reportViolation(`'${args.name}' uses security policy ${sslPolicy ?? "not set (AWS default ELBSecurityPolicy-2016-08 allows TLS 1.0)"}; `
                    + `it must match /${pattern.source}/.`);
            }
            return;
        }
        if (protocol === "HTTP" && (config.allowHttpsRedirect ?? true) && onlyRedirectsToHttps(props)) {
            return;
        }
        // Plain TCP (DICOM for modalities without TLS) is held to internal, private-only load balancers by the stack
        // policy orthanc-plain-listener-private-only, which can see the listener's load balancer.
        if (protocol === "TCP") {
            return;
        }
        reportViolation(`'${args.name}' listens with protocol ${protocol ?? "not set"}; only HTTPS or TLS may carry traffic.`);
    }),
};
