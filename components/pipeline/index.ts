/** Pipeline: S3 events → SQS → the DICOM indexer Lambda → DynamoDB, and the indexer's bundle. */
export { MetadataPipeline } from "./metadataPipeline";
export type { MetadataPipelineArgs } from "./metadataPipeline";
export { buildIndexerBundle } from "./indexerBundle";
// The indexer's header reader and item mapping, for `npm run dicom:inspect` and the indexer benchmark.
export { fileSize, fileSource } from "./indexer/fileSource";
export { readHeader } from "./indexer/headerReader";
export { buildItem } from "./indexer/item";
