/**
 * Load-balancer decisions as data: which TLS listeners the DICOM Network Load Balancer has and which Orthanc port
 * each forwards to, which client networks each admits, and where the certificates come from. (HTTPS is the
 * Application Load Balancer's: webSettings.ts.)
 */
import { createHash } from "crypto";
import { DicomNetworkConfig, EndpointConfig } from "../../config/types";
import { denyInsecureBucketTransport } from "../data";
import { PolicyDocument } from "../security";
import { ORTHANC_DICOM_PORT } from "../compute";

/**
 * TLS 1.3 and 1.2 only, forward-secret suites only: the "Res" (restricted) policy offers TLS 1.2 with ECDHE AES-GCM
 * suites alone, none with RSA key exchange, CBC or SHA-1. NLB TLS listeners and ALB HTTPS listeners both support it
 * (the console's default for TLS listeners; listed for HTTPS listeners in the ALB guide's "Security policies").
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/network/describe-ssl-policies.html
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
 */
export const TLS_SECURITY_POLICY = "ELBSecurityPolicy-TLS13-1-2-Res-2021-06";

export const HTTPS_PORT = 443;

export interface ListenerSpec {
    /** Stable short name used in resource names. */
    name: "dicom";
    /** Port clients connect to with TLS. */
    port: number;
    /** Orthanc's plain port the NLB forwards to after terminating TLS. */
    targetPort: number;
}

/** The NLB carries DICOM TLS only; HTTPS (web UI, REST, DICOMweb, Keycloak) is the Application Load Balancer's. */
export function listenerSpecs(endpoint: EndpointConfig): ListenerSpec[] {
    return [{ name: "dicom", port: endpoint.dicomPort, targetPort: ORTHANC_DICOM_PORT }];
}

/**
 * Physical names of the load balancer (`<prefix>-nlb`) and its target group (`<prefix>-dicom`).
 * AWS allows each 32 characters (@pulumi/aws lb/targetGroup.d.ts: "can have a maximum of 32 characters"); Pulumi's
 * auto-names (`<logical name>-<7 random>`) of these children would be 33–35 characters and refused at preview.
 */
export function loadBalancerPhysicalName(prefix: string): string {
    return `${prefix}-nlb`;
}

export function targetGroupPhysicalName(prefix: string, listener: ListenerSpec["name"]): string {
    return `${prefix}-${listener}`;
}

/**
 * Physical name of the internal plain-DICOM load balancer and of its target group (`<prefix>-site`: reached from
 * the clinic's site); within the same 32 characters as the public ones' for any prefix the config admits.
 */
export function privateDicomPhysicalName(prefix: string): string {
    return `${prefix}-site`;
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
        description: `DICOM TLS from ${cidr}`,
    })));
}

export type CertificateSource =
    | { kind: "acm-dns"; domainName: string; hostedZoneId: string }
    | { kind: "self-signed" };

/**
 * With a domain and its Route 53 zone: a public ACM certificate; otherwise a self-signed one imported into ACM.
 * The web tier's name is the domain itself; the DICOM NLB's is `dicom.<domain>` (each load balancer holds a
 * certificate for its own name; a name has one A record, so the two cannot share it).
 */
export function certificateSource(endpoint: EndpointConfig, tier: "web" | "dicom" = "web"): CertificateSource {
    return endpoint.domainName !== undefined && endpoint.hostedZoneId !== undefined
        ? { kind: "acm-dns", domainName: tier === "web" ? endpoint.domainName : `dicom.${endpoint.domainName}`, hostedZoneId: endpoint.hostedZoneId }
        : { kind: "self-signed" };
}

/** Self-signed certificates are re-issued by `pulumi up` this many hours before they expire. */
export const SELF_SIGNED_VALIDITY_HOURS = 365 * 24;
export const SELF_SIGNED_EARLY_RENEWAL_HOURS = 30 * 24;

/** What users connect to: the web tier's name (ALB) and the DICOM TLS name (NLB). */
export function clientEndpoints(webHostName: string, dicomHostName: string, endpoint: EndpointConfig): {
    httpsUrl: string; dicomWebRoot: string; dicomHost: string; dicomPort: number; dicomAeTitle: string;
} {
    const httpsUrl = `https://${webHostName}`;
    return { httpsUrl, dicomWebRoot: `${httpsUrl}/dicom-web`, dicomHost: dicomHostName, dicomPort: endpoint.dicomPort, dicomAeTitle: endpoint.aeTitle };
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

/**
 * Orthanc compares a caller's address with its declared modality's only when modalities are declared
 * (`DicomCheckModalityHost`); only then do the DICOM target groups keep client addresses
 * (`preserve_client_ip.enabled`, off by default for IP targets: Network Load Balancer guide, "Target groups").
 */
export function preservesClientAddresses(network: DicomNetworkConfig): boolean {
    return network.modalities.length > 0;
}
