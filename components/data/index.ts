/** Data: the Orthanc index database, file storage (EFS) or object storage (S3), private buckets, backups. */
export { Database } from "./database";
export type { DatabaseArgs } from "./database";
export { FileStorage } from "./fileStorage";
export type { FileStorageArgs } from "./fileStorage";
export { ObjectStorage } from "./objectStorage";
export type { ObjectStorageArgs } from "./objectStorage";
export { Backup } from "./backup";
export type { BackupArgs, BackedUpResource } from "./backup";
export { createPrivateBucket } from "./privateBucket";
export type { PrivateBucket, PrivateBucketArgs } from "./privateBucket";
export { accessLogLifecycleRules } from "./bucketLifecycle";
export { denyInsecureBucketTransport } from "./bucketPolicies";
export { estimatedMaxConnections, instanceClassMemoryGiB } from "./databaseConnections";
