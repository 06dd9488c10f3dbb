import { Policies } from "@pulumi/policy";
import { requireEcrImmutableTags } from "./ecrImmutableTags";
import { requireEcrScanOnPush } from "./ecrScanOnPush";
import { requireS3VersioningOnPhiBuckets } from "./s3VersioningOnPhiBuckets";
import { requireS3VersionedBucketsLifecycle } from "./s3VersionedBucketsExpireVersions";
import { requireRdsAutoMinorVersionUpgrade } from "./rdsAutoMinorVersionUpgrade";
import { requireS3ObjectLock } from "./s3ObjectLock";

/** §164.312(c)(1): integrity. */
export const integrityPolicies: Policies = [
    requireS3VersioningOnPhiBuckets,
    requireEcrScanOnPush,
    requireEcrImmutableTags,
    requireS3VersionedBucketsLifecycle,
    requireRdsAutoMinorVersionUpgrade,
    requireS3ObjectLock,
];
