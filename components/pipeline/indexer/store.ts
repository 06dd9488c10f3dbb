/** Writing items so that, per key, the event with the highest sequencer wins whatever the delivery order. */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand, PutCommandInput } from "@aws-sdk/lib-dynamodb";
import { IndexItem } from "./item";

export type WriteOutcome = "written" | "stale";

/**
 * A put that succeeds when the table has no item for the key or the stored item's sequencer is not newer: a
 * duplicate event rewrites the same item, an older event arriving late loses, and a tombstone keeps its place.
 */
export function conditionalPut(tableName: string, item: IndexItem): PutCommandInput {
    if (typeof item.sequencer !== "string") throw new Error("an item without a sequencer cannot be written");
    return {
        TableName: tableName,
        Item: item,
        ConditionExpression: "attribute_not_exists(pk) OR sequencer <= :sequencer",
        ExpressionAttributeValues: { ":sequencer": item.sequencer },
    };
}

export async function writeItem(client: DynamoDBDocumentClient, tableName: string, item: IndexItem): Promise<WriteOutcome> {
    try {
        await client.send(new PutCommand(conditionalPut(tableName, item)));
        return "written";
    } catch (error) {
        if (error instanceof ConditionalCheckFailedException || (error as Error).name === "ConditionalCheckFailedException") return "stale";
        throw error;
    }
}
