/** The Lambda entry point: wires the SDK clients and the logger to the indexer's pure modules. */
import { Logger } from "@aws-lambda-powertools/logger";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import { configFromEnvironment } from "./config";
import { IndexerDependencies, processBatch } from "./indexer";
import { s3Source } from "./s3Source";
import { writeItem } from "./store";

const logger = new Logger({ serviceName: "dicom-indexer" });

let dependencies: IndexerDependencies | undefined;

/** Built on first use (not at import) so that a bad environment fails the invocation with a clear message. */
function indexerDependencies(): IndexerDependencies {
    if (dependencies !== undefined) return dependencies;
    const config = configFromEnvironment(process.env);
    const s3 = new S3Client({});
    const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
        // DICOM numbers are doubles already; DynamoDB stores their shortest decimal form.
        marshallOptions: { allowImpreciseNumbers: true, removeUndefinedValues: true },
    });
    dependencies = {
        bucket: config.bucket,
        openObject: (bucket, key, eTag) => s3Source(s3, bucket, key, eTag),
        writeItem: (item) => writeItem(documents, config.tableName, item),
        log: {
            info: (message, fields) => logger.info(message, fields),
            error: (message, fields) => logger.error(message, fields),
        },
        readOptions: config.readOptions,
        concurrency: config.concurrency,
    };
    return dependencies;
}

export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
    const response = await processBatch(event, indexerDependencies());
    logger.info("batch done", { records: event.Records.length, failures: response.batchItemFailures.length });
    return response;
}
