import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EndpointConfig } from "../../config/types";
import { accessLogLifecycleRules, createPrivateBucket } from "../data";
import { TARGET_HEALTH_CHECK_INTERVAL_SECONDS, TARGET_HEALTHY_THRESHOLD } from "../compute";
import { EndpointCertificate } from "./certificate";
import { certificateSource, TLS_SECURITY_POLICY } from "./loadBalancerSettings";
import { WebFirewall } from "./webFirewall";
import {
    HTTPS_LISTENER_PORT, HttpHealthCheck, KEYCLOAK_PATH_PATTERNS, KEYCLOAK_RULE_PRIORITY, KeycloakTarget, keycloakHealthCheck, orthancHealthCheck,
    WEB_ACCESS_LOG_PREFIX, webEgressPorts, webIngressRules, webLogBucketPolicy, webPhysicalNames,
} from "./webSettings";
import { ORTHANC_HTTP_PORT } from "../compute";

export interface WebLoadBalancerArgs {
    endpoint: EndpointConfig;
    /** Start of the physical names (`<namespace>-<stack>`): AWS allows load balancers and target groups 32 characters. */
    physicalNamePrefix: string;
    vpcId: pulumi.Input<string>;
    /** The VPC's range: the load balancer may forward only into it. */
    vpcCidrBlock: pulumi.Input<string>;
    publicSubnetIds: pulumi.Input<string[]>;
    /** Key of the WAF log group. */
    logsKeyArn: pulumi.Input<string>;
    logRetentionDays: number;
    /** `protect` on the access-log bucket and deletion protection on the load balancer (with the data stores). */
    protect: boolean;
    /** Common name of a self-signed certificate (no domain configured). */
    certificateCommonName: string;
    /** AWS WAF web ACL on the load balancer (`web.waf`). */
    waf: boolean;
    /** Keycloak behind `/keycloak` (identity.mode keycloak); without it only Orthanc is routed. */
    keycloak?: KeycloakTarget;
    /**
     * Seconds a deregistering target keeps its requests (an upload or an archive download can take a while).
     * @default 60
     */
    deregistrationDelaySeconds?: number;
}

/**
 * The public Application Load Balancer of the web UI, REST, DICOMweb and Keycloak: HTTPS on 443 only (no port-80
 * listener at all: nothing the stack serves is meant for a plain-HTTP first visit, and a redirect listener would
 * need port 80 open in the group), a TLS 1.3/1.2 forward-secret policy, invalid header fields dropped, the
 * strictest HTTP desync mitigation, access logs, an optional WAF web ACL, and a security group admitting
 * `endpoint.allowedCidrs` on 443 and reaching only the VPC.
 */
export class WebLoadBalancer extends pulumi.ComponentResource {
    readonly dnsName: pulumi.Output<string>;
    /** The name browsers use: the configured domain, else the load balancer's DNS name. */
    readonly hostName: pulumi.Output<string>;
    readonly httpsUrl: pulumi.Output<string>;
    readonly dicomWebRoot: pulumi.Output<string>;
    readonly securityGroupId: pulumi.Output<string>;
    readonly orthancTargetGroupArn: pulumi.Output<string>;
    readonly keycloakTargetGroupArn: pulumi.Output<string> | undefined;
    readonly listener: aws.lb.Listener;
    readonly accessLogBucketName: pulumi.Output<string>;
    readonly certificateArn: pulumi.Output<string>;
    /** The self-signed certificate's PEM (what browsers must trust), or undefined with ACM. */
    readonly certificatePem: pulumi.Output<string | undefined>;
    /** CloudWatch dimensions (`app/…`, `targetgroup/…`). */
    readonly loadBalancerArnSuffix: pulumi.Output<string>;
    readonly orthancTargetGroupArnSuffix: pulumi.Output<string>;
    /** CloudWatch dimension of the Keycloak target group, when there is one. */
    readonly keycloakTargetGroupArnSuffix: pulumi.Output<string> | undefined;
    readonly webAclArn: pulumi.Output<string> | undefined;

