import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";

/** Re-issued by `pulumi up` in its last 30 days; modalities must then trust the new certificate (output `dicomTlsCertificate`). */
export const DICOM_TLS_VALIDITY_HOURS = 2 * 365 * 24;
export const DICOM_TLS_EARLY_RENEWAL_HOURS = 30 * 24;

/** The secret's JSON document: what the container's start-up script writes to Orthanc's `DicomTls*` files. */
export function dicomTlsSecretString(certificatePem: string, privateKeyPem: string): string {
    return JSON.stringify({ certificate: certificatePem, privateKey: privateKeyPem });
}

export interface DicomTlsIdentityArgs {
    /** Start of the secret's name (`<namespace>-<stack>/orthanc-dicom-tls-`); AWS appends a unique suffix. */
    namePrefix: string;
    /** Subject common name of the certificate, e.g. Orthanc's AE title and stack. */
    commonName: string;
    /** Customer-managed KMS key encrypting the secret (the data key). */
    dataKeyArn: pulumi.Input<string>;
}

/**
 * Orthanc's own DICOM TLS identity for the associations it opens (C-STORE and C-MOVE to modalities marked `tls`):
 * an RSA key and a self-signed client/server certificate, kept in a CMK-encrypted Secrets Manager secret. The
 * certificate is public: modalities add it to their trust store.
 */
export class DicomTlsIdentity extends pulumi.ComponentResource {
    readonly secretArn: pulumi.Output<string>;
    readonly certificatePem: pulumi.Output<string>;

    constructor(name: string, args: DicomTlsIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
        super("orthanc-aws:compute:DicomTlsIdentity", name, {}, opts);
        // RSA 2048: what DICOM TLS profiles (PS3.15 Annex B) and modalities' TLS stacks accept most widely.
        const key = new tls.PrivateKey(`${name}-key`, { algorithm: "RSA", rsaBits: 2048 }, { parent: this });
        const certificate = new tls.SelfSignedCert(`${name}-certificate`, {
            privateKeyPem: key.privateKeyPem,
            subject: { commonName: args.commonName, organization: "orthanc-aws" },
            validityPeriodHours: DICOM_TLS_VALIDITY_HOURS,
            earlyRenewalHours: DICOM_TLS_EARLY_RENEWAL_HOURS,
            // Orthanc presents it as a client (SCU) towards modalities.
            allowedUses: ["digital_signature", "key_encipherment", "client_auth", "server_auth"],
        }, { parent: this });
        const secret = new aws.secretsmanager.Secret(`${name}-secret`, {
            namePrefix: args.namePrefix,
            description: "Orthanc's DICOM TLS certificate and private key (PEM), written to files at task start",
            kmsKeyId: args.dataKeyArn,
            recoveryWindowInDays: 30,
        }, { parent: this });
        new aws.secretsmanager.SecretVersion(`${name}-value`, {
            secretId: secret.id,
            secretString: pulumi.secret(pulumi.all([certificate.certPem, key.privateKeyPem])
                .apply(([certificatePem, privateKeyPem]) => dicomTlsSecretString(certificatePem, privateKeyPem))),
        }, { parent: this });

        this.secretArn = secret.arn;
        this.certificatePem = certificate.certPem;
        this.registerOutputs({ secretArn: this.secretArn, certificatePem: this.certificatePem });
    }
}
