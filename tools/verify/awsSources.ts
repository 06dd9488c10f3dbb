/** Where `verify` gets what the stack outputs do not hold, when run against a real deployment: AWS itself. */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { OrthancCredentials } from "./orthancClient";
import { TestInstance } from "./testInstance";

/** The secret's `username` and `password` (see components/compute/adminCredentials.ts); the values never leave memory. */
export async function secretCredentials(region: string, secretName: string): Promise<OrthancCredentials> {
    const client = new SecretsManagerClient({ region });
    const answer = await client.send(new GetSecretValueCommand({ SecretId: secretName }));
    const document = JSON.parse(answer.SecretString ?? "{}") as Partial<OrthancCredentials>;
    if (typeof document.username !== "string" || typeof document.password !== "string") {
        throw new Error(`secret ${secretName} holds no username and password`);
    }
    return { username: document.username, password: document.password };
}

/**
 * A live item for the instance in the pipeline's `bySeries` index (see components/pipeline/metadataPipelineSettings.ts).
 * The index is sparse: a removal's tombstone carries no lifted attributes, so only live items are in it.
 */
export function pipelineItemLookup(dynamo: DynamoDBClient): (tableName: string, instance: TestInstance) => Promise<boolean> {
    const client = DynamoDBDocumentClient.from(dynamo);
    return async (tableName, instance) => {
        const answer = await client.send(new QueryCommand({
            TableName: tableName,
            IndexName: "bySeries",
            KeyConditionExpression: "SeriesInstanceUID = :series AND SOPInstanceUID = :instance",
            ExpressionAttributeValues: { ":series": instance.seriesInstanceUid, ":instance": instance.sopInstanceUid },
        }));
        return (answer.Items ?? []).length > 0;
    };
}
