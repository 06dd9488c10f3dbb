import { LIFTED_ATTRIBUTES } from "./indexer/item";
import { FAILED_OUTCOME } from "./indexer/outcomes";
import { denyInsecureTransport, PolicyDocument, policyDocument } from "../security";

/**
 * Pure decisions of the metadata pipeline: timeouts and their ratios, the table's indexes, the alarms, and the
 * function's least-privilege policy. Kept apart from the component so that tests can read them directly.
 */

/** Seconds the indexer may run per batch; header reads are small, so one minute is generous. */
export const FUNCTION_TIMEOUT_SECONDS = 60;
/** AWS's guidance for SQS event sources: visibility ≥ 6 × the function timeout, or in-flight batches reappear. */
export const QUEUE_VISIBILITY_TIMEOUT_SECONDS = 6 * FUNCTION_TIMEOUT_SECONDS;
/** A message that failed this many receives is kept in the dead-letter queue. */
export const MAX_RECEIVES_BEFORE_DEAD_LETTER = 5;
/** Messages (object events) per invocation, and how long to wait to fill a batch. */
export const BATCH_SIZE = 10;
export const BATCHING_WINDOW_SECONDS = 5;
/** Fourteen days, SQS's maximum: the dead-letter queue keeps what failed until someone looks. */
export const DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 3600;
/** S3 sends only DICOM files: Orthanc's S3 plugin names them `<uuid>.dcm` (other attachments differ). */
export const DICOM_KEY_SUFFIX = ".dcm";
export const BUCKET_EVENTS = ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"];

/** What the indexes copy: the attributes the indexer lifts to the item's top level, and the object's size. */
const INDEX_PROJECTION = [...LIFTED_ATTRIBUTES.map(([keyword]) => keyword), "objectSize"];

export interface SecondaryIndex {
    name: string;
    hashKey: string;
    rangeKey: string;
}

/**
 * Global secondary indexes. Hash and range keys of the first three are DICOM type 1 attributes, present in every
 * instance, so no instance is missing from them; the patient-by-date index lists only instances with a StudyDate.
 * Indexes project the lifted attributes only: the full header (`dicom`) is read from the table by `pk`.
 */
export const SECONDARY_INDEXES: SecondaryIndex[] = [
    { name: "byStudy", hashKey: "StudyInstanceUID", rangeKey: "SeriesInstanceUID" },
    { name: "bySeries", hashKey: "SeriesInstanceUID", rangeKey: "SOPInstanceUID" },
    { name: "byPatient", hashKey: "PatientID", rangeKey: "StudyInstanceUID" },
    { name: "byPatientStudyDate", hashKey: "PatientID", rangeKey: "StudyDate" },
];

export function tableAttributes(): Array<{ name: string; type: "S" | "N" }> {
    const names = new Set(["pk", ...SECONDARY_INDEXES.flatMap((index) => [index.hashKey, index.rangeKey])]);
    return [...names].map((name) => ({ name, type: "S" as const }));
}

export function globalSecondaryIndexes(): Array<{ name: string; hashKey: string; rangeKey: string; projectionType: string; nonKeyAttributes: string[] }> {
    return SECONDARY_INDEXES.map((index) => ({
        ...index,
        projectionType: "INCLUDE",
        nonKeyAttributes: INDEX_PROJECTION.filter((name) => name !== index.hashKey && name !== index.rangeKey),
    }));
}

export interface IndexerPolicyResources {
    bucketArn: string;
    dataKeyArn: string;
    queueArn: string;
    pipelineKeyArn: string;
    tableArn: string;
    logGroupArn: string;
}

