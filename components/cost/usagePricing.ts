/**
 * The usage part of the estimate: what the stack's settings and `costAssumptions` say will be stored, backed up,
 * indexed, logged and downloaded in a given month of operation. Each line's basis names the assumptions it uses.
 */
import { StackConfig } from "../../config/types";
import { charge, CostLine, quantity } from "./costLines";
import { DAYS_PER_MONTH, RegionPrices } from "./priceTable";
import { instancesPerMonth } from "./resourceTypes";
import { cohortAges, efsTierOf, gbByTier, s3TierOf } from "./storageTiers";

export interface UsageLine extends CostLine {
    /** What the line belongs to: image storage, backups, metadata pipeline, logs, internet egress. */
    area: string;
}

/** Indexer work per DICOM instance (docs/metadata-pipeline.md): one ranged GET, batches of 10 per invocation. */
export const PIPELINE_PER_INSTANCE = {
    invocations: 1 / 10,
    /** 512 MB function, about 50 ms per header read and written. */
    gbSeconds: 0.5 * 0.05,
    /** S3's send, and receive and delete in batches of 10 (idle long-polling of an empty queue is not counted). */
    sqsRequests: 1.2,
    s3Gets: 1,
    /** Item ≤ 2 KB (2 WRU) plus one write to each of the three indexes (1 WRU each). */
    writeRequestUnits: 5,
    /** The item and its three index projections. */
    storedKb: 5,
} as const;

const KB_PER_GB = 1e6;
const BYTES_PER_GB = 1e9;
/**
 * Audit bytes per stored instance: its stored line (~230 bytes measured on Orthanc 1.12.7) plus about two HTTP
 * lines (~330 bytes each: a viewer's or REST client's reads of it), test/integration/audit.test.ts's lines.
 */
export const AUDIT_BYTES_PER_INSTANCE = 1000;
const MB_PER_GB = 1e3;

export function usageCosts(config: StackConfig, prices: RegionPrices, month = config.costAssumptions.estimateMonth): UsageLine[] {
    const assumptions = config.costAssumptions;
    const monthlyGb = assumptions.studiesPerMonth * assumptions.mbPerStudy / MB_PER_GB;
    const ages = cohortAges(month, assumptions.retentionYears * 12);
    const storedGb = monthlyGb * ages.length;
    const ingest = `${quantity(assumptions.studiesPerMonth)} studies × ${quantity(assumptions.mbPerStudy)} MB a month`;
    const held = `month ${month}, studies kept ${assumptions.retentionYears} years`;
    const area = (name: string, lines: CostLine[]): UsageLine[] => lines.map((line) => ({ ...line, area: name }));

    const storage = config.storage.backend === "efs"
        ? efsStorage(config, prices, monthlyGb, ages, ingest, held)
        : s3Storage(config, prices, monthlyGb, ages, ingest, held);
    const backups = [
        charge(prices, `${config.storage.backend.toUpperCase()} backup`, storedGb,
            config.storage.backend === "efs" ? "backup.efs.warmGbMonth" : "backup.s3.gbMonth",
            `${quantity(storedGb)} GB (incremental daily recovery points of files that never change ≈ one copy; ${held})`),
        charge(prices, "database snapshots", config.database.allocatedStorage, "backup.rds.gbMonth",
            `${config.database.allocatedStorage} GiB (the allocated size, an upper bound of the index's size)`),
    ];
    const lines = [...area("image storage", storage), ...area("backups", backups)];
    if (config.metadataPipeline.enabled && config.storage.backend === "s3") lines.push(...area("metadata pipeline", pipeline(prices, config, ages.length)));
    const logMonths = Math.min(month, config.logRetentionDays / DAYS_PER_MONTH);
    lines.push(...area("logs", [
        charge(prices, "log ingestion", assumptions.logGbPerMonth, "cloudwatch.logs.ingestGb", `${quantity(assumptions.logGbPerMonth)} GB (costAssumptions.logGbPerMonth)`),
        charge(prices, "log storage", assumptions.logGbPerMonth * logMonths, "cloudwatch.logs.storageGbMonth",
            `${quantity(assumptions.logGbPerMonth * logMonths)} GB (${quantity(logMonths)} months held, logRetentionDays ${config.logRetentionDays})`),
    ]));
    // The Orthanc log group keeps the audit trail audit.logRetentionDays: its lines are held beyond logRetentionDays.
    const auditGbPerMonth = instancesPerMonth(assumptions) * AUDIT_BYTES_PER_INSTANCE / BYTES_PER_GB;
    const auditExtraMonths = Math.max(0, Math.min(month, config.audit.logRetentionDays / DAYS_PER_MONTH) - logMonths);
    if (auditExtraMonths > 0) {
        lines.push(...area("logs", [charge(prices, "audit trail storage", auditGbPerMonth * auditExtraMonths, "cloudwatch.logs.storageGbMonth",
            `${quantity(auditGbPerMonth * auditExtraMonths)} GB (${quantity(auditGbPerMonth)} GB a month at ~${AUDIT_BYTES_PER_INSTANCE} bytes an instance, ` +
            `${quantity(auditExtraMonths)} months beyond logRetentionDays, audit.logRetentionDays ${config.audit.logRetentionDays})`)]));
    }
    lines.push(...area("internet egress", [charge(prices, "data transfer out", assumptions.egressGbPerMonth, "dataTransfer.internetOut.gb",
        `${quantity(assumptions.egressGbPerMonth)} GB (costAssumptions.egressGbPerMonth)`)]));
    return lines;
}

