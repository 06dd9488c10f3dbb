/**
 * Web-tier decisions as data: the Application Load Balancer's physical names, its routing (Keycloak under
 * `/keycloak`, everything else to Orthanc), health checks, client ingress, the access-log bucket policy, the DNS
 * names of the two load balancers, and the WAF web ACL's rules.
 */
import { createHash } from "crypto";
import { EndpointConfig } from "../../config/types";
import { denyInsecureBucketTransport } from "../data";
import { PolicyDocument } from "../security";
import { ORTHANC_HTTP_PORT } from "../compute";
import { HTTPS_PORT } from "./loadBalancerSettings";

/** Key prefix the ALB writes its access logs under (the NLB's is `nlb`). */
export const WEB_ACCESS_LOG_PREFIX = "alb";

/**
 * Physical names (`<prefix>-alb`, `<prefix>-web`, `<prefix>-kc`): AWS allows load balancers and target groups 32
 * characters (@pulumi/aws lb/loadBalancer.d.ts, lb/targetGroup.d.ts `name`); the config's longest prefix is 28
 * (config/naming.ts), so the 4-character suffixes fit. Load-balancer names are unique per account and region
 * whatever the type: `-alb` cannot clash with the NLB's `-nlb`; target group `-web` with the NLB's `-dicom`.
 */
export function webPhysicalNames(prefix: string): { loadBalancer: string; orthancTargetGroup: string; keycloakTargetGroup: string } {
    return { loadBalancer: `${prefix}-alb`, orthancTargetGroup: `${prefix}-web`, keycloakTargetGroup: `${prefix}-kc` };
}

/** Keycloak behind the ALB (components/identity): its HTTP port and the management port's readiness check. */
export interface KeycloakTarget {
    port: number;
    healthCheckPort: number;
    healthCheckPath: string;
}

/** Paths the listener sends to Keycloak (its `KC_HTTP_RELATIVE_PATH` is `/keycloak`); everything else reaches Orthanc. */
export const KEYCLOAK_PATH_PATTERNS = ["/keycloak", "/keycloak/*"];
/** Priority of the Keycloak rule (1–50000, lower first; the default action comes last). */
export const KEYCLOAK_RULE_PRIORITY = 10;

export interface HttpHealthCheck {
    protocol: "HTTP";
    path: string;
    port: string;
    matcher: string;
}

/**
 * Orthanc's health check: `GET /system` answers 200 when authentication is off and 401 when it is on — with
 * Orthanc's own accounts (basic mode) and with the authorization plugin (Keycloak mode, which refuses an
 * anonymous caller with 401 too). Either proves Orthanc's HTTP server and its plugins are up, without giving the
 * load balancer credentials. `/system` is cheap (no database scan).
 */
export function orthancHealthCheck(): HttpHealthCheck {
    return { protocol: "HTTP", path: "/system", port: String(ORTHANC_HTTP_PORT), matcher: "200,401" };
}

/** Keycloak's readiness endpoint on its management port answers 200 only when Keycloak and its database are up. */
export function keycloakHealthCheck(target: KeycloakTarget): HttpHealthCheck {
    return { protocol: "HTTP", path: target.healthCheckPath, port: String(target.healthCheckPort), matcher: "200" };
}

export interface WebIngressRule {
    /** Stable by content (the network), so reordering `allowedCidrs` replaces nothing. */
    key: string;
    cidrIpv4?: string;
    cidrIpv6?: string;
    description: string;
}

/** One HTTPS (443) rule per allowed network; nothing else reaches the ALB. */
export function webIngressRules(endpoint: EndpointConfig): WebIngressRule[] {
    return endpoint.allowedCidrs.map((cidr) => ({
        key: createHash("sha256").update(cidr).digest("hex").slice(0, 8),
        ...(cidr.includes(":") ? { cidrIpv6: cidr } : { cidrIpv4: cidr }),
        description: `HTTPS from ${cidr}`,
    }));
}

/** Ports the ALB's group may reach inside the VPC: Orthanc's HTTP port, and Keycloak's two when it is behind it. */
export function webEgressPorts(keycloak: KeycloakTarget | undefined): { key: string; port: number; description: string }[] {
    const ports = [{ key: "orthanc", port: ORTHANC_HTTP_PORT, description: "To Orthanc's HTTP port in the VPC" }];
    if (keycloak !== undefined) {
        ports.push({ key: "keycloak", port: keycloak.port, description: "To Keycloak's HTTP port in the VPC" });
        if (keycloak.healthCheckPort !== keycloak.port) {
            ports.push({ key: "keycloak-health", port: keycloak.healthCheckPort, description: "To Keycloak's management port (health checks)" });
        }
    }
    return ports;
}

