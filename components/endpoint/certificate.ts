import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { CertificateSource, SELF_SIGNED_EARLY_RENEWAL_HOURS, SELF_SIGNED_VALIDITY_HOURS } from "./loadBalancerSettings";

export interface EndpointCertificateArgs {
    source: CertificateSource;
    /** The load balancer's DNS name: the self-signed certificate's subject alternative name. */
    loadBalancerDnsName: pulumi.Input<string>;
    /** Subject common name of a self-signed certificate (≤ 64 characters). */
    commonName: string;
}

/**
 * The TLS certificate of both listeners: a public ACM certificate validated through Route 53 when a domain and its
 * zone are configured, otherwise a self-signed certificate for the load balancer's DNS name imported into ACM
 * (clients must trust it explicitly; `pulumi up` re-issues it a month before it expires).
 */
export class EndpointCertificate extends pulumi.ComponentResource {
    readonly certificateArn: pulumi.Output<string>;
    /** PEM of the self-signed certificate, which clients must trust explicitly; undefined for a public ACM certificate. */
    readonly certificatePem: pulumi.Output<string | undefined>;

    constructor(name: string, args: EndpointCertificateArgs, opts?: pulumi.ComponentResourceOptions) {
        super("orthanc-aws:endpoint:EndpointCertificate", name, {}, opts);
        const issued = args.source.kind === "acm-dns"
            ? { arn: this.validatedCertificate(name, args.source.domainName, args.source.hostedZoneId), pem: pulumi.output<string | undefined>(undefined) }
            : this.selfSignedCertificate(name, args);
        this.certificateArn = issued.arn;
        this.certificatePem = issued.pem;
        this.registerOutputs({ certificateArn: this.certificateArn, certificatePem: this.certificatePem });
    }

    private validatedCertificate(name: string, domainName: string, hostedZoneId: string): pulumi.Output<string> {
        const certificate = new aws.acm.Certificate(`${name}-acm`, {
            domainName,
            validationMethod: "DNS",
        }, { parent: this });
        const validation = certificate.domainValidationOptions.apply((options) => {
            const match = options.find((option) => option.domainName === domainName);
            if (match === undefined) {
                throw new Error(`ACM returned no DNS validation record for ${domainName}.`);
            }
            return match;
        });
        const record = new aws.route53.Record(`${name}-validation`, {
            zoneId: hostedZoneId,
            name: validation.resourceRecordName,
            type: validation.resourceRecordType,
            records: [validation.resourceRecordValue],
            ttl: 300,
            allowOverwrite: true,
        }, { parent: this });
        const validated = new aws.acm.CertificateValidation(`${name}-validated`, {
            certificateArn: certificate.arn,
            validationRecordFqdns: [record.fqdn],
        }, { parent: this });
        return validated.certificateArn;
    }

    private selfSignedCertificate(name: string, args: EndpointCertificateArgs): { arn: pulumi.Output<string>; pem: pulumi.Output<string | undefined> } {
        // RSA 2048: the widest support among DICOM modalities, and a key type ACM imports.
        const key = new tls.PrivateKey(`${name}-key`, { algorithm: "RSA", rsaBits: 2048 }, { parent: this });
        const certificate = new tls.SelfSignedCert(`${name}-self-signed`, {
            privateKeyPem: key.privateKeyPem,
            subject: { commonName: args.commonName, organization: "orthanc-aws" },
            dnsNames: [args.loadBalancerDnsName],
            validityPeriodHours: SELF_SIGNED_VALIDITY_HOURS,
            earlyRenewalHours: SELF_SIGNED_EARLY_RENEWAL_HOURS,
            allowedUses: ["digital_signature", "key_encipherment", "server_auth"],
        }, { parent: this });
        const imported = new aws.acm.Certificate(`${name}-imported`, {
            privateKey: key.privateKeyPem,
            certificateBody: certificate.certPem,
        }, { parent: this });
        return { arn: imported.arn, pem: certificate.certPem };
    }
}
