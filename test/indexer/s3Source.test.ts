/** s3Source against an HTTP server answering as S3 does for an archived object (s3rver has no storage classes). */
import * as assert from "node:assert/strict";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { S3Client } from "@aws-sdk/client-s3";
import { ObjectArchivedError, s3Source } from "../../components/pipeline/indexer/s3Source";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "./localServers";

/** S3's answer to GetObject on an unrestored Deep Archive object (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html). */
const INVALID_OBJECT_STATE = `<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>InvalidObjectState</Code><Message>The operation is not valid for the object's storage class</Message><StorageClass>DEEP_ARCHIVE</StorageClass><RequestId>R</RequestId><HostId>H</HostId></Error>`;

const ACCESS_DENIED = `<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>R</RequestId><HostId>H</HostId></Error>`;

describe("dicom-indexer S3 source", () => {
    let server: http.Server;
    let client: S3Client;

    before(async () => {
        server = http.createServer((request, response) => {
            response.writeHead(403, { "Content-Type": "application/xml", "x-amz-request-id": "R" });
            response.end(request.url?.includes("denied") ? ACCESS_DENIED : INVALID_OBJECT_STATE);
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        client = new S3Client({ endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, forcePathStyle: true,
            region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
    });

    after(async () => {
        client?.destroy();
        await new Promise((resolve) => server.close(resolve));
    });

    it("tells an archived object (403 InvalidObjectState) from a denied read", async () => {
        await assert.rejects(s3Source(client, "images", "a.dcm").read(0, 100), (error: Error) => {
            assert.ok(error instanceof ObjectArchivedError);
            assert.equal(error.message, "the object is in DEEP_ARCHIVE and not restored");
            return true;
        });
        await assert.rejects(s3Source(client, "images", "denied.dcm").read(0, 100), (error: Error) => {
            assert.deepEqual([error instanceof ObjectArchivedError, error.name], [false, "AccessDenied"]);
            return true;
        });
    });
});