/**
 * The ALB access-log bucket's policy: TLS only; Elastic Load Balancing's log-delivery service principal may write
 * under `alb/AWSLogs/<account>/`, for this account's load balancers only (`aws:SourceAccount`).
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html (Step 2: the
 * `logdelivery.elasticloadbalancing.amazonaws.com` principal; the older per-region ELB account principal
 * (us-east-1: 127311923021) is a foreign account that orthanc-resource-policies-account-scoped refuses).
 */
export function webLogBucketPolicy(bucketArn: string, accountId: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            denyInsecureBucketTransport(bucketArn),
            {
                Sid: "ElbLogDeliveryWrite",
                Effect: "Allow",
                Principal: { Service: "logdelivery.elasticloadbalancing.amazonaws.com" },
                Action: "s3:PutObject",
                Resource: `${bucketArn}/${WEB_ACCESS_LOG_PREFIX}/AWSLogs/${accountId}/*`,
                Condition: { StringEquals: { "aws:SourceAccount": accountId } },
            },
        ],
    };
}

/**
 * DNS with a domain: the domain itself is the web address (ALB alias), `dicom.<domain>` the DICOM TLS address
 * (NLB alias). One ACM certificate covers both (the domain, and `dicom.<domain>` as a subject alternative name).
 * Without a domain each load balancer is reached at its AWS DNS name.
 */
export function dicomDomainName(domainName: string): string {
    return `dicom.${domainName}`;
}

export const HTTPS_LISTENER_PORT = HTTPS_PORT;

/**
 * Paths whose request bodies are DICOM uploads: STOW-RS (`POST /dicom-web/studies[/<uid>]`), Orthanc's REST upload
 * (`POST /instances`) and Orthanc Explorer 2's uploads (which use `/instances`).
 */
export const UPLOAD_PATH_PATTERNS = ["^/dicom-web/studies(/[0-9.]+)?$", "^/instances$"];

/**
 * CommonRuleSet's rules that inspect the request body, which on an upload is DICOM binary: SizeRestrictions_BODY
 * blocks every body over 8 KB (every DICOM instance), and the XSS/LFI/RFI/SSRF body patterns can match pixel data.
 * On upload paths they only count; everywhere else the whole group blocks as AWS ships it.
 * https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-baseline.html (core rule set)
 */
export const COMMON_RULE_SET_BODY_RULES = [
    "SizeRestrictions_BODY", "CrossSiteScripting_BODY", "GenericLFI_BODY", "GenericRFI_BODY", "EC2MetaDataSSRF_BODY",
] as const;

export interface WebAclRuleSpec {
    name: string;
    priority: number;
    /** Managed groups keep their own actions. */
    overrideAction: { none: Record<string, never> };
    statement: Record<string, unknown>;
    visibilityConfig: { cloudwatchMetricsEnabled: boolean; metricName: string; sampledRequestsEnabled: boolean };
}

/** A request to one of `UPLOAD_PATH_PATTERNS` (the URI path, untransformed). */
function uploadPath(): Record<string, unknown> {
    return {
        orStatement: {
            statements: UPLOAD_PATH_PATTERNS.map((regexString) => ({
                regexMatchStatement: { regexString, fieldToMatch: { uriPath: {} }, textTransformations: [{ priority: 0, type: "NONE" }] },
            })),
        },
    };
}

/**
 * The web ACL's rules: IP reputation, known bad inputs, then the common rule set twice with scope-down statements —
 * in full for every request that is not a DICOM upload, and with its body rules counting only for uploads (AWS's
 * documented way to narrow a managed group to part of the traffic: a scope-down statement per rule-group reference).
 * WCU: 25 + 200 + 2 × 700 = 1,625 of the 5,000 a web ACL may use
 * (https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-list.html).
 */
export function webAclRules(metricPrefix: string): WebAclRuleSpec[] {
    const visibility = (name: string) => ({ cloudwatchMetricsEnabled: true, metricName: `${metricPrefix}-${name}`, sampledRequestsEnabled: false });
    const managed = (name: string, priority: number, group: string, extra: Record<string, unknown> = {}): WebAclRuleSpec => ({
        name,
        priority,
        overrideAction: { none: {} },
        statement: { managedRuleGroupStatement: { vendorName: "AWS", name: group, ...extra } },
        visibilityConfig: visibility(name),
    });
    return [
        managed("AWSManagedRulesAmazonIpReputationList", 10, "AWSManagedRulesAmazonIpReputationList"),
        managed("AWSManagedRulesKnownBadInputsRuleSet", 20, "AWSManagedRulesKnownBadInputsRuleSet"),
        managed("AWSManagedRulesCommonRuleSet", 30, "AWSManagedRulesCommonRuleSet", {
            scopeDownStatement: { notStatement: { statements: [uploadPath()] } },
        }),
        managed("AWSManagedRulesCommonRuleSet-Uploads", 40, "AWSManagedRulesCommonRuleSet", {
            scopeDownStatement: uploadPath(),
            ruleActionOverrides: COMMON_RULE_SET_BODY_RULES.map((rule) => ({ name: rule, actionToUse: { count: {} } })),
        }),
    ];
}