function efsStorage(config: StackConfig, prices: RegionPrices, monthlyGb: number, ages: number[], ingest: string, held: string): CostLine[] {
    const tiers = gbByTier(monthlyGb, ages, efsTierOf(config.storage));
    const standard = tiers.get("standard") ?? 0;
    const ia = tiers.get("ia") ?? 0;
    const egress = config.costAssumptions.egressGbPerMonth;
    return [
        charge(prices, "EFS Standard", standard, "efs.standard.gbMonth", `${quantity(standard)} GB (${ingest}, ${held})`),
        charge(prices, "EFS Infrequent Access", ia, "efs.ia.gbMonth", `${quantity(ia)} GB (after ${config.storage.efsTransitionToIa}, not read again)`),
        charge(prices, "EFS writes (elastic throughput)", monthlyGb, "efs.elastic.writeGb", `${quantity(monthlyGb)} GB (${ingest})`),
        charge(prices, "EFS reads (elastic throughput)", egress, "efs.elastic.readGb", `${quantity(egress)} GB (costAssumptions.egressGbPerMonth)`),
        charge(prices, "EFS tiering to IA", ia > 0 ? monthlyGb : 0, "efs.ia.tieringGb", `${quantity(ia > 0 ? monthlyGb : 0)} GB a month moved`),
    ];
}

const S3_TIER_LABELS: Record<string, string> = {
    standard: "S3 Standard", glacierIr: "S3 Glacier Instant Retrieval", deepArchive: "S3 Glacier Deep Archive",
    "intelligentTiering.frequent": "S3 Intelligent-Tiering Frequent", "intelligentTiering.infrequent": "S3 Intelligent-Tiering Infrequent",
    "intelligentTiering.archiveInstant": "S3 Intelligent-Tiering Archive Instant",
};

function s3Storage(config: StackConfig, prices: RegionPrices, monthlyGb: number, ages: number[], ingest: string, held: string): CostLine[] {
    const storage = config.storage;
    const tiers = gbByTier(monthlyGb, ages, s3TierOf(storage));
    const instances = instancesPerMonth(config.costAssumptions);
    const instanceText = `${quantity(instances)} instances a month (${config.costAssumptions.instancesPerStudy} per study)`;
    const lines = [...tiers].map(([tier, gb]) => charge(prices, S3_TIER_LABELS[tier], gb, `s3.${tier}.gbMonth`, `${quantity(gb)} GB (${ingest}, ${held})`));
    lines.push(charge(prices, "S3 PUT requests", instances, "s3.putRequest", instanceText));
    const oldest = ages.length > 0 ? ages[ages.length - 1] : 0;
    const transitions: [number, string, string][] = storage.s3IntelligentTiering
        ? [[0, "s3.transition.intelligentTiering", "Intelligent-Tiering"]]
        : [[storage.s3GlacierInstantRetrievalAfterDays, "s3.transition.glacierIr", "Glacier IR"], [storage.s3DeepArchiveAfterDays, "s3.transition.deepArchive", "Deep Archive"]];
    for (const [afterDays, key, name] of transitions) {
        if ((afterDays > 0 || storage.s3IntelligentTiering) && oldest >= afterDays) {
            lines.push(charge(prices, `S3 lifecycle transitions to ${name}`, instances, key, instanceText));
        }
    }
    if (storage.s3IntelligentTiering) {
        const objects = instances * ages.length;
        lines.push(charge(prices, "S3 Intelligent-Tiering monitoring", objects, "s3.intelligentTiering.monitoringObjectMonth", `${quantity(objects)} objects stored`));
    }
    return lines;
}

function pipeline(prices: RegionPrices, config: StackConfig, monthsHeld: number): CostLine[] {
    const instances = instancesPerMonth(config.costAssumptions);
    const per = PIPELINE_PER_INSTANCE;
    const text = (perInstance: number, unit: string) => `${quantity(instances)} instances × ${quantity(perInstance)} ${unit}`;
    const storedGb = instances * monthsHeld * per.storedKb / KB_PER_GB;
    return [
        charge(prices, "indexer invocations", instances * per.invocations, "lambda.request", text(per.invocations, "invocations (batches of 10)")),
        charge(prices, "indexer duration (arm64)", instances * per.gbSeconds, "lambda.arm64.gbSecond", text(per.gbSeconds, "GB-s (512 MB × 50 ms)")),
        charge(prices, "event queue requests", instances * per.sqsRequests, "sqs.request", text(per.sqsRequests, "requests")),
        charge(prices, "indexer S3 reads", instances * per.s3Gets, "s3.getRequest", text(per.s3Gets, "ranged GET")),
        charge(prices, "DynamoDB writes", instances * per.writeRequestUnits, "dynamodb.writeRequestUnit", text(per.writeRequestUnits, "write units (item + 3 indexes)")),
        charge(prices, "DynamoDB storage", storedGb, "dynamodb.storage.gbMonth", `${quantity(storedGb)} GB (${per.storedKb} KB per instance held)`),
    ];
}
