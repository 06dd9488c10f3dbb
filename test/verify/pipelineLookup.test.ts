/** verify's pipeline check against DynamoDB Local, on a table with the infrastructure's own key schema and indexes. */
import * as assert from "assert";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { pipelineItemLookup } from "../../tools/verify/awsSources";
import { TestInstance, uuidUid } from "../../tools/verify/testInstance";
import { createIndexTable, LOCAL_CREDENTIALS, LOCAL_REGION, LocalDynamo, startDynamo } from "../indexer/localServers";

describe("verify: the pipeline's item in DynamoDB (DynamoDB Local)", function () {
    this.timeout(120_000);
    const table = "verify-headers";
    let dynamo: LocalDynamo | undefined;
    let client: DynamoDBClient;

    before(async () => {
        dynamo = await startDynamo();
        await createIndexTable(dynamo.endpoint, table);
        client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    });
    after(async () => {
        client?.destroy();
        await dynamo?.stop();
    });

    const instance = (): TestInstance => ({
        studyInstanceUid: uuidUid(), seriesInstanceUid: uuidUid(), sopInstanceUid: uuidUid(), patientId: "VERIFY-00000000", bytes: Buffer.alloc(0),
    });
    /** The item the indexer writes for an object (docs/metadata-pipeline.md): live, or a removal's tombstone `{pk, deleted}`. */
    async function put(of: TestInstance, key: string, deleted: boolean): Promise<void> {
        const item = deleted ? { pk: key, deleted }
            : { pk: key, deleted, StudyInstanceUID: of.studyInstanceUid, SeriesInstanceUID: of.seriesInstanceUid, SOPInstanceUID: of.sopInstanceUid, PatientID: of.patientId };
        await DynamoDBDocumentClient.from(client).send(new PutCommand({ TableName: table, Item: item }));
    }

    it("finds a live item of the instance through the bySeries index, and nothing for another instance or a tombstone", async () => {
        const lookup = pipelineItemLookup(client);
        const stored = instance();
        assert.strictEqual(await lookup(table, stored), false, "not indexed yet");
        await put(stored, `${uuidUid()}.dcm`, false);
        assert.strictEqual(await lookup(table, stored), true);
        assert.strictEqual(await lookup(table, instance()), false);
        const removed = instance();
        const key = `${uuidUid()}.dcm`;
        await put(removed, key, false);
        await put(removed, key, true);
        assert.strictEqual(await lookup(table, removed), false, "a tombstone replaced the item: the instance is gone");
    });
});
