/**
 * The `outcome` field of the indexer's log lines. Kept apart (no SDK imports) because the Pulumi program counts
 * failed records from the logs with a filter on FAILED_OUTCOME (components/metadataPipelineSettings.ts).
 */

/** What an event did; `archived`: a removal left a current object that is archived and unreadable, its item kept. */
export type ChangeOutcome = "indexed" | "removed" | "stale" | "superseded" | "archived";

/** The outcome of a message the indexer could not process: it is returned to SQS for a retry. */
export const FAILED_OUTCOME = "failed";
