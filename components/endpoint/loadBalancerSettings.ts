/**
 * Load-balancer decisions as data: which TLS listeners forward to which Orthanc port, which client networks each
 * admits, and where the certificate comes from.
 */
import { createHash } from "crypto";
import { EndpointConfig } from "../../config/types";
import { denyInsecureBucketTransport } from "../data";
import { PolicyDocument } from "../security";
import { ORTHANC_DICOM_PORT, ORTHANC_HTTP_PORT } from "../compute";

/**
 * TLS 1.3 and 1.2 only, forward-secret suites only: the "Res" (restricted) policy offers TLS 1.2 with ECDHE AES-GCM
 * suites alone, none with RSA key exchange, CBC or SHA-1. NLB TLS listeners support it (the console's default).
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/network/describe-ssl-policies.html
 */
export const TLS_SECURITY_POLICY = "ELBSecurityPolicy-TLS13-1-2-Res-2021-06";

export const HTTPS_PORT = 443;

export interface ListenerSpec {
    /** Stable short name used in resource names: `https` or `dicom`. */
    name: "https" | "dicom";
    /** Port clients connect to with TLS. */
    port: number;
    /** Orthanc's plain port the NLB forwards to after terminating TLS. */
    targetPort: number;
}

export function listenerSpecs(endpoint: EndpointConfig): ListenerSpec[] {
    return [
        { name: "https", port: HTTPS_PORT, targetPort: ORTHANC_HTTP_PORT },
        { name: "dicom", port: endpoint.dicomPort, targetPort: ORTHANC_DICOM_PORT },
    ];
}

/**
 * Physical names of the load balancer (`<prefix>-nlb`) and its target groups (`<prefix>-https`, `<prefix>-dicom`).
 * AWS allows each 32 characters (@pulumi/aws lb/targetGroup.d.ts: "can have a maximum of 32 characters"); Pulumi's
 * auto-names (`<logical name>-<7 random>`) of these children would be 33–35 characters and refused at preview.
 */
export function loadBalancerPhysicalName(prefix: string): string {
    return `${prefix}-nlb`;
}

export function targetGroupPhysicalName(prefix: string, listener: ListenerSpec["name"]): string {
    return `${prefix}-${listener}`;
}

export interface IngressRuleSpec {
    /** Stable by content (port and network), so reordering `allowedCidrs` replaces nothing. */
    key: string;
    port: number;
    cidrIpv4?: string;
    cidrIpv6?: string;
    description: string;
}

/** One ingress rule per listener port and allowed network; nothing else reaches the load balancer. */
export function clientIngressRules(endpoint: EndpointConfig): IngressRuleSpec[] {
    return listenerSpecs(endpoint).flatMap((listener) => endpoint.allowedCidrs.map((cidr) => ({
        key: `${listener.name}-${createHash("sha256").update(cidr).digest("hex").slice(0, 8)}`,
        port: listener.port,
        ...(cidr.includes(":") ? { cidrIpv6: cidr } : { cidrIpv4: cidr }),
        description: `${listener.name === "https" ? "HTTPS" : "DICOM TLS"} from ${cidr}`,
    })));
}

export type CertificateSource =
    | { kind: "acm-dns"; domainName: string; hostedZoneId: string }
    | { kind: "self-signed" };

/** With a domain and its Route 53 zone: a public ACM certificate; otherwise a self-signed one imported into ACM. */
export function certificateSource(endpoint: EndpointConfig): CertificateSource {
    return endpoint.domainName !== undefined && endpoint.hostedZoneId !== undefined
        ? { kind: "acm-dns", domainName: endpoint.domainName, hostedZoneId: endpoint.hostedZoneId }
        : { kind: "self-signed" };
}

/** Self-signed certificates are re-issued by `pulumi up` this many hours before they expire. */
export const SELF_SIGNED_VALIDITY_HOURS = 365 * 24;
export const SELF_SIGNED_EARLY_RENEWAL_HOURS = 30 * 24;

/** What users connect to, from the name clients use. */
export function clientEndpoints(hostName: string, endpoint: EndpointConfig): {
    httpsUrl: string; dicomWebRoot: string; dicomHost: string; dicomPort: number; dicomAeTitle: string;
} {
    const httpsUrl = `https://${hostName}`;
    return { httpsUrl, dicomWebRoot: `${httpsUrl}/dicom-web`, dicomHost: hostName, dicomPort: endpoint.dicomPort, dicomAeTitle: endpoint.aeTitle };
}

/** Key prefix the load balancer writes its access logs under. */
export const ACCESS_LOG_PREFIX = "nlb";

/**
 * The access-log bucket's policy: TLS only; the log-delivery service may write under `<prefix>/AWSLogs/<account>/`
 * for this account's load balancers only.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/network/enable-access-logs.html
 */
export function loadBalancerLogBucketPolicy(bucketArn: string, accountId: string, partition: string, region: string): PolicyDocument {
    const fromThisAccount = {
        StringEquals: { "aws:SourceAccount": accountId },
        ArnLike: { "aws:SourceArn": `arn:${partition}:logs:${region}:${accountId}:*` },
    };
    return {
        Version: "2012-10-17",
        Statement: [
            denyInsecureBucketTransport(bucketArn),
            {
                Sid: "LogDeliveryWrite",
                Effect: "Allow",
                Principal: { Service: "delivery.logs.amazonaws.com" },
                Action: "s3:PutObject",
                Resource: `${bucketArn}/${ACCESS_LOG_PREFIX}/AWSLogs/${accountId}/*`,
                Condition: { ...fromThisAccount, StringEquals: { ...fromThisAccount.StringEquals, "s3:x-amz-acl": "bucket-owner-full-control" } },
            },
            {
                Sid: "LogDeliveryAclCheck",
                Effect: "Allow",
                Principal: { Service: "delivery.logs.amazonaws.com" },
                Action: "s3:GetBucketAcl",
                Resource: bucketArn,
                Condition: fromThisAccount,
            },
        ],
    };
}
