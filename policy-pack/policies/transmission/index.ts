import { Policies } from "@pulumi/policy";
import { requireEfsTls } from "./efsRequiresTls";
import { requireLbListenerTls } from "./lbListenerTls";
import { requirePlainListenerPrivateOnly } from "./plainListenerPrivateOnly";
import { requireRdsForcesSsl } from "./rdsForcesSsl";
import { requireS3BucketDeniesInsecureTransport } from "./s3BucketDeniesInsecureTransport";
import { requireLbListenerAcmCertificate } from "./lbListenerAcmCertificate";
import { requireAcmCertificateRenews } from "./acmCertificateRenews";

/** §164.312(e)(1): transmission security. */
export const transmissionPolicies: Policies = [
    requireLbListenerTls,
    requirePlainListenerPrivateOnly,
    requireS3BucketDeniesInsecureTransport,
    requireRdsForcesSsl,
    requireEfsTls,
    requireLbListenerAcmCertificate,
    requireAcmCertificateRenews,
];