/** Exactly what the indexer does, on exactly the resources it touches. */
export function indexerPolicy(resources: IndexerPolicyResources): PolicyDocument {
    return policyDocument(
        { Sid: "ReadDicomHeaders", Effect: "Allow", Action: "s3:GetObject", Resource: `${resources.bucketArn}/*` },
        // Without ListBucket, S3 answers 403 instead of 404 for a removed key: the indexer could not tell a
        // removed object (tombstone, or a superseded event) from a denied read (a failure).
        { Sid: "SeeRemovedObjects", Effect: "Allow", Action: "s3:ListBucket", Resource: resources.bucketArn },
        // Image objects are SSE-KMS with the data key; queue messages and the environment use the pipeline key.
        // DynamoDB encrypts items through its own grant on the pipeline key: no KMS action is needed for writes.
        { Sid: "DecryptImagesMessagesEnvironment", Effect: "Allow", Action: "kms:Decrypt", Resource: [resources.dataKeyArn, resources.pipelineKeyArn] },
        {
            Sid: "ConsumeObjectEvents",
            Effect: "Allow",
            Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"],
            Resource: resources.queueArn,
        },
        { Sid: "WriteIndexItems", Effect: "Allow", Action: "dynamodb:PutItem", Resource: resources.tableArn },
        { Sid: "WriteOwnLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${resources.logGroupArn}:*` },
        {
            // Lambda attaches the function to the VPC through ENIs; these EC2 calls have no resource-level scope.
            Sid: "AttachToVpc",
            Effect: "Allow",
            Action: ["ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface",
                "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"],
            Resource: "*",
        },
    );
}

/** The queue admits messages from this bucket only, and nothing over plain HTTP. */
export function queuePolicy(queueArn: string, bucketArn: string, accountId: string): PolicyDocument {
    return policyDocument(
        {
            Sid: "ImageBucketEventsOnly",
            Effect: "Allow",
            Principal: { Service: "s3.amazonaws.com" },
            Action: "sqs:SendMessage",
            Resource: queueArn,
            Condition: { ArnEquals: { "aws:SourceArn": bucketArn }, StringEquals: { "aws:SourceAccount": accountId } },
        },
        denyInsecureTransport("sqs:*", queueArn),
    );
}

export interface AlarmSpec {
    suffix: string;
    description: string;
    namespace: string;
    metricName: string;
    statistic: string;
    threshold: number;
    /** Which resource the alarm watches. */
    dimension: "deadLetterQueue" | "queue" | "function";
}

export const ALARMS: AlarmSpec[] = [
    { suffix: "dead-letters", description: "DICOM events the indexer gave up on are waiting in the dead-letter queue",
        namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", statistic: "Maximum", threshold: 0, dimension: "deadLetterQueue" },
    { suffix: "errors", description: "The indexer function failed",
        namespace: "AWS/Lambda", metricName: "Errors", statistic: "Sum", threshold: 0, dimension: "function" },
    { suffix: "queue-age", description: "DICOM events have waited more than 15 minutes to be indexed",
        namespace: "AWS/SQS", metricName: "ApproximateAgeOfOldestMessage", statistic: "Maximum", threshold: 900, dimension: "queue" },
];

/**
 * With ReportBatchItemFailures a record the indexer fails is answered, not thrown: Lambda counts no `Errors`, and
 * the dead-letter alarm fires only after every retry. The indexer's JSON log line for a failed record (Powertools
 * under Lambda's JSON log format) carries `outcome`, which a JSON filter pattern matches; the metric counts them.
 */
export const RECORD_FAILED_PATTERN = `{ $.outcome = "${FAILED_OUTCOME}" }`;
export const RECORD_FAILURES_NAMESPACE = "OrthancAws/DicomIndexer";
/** The metric's name: a log metric has no resource dimension, so the component's name keeps stacks apart. */
export function recordFailuresMetricName(componentName: string): string {
    return `${componentName}-record-failures`;
}
export const RECORD_FAILURES_ALARM = {
    suffix: "record-failures",
    description: "The indexer failed to process DICOM events (each is retried, then kept in the dead-letter queue)",
    statistic: "Sum",
    threshold: 0,
};
