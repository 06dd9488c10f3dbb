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
 * The AWS managed rule groups of the web ACL, in evaluation order (cheapest and most decisive first). WCU:
 * IP reputation 25, known bad inputs 200, common 700 — 925 of the 5,000 a web ACL may use
 * (https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-list.html).
 */
export const WAF_MANAGED_RULE_GROUPS = [
    "AWSManagedRulesAmazonIpReputationList",
    "AWSManagedRulesKnownBadInputsRuleSet",
    "AWSManagedRulesCommonRuleSet",
] as const;

/**
 * Requests whose bodies are DICOM uploads: STOW-RS (`POST /dicom-web/studies[/<uid>]`), Orthanc's REST upload
 * (`POST /instances`) and Orthanc Explorer 2's uploads (which use `/instances`). CommonRuleSet's
 * SizeRestrictions_BODY blocks bodies over 8 KB, which every DICOM instance is: for these paths the rule only counts.
 */
export const UPLOAD_PATH_PATTERNS = ["^/dicom-web/studies(/[0-9.]+)?$", "^/instances$"];

/** CommonRuleSet's rule that the web ACL relaxes, on upload paths only. */
export const COMMON_RULE_SET_BODY_SIZE_RULE = "SizeRestrictions_BODY";

/**
 * Label CommonRuleSet's SizeRestrictions_BODY adds to a request it matches (AWS managed rule groups list, "Core
 * rule set": labels `awswaf:managed:aws:core-rule-set:<rule>`), read by the upload-aware rule below.
 */
export const BODY_SIZE_LABEL = "awswaf:managed:aws:core-rule-set:SizeRestrictions_Body";

export interface WebAclRuleSpec {
    name: string;
    priority: number;
    /** A managed group's own actions, or a custom rule's block. */
    overrideAction?: { none: Record<string, never> };
    action?: { block: Record<string, never> };
    statement: Record<string, unknown>;
    visibilityConfig: { cloudwatchMetricsEnabled: boolean; metricName: string; sampledRequestsEnabled: boolean };
}

/**
 * The web ACL's rules. The three managed groups run with their own actions, except CommonRuleSet's body-size rule,
 * which only counts (it would block every DICOM upload: instances are far larger than 8 KB); a rule of ours then
 * blocks what it matched unless the request is an upload (`UPLOAD_PATH_PATTERNS`) — AWS's documented pattern for
 * narrowing a managed rule ("label match" after a rule action override, WAF developer guide, "Using labels").
 */
export function webAclRules(metricPrefix: string): WebAclRuleSpec[] {
    const visibility = (name: string) => ({ cloudwatchMetricsEnabled: true, metricName: `${metricPrefix}-${name}`, sampledRequestsEnabled: false });
    const managed = WAF_MANAGED_RULE_GROUPS.map((group, index): WebAclRuleSpec => ({
        name: group,
        priority: (index + 1) * 10,
        overrideAction: { none: {} },
        statement: {
            managedRuleGroupStatement: {
                vendorName: "AWS",
                name: group,
                ...(group === "AWSManagedRulesCommonRuleSet"
                    ? { ruleActionOverrides: [{ name: COMMON_RULE_SET_BODY_SIZE_RULE, actionToUse: { count: {} } }] }
                    : {}),
            },
        },
        visibilityConfig: visibility(group),
    }));
    const notAnUpload = {
        notStatement: {
            statements: [{
                orStatement: {
                    statements: UPLOAD_PATH_PATTERNS.map((regexString) => ({
                        regexMatchStatement: {
                            regexString,
                            fieldToMatch: { uriPath: {} },
                            textTransformations: [{ priority: 0, type: "NONE" }],
                        },
                    })),
                },
            }],
        },
    };
    const bodySize: WebAclRuleSpec = {
        name: "LargeBodyOutsideUploads",
        priority: (WAF_MANAGED_RULE_GROUPS.length + 1) * 10,
        action: { block: {} },
        statement: {
            andStatement: {
                statements: [
                    { labelMatchStatement: { scope: "LABEL", key: BODY_SIZE_LABEL } },
                    notAnUpload,
                ],
            },
        },
        visibilityConfig: visibility("large-body"),
    };
    return [...managed, bodySize];
}
