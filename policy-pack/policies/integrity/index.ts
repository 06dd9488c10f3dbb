import { Policies } from "@pulumi/policy";
import { requireEcrImmutableTags } from "./ecrImmutableTags";
import { requireEcrScanOnPush } from "./ecrScanOnPush";
import { requireS3VersioningOnPhiBuckets } from "./s3VersioningOnPhiBuckets";

/** §164.312(c)(1): integrity. */
export const integrityPolicies: Policies = [
    requireS3VersioningOnPhiBuckets,
    requireEcrScanOnPush,
    requireEcrImmutableTags,
];
