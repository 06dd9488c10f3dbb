/**
 * AWS constraints the stack config is checked against, as data. Each table cites where it comes from so that it
 * can be refreshed when AWS changes it.
 */

/** Fargate task CPU units → allowed memory (MiB). https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size */
export const FARGATE_MEMORY_BY_CPU: ReadonlyMap<number, readonly number[]> = new Map([
    [256, [512, 1024, 2048]],
    [512, range(1024, 4096, 1024)],
    [1024, range(2048, 8192, 1024)],
    [2048, range(4096, 16384, 1024)],
    [4096, range(8192, 30720, 1024)],
    [8192, range(16384, 61440, 4096)],
    [16384, range(32768, 122880, 8192)],
]);

/** `retentionInDays` values CloudWatch Logs accepts (0 = never expire is excluded on purpose: logs must expire). */
export const LOG_RETENTION_DAYS = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** PostgreSQL majors this project supports on RDS (Orthanc's PostgreSQL plugin needs 9.5+; older majors leave standard support). */
export const POSTGRES_MAJOR_VERSIONS = ["16", "17"] as const;

/** RDS gp3 storage bounds, GiB. https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Storage.html */
export const RDS_GP3_MIN_GIB = 20;
export const RDS_MAX_GIB = 65536;
/** RDS requires the storage-autoscaling ceiling to exceed the allocated size by at least 10 %. */
export const RDS_AUTOSCALING_MIN_HEADROOM_PERCENT = 10;

/** S3 keeps objects in Glacier Instant Retrieval at least 90 days before a lifecycle rule may move them on. */
export const S3_GLACIER_IR_MIN_DAYS_BEFORE_NEXT_TRANSITION = 90;

function range(from: number, to: number, step: number): number[] {
    const values: number[] = [];
    for (let value = from; value <= to; value += step) values.push(value);
    return values;
}
