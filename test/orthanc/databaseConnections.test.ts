import * as assert from "assert";
import { estimatedMaxConnections, FALLBACK_MAX_CONNECTIONS, instanceClassMemoryGiB } from "../../components/data/databaseConnections";

describe("orthanc/databaseConnections", () => {
    it("knows the nominal memory of common RDS classes", () => {
        assert.deepStrictEqual(
            ["db.t4g.micro", "db.t3.medium", "db.t4g.large", "db.m7g.large", "db.m6i.2xlarge", "db.r6g.xlarge", "db.r7g.16xlarge", "db.x2g.large"]
                .map(instanceClassMemoryGiB),
            [1, 4, 8, 8, 32, 32, 512, 32]);
        assert.strictEqual(instanceClassMemoryGiB("db.serverless"), undefined);
    });

    it("estimates max_connections below RDS's default, capped at 5000, with a small fallback", () => {
        assert.strictEqual(estimatedMaxConnections("db.t4g.micro"), 84);
        assert.strictEqual(estimatedMaxConnections("db.t4g.medium"), 337);
        assert.strictEqual(estimatedMaxConnections("db.r7g.16xlarge"), 5000);
        assert.strictEqual(estimatedMaxConnections("db.serverless"), FALLBACK_MAX_CONNECTIONS);
    });
});