    constructor(name: string, args: WebLoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("orthanc-aws:endpoint:WebLoadBalancer", name, {}, opts);
        const deregistrationDelay = args.deregistrationDelaySeconds ?? 60;
        const names = webPhysicalNames(args.physicalNamePrefix);
        const source = certificateSource(args.endpoint);

        const securityGroup = new aws.ec2.SecurityGroup(`${name}-sg`, {
            vpcId: args.vpcId,
            description: "Orthanc web load balancer: HTTPS from the allowed client networks only",
        }, { parent: this });
        for (const rule of webIngressRules(args.endpoint)) {
            new aws.vpc.SecurityGroupIngressRule(`${name}-in-${rule.key}`, {
                securityGroupId: securityGroup.id,
                ipProtocol: "tcp",
                fromPort: HTTPS_LISTENER_PORT,
                toPort: HTTPS_LISTENER_PORT,
                cidrIpv4: rule.cidrIpv4,
                cidrIpv6: rule.cidrIpv6,
                description: rule.description,
            }, { parent: this });
        }
        for (const egress of webEgressPorts(args.keycloak)) {
            new aws.vpc.SecurityGroupEgressRule(`${name}-out-${egress.key}`, {
                securityGroupId: securityGroup.id,
                ipProtocol: "tcp",
                fromPort: egress.port,
                toPort: egress.port,
                cidrIpv4: args.vpcCidrBlock,
                description: egress.description,
            }, { parent: this });
        }

        const identity = aws.getCallerIdentityOutput({}, { parent: this });
        // SSE-S3: the only encryption ALB access-log delivery supports (ELB guide, "Enable access logs"); the pack
        // holds such buckets to that (policy-pack/lib/logDeliveryBuckets.ts).
        const accessLogs = createPrivateBucket(`${name}-access-logs`, {
            encryption: { sseAlgorithm: "AES256" },
            versioned: false,
            logArchive: true,
            lifecycleRules: accessLogLifecycleRules(args.logRetentionDays),
            policy: (bucketArn) => pulumi.all([bucketArn, identity.accountId]).apply(([arn, accountId]) => webLogBucketPolicy(arn, accountId)),
            protect: args.protect,
        }, this);

        const loadBalancer = new aws.lb.LoadBalancer(`${name}-alb`, {
            name: names.loadBalancer,
            loadBalancerType: "application",
            internal: false,
            subnets: args.publicSubnetIds,
            securityGroups: [securityGroup.id],
            // Security Hub ELB.4 / ELB.12: malformed headers never reach Orthanc; ambiguous requests are refused.
            dropInvalidHeaderFields: true,
            desyncMitigationMode: "strictest",
            enableDeletionProtection: args.protect,
            // Orthanc's archive and study downloads can be slow to start: more than the 60 s default idle timeout.
            idleTimeout: 300,
            accessLogs: { bucket: accessLogs.bucket.bucket, prefix: WEB_ACCESS_LOG_PREFIX, enabled: true },
        }, { parent: this, dependsOn: [accessLogs.policy], deleteBeforeReplace: true });

        const certificate = new EndpointCertificate(`${name}-certificate`, {
            source,
            loadBalancerDnsName: loadBalancer.dnsName,
            commonName: args.certificateCommonName,
        }, { parent: this });

        const targetGroup = (suffix: string, physicalName: string, port: number, healthCheck: HttpHealthCheck): aws.lb.TargetGroup =>
            new aws.lb.TargetGroup(`${name}-${suffix}`, {
                name: physicalName,
                vpcId: args.vpcId,
                targetType: "ip",
                protocol: "HTTP",
                protocolVersion: "HTTP1",
                port,
                deregistrationDelay,
                // Orthanc keeps jobs and archives in the task that started them: a browser stays with one task.
                stickiness: { type: "lb_cookie", enabled: true, cookieDuration: 3600 },
                healthCheck: {
                    enabled: true,
                    ...healthCheck,
                    interval: TARGET_HEALTH_CHECK_INTERVAL_SECONDS,
                    healthyThreshold: TARGET_HEALTHY_THRESHOLD,
                    unhealthyThreshold: TARGET_HEALTHY_THRESHOLD,
                },
            }, { parent: this, deleteBeforeReplace: true });
        const orthanc = targetGroup("orthanc", names.orthancTargetGroup, ORTHANC_HTTP_PORT, orthancHealthCheck());
        const keycloak = args.keycloak !== undefined
            ? targetGroup("keycloak", names.keycloakTargetGroup, args.keycloak.port, keycloakHealthCheck(args.keycloak))
            : undefined;

        this.listener = new aws.lb.Listener(`${name}-https`, {
            loadBalancerArn: loadBalancer.arn,
            protocol: "HTTPS",
            port: HTTPS_LISTENER_PORT,
            sslPolicy: TLS_SECURITY_POLICY,
            certificateArn: certificate.certificateArn,
            defaultActions: [{ type: "forward", targetGroupArn: orthanc.arn }],
        }, { parent: this });
        if (keycloak !== undefined) {
            new aws.lb.ListenerRule(`${name}-keycloak`, {
                listenerArn: this.listener.arn,
                priority: KEYCLOAK_RULE_PRIORITY,
                conditions: [{ pathPattern: { values: KEYCLOAK_PATH_PATTERNS } }],
                actions: [{ type: "forward", targetGroupArn: keycloak.arn }],
            }, { parent: this });
        }

        const firewall = args.waf
            ? new WebFirewall(`${name}-waf`, {
                physicalNamePrefix: args.physicalNamePrefix,
                loadBalancerArn: loadBalancer.arn,
                logsKeyArn: args.logsKeyArn,
                logRetentionDays: args.logRetentionDays,
            }, { parent: this })
            : undefined;

        if (source.kind === "acm-dns") {
            new aws.route53.Record(`${name}-alias`, {
                zoneId: source.hostedZoneId,
                name: source.domainName,
                type: "A",
                aliases: [{ name: loadBalancer.dnsName, zoneId: loadBalancer.zoneId, evaluateTargetHealth: true }],
            }, { parent: this });
        }

        this.dnsName = loadBalancer.dnsName;
        this.hostName = source.kind === "acm-dns" ? pulumi.output(source.domainName) : loadBalancer.dnsName;
        this.httpsUrl = pulumi.interpolate`https://${this.hostName}`;
        this.dicomWebRoot = pulumi.interpolate`https://${this.hostName}/dicom-web`;
        this.securityGroupId = securityGroup.id;
        this.orthancTargetGroupArn = orthanc.arn;
        this.keycloakTargetGroupArn = keycloak?.arn;
        this.accessLogBucketName = accessLogs.bucket.bucket;
        this.certificateArn = certificate.certificateArn;
        this.certificatePem = certificate.certificatePem;
        this.loadBalancerArnSuffix = loadBalancer.arnSuffix;
        this.orthancTargetGroupArnSuffix = orthanc.arnSuffix;
        this.keycloakTargetGroupArnSuffix = keycloak?.arnSuffix;
        this.webAclArn = firewall?.webAclArn;
        this.registerOutputs({
            dnsName: this.dnsName, hostName: this.hostName, httpsUrl: this.httpsUrl, securityGroupId: this.securityGroupId,
            orthancTargetGroupArn: this.orthancTargetGroupArn, accessLogBucketName: this.accessLogBucketName,
        });
    }
}
