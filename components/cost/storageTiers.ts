/**
 * How much of the image store sits in each storage tier after some months: every month adds one cohort of
 * studies; a cohort's tier follows its age through the lifecycle rules; cohorts older than the retention are gone.
 */
import { StorageConfig } from "../../config/types";
import { DAYS_PER_MONTH } from "./priceTable";

export type S3Tier = "standard" | "glacierIr" | "deepArchive" | "intelligentTiering.frequent" | "intelligentTiering.infrequent" | "intelligentTiering.archiveInstant";
export type EfsTier = "standard" | "ia";

/** Ages (days) of the cohorts held at the end of `month`: ingested evenly, so each is on average half a month into its month. */
export function cohortAges(month: number, retentionMonths: number): number[] {
    const cohorts = Math.max(0, Math.min(month, retentionMonths));
    return Array.from({ length: cohorts }, (_, index) => (index + 0.5) * DAYS_PER_MONTH);
}

/** GB per tier: `monthlyGb` per cohort, placed by `tierOf(age)`. */
export function gbByTier<T extends string>(monthlyGb: number, ages: readonly number[], tierOf: (ageDays: number) => T): Map<T, number> {
    const tiers = new Map<T, number>();
    for (const age of ages) {
        const tier = tierOf(age);
        tiers.set(tier, (tiers.get(tier) ?? 0) + monthlyGb);
    }
    return tiers;
}

/**
 * The image bucket's lifecycle (components' bucketLifecycle rules from these settings): Standard, then Glacier
 * Instant Retrieval after `s3GlacierInstantRetrievalAfterDays`, then Deep Archive after `s3DeepArchiveAfterDays`
 * (0 = never). With Intelligent-Tiering, objects unread for 30 days move to its Infrequent tier and after 90 days
 * to Archive Instant Access (https://aws.amazon.com/s3/storage-classes/intelligent-tiering/); the estimate
 * assumes stored studies are not read again.
 */
export function s3TierOf(storage: StorageConfig): (ageDays: number) => S3Tier {
    if (storage.s3IntelligentTiering) {
        return (age) => age < 30 ? "intelligentTiering.frequent" : age < 90 ? "intelligentTiering.infrequent" : "intelligentTiering.archiveInstant";
    }
    const toGlacier = storage.s3GlacierInstantRetrievalAfterDays;
    const toDeepArchive = storage.s3DeepArchiveAfterDays;
    return (age) => {
        if (toDeepArchive > 0 && age >= toDeepArchive) return "deepArchive";
        if (toGlacier > 0 && age >= toGlacier) return "glacierIr";
        return "standard";
    };
}

/** EFS moves files unread for `efsTransitionToIa` days to Infrequent Access (again assuming no re-reads). */
export function efsTierOf(storage: StorageConfig): (ageDays: number) => EfsTier {
    const days = Number(/^AFTER_(\d+)_DAYS?$/.exec(storage.efsTransitionToIa)?.[1]);
    return (age) => age >= days ? "ia" : "standard";
}
