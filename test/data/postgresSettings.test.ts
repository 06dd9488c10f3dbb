import * as assert from "node:assert/strict";
import {
    finalSnapshotIdentifier, POSTGRES_PARAMETERS, postgresParameterGroupFamily, rdsInstanceIdentifier,
    rdsLogGroupName,
} from "../../components/data/postgresSettings";

describe("postgresSettings", () => {
    it("derives the parameter group family from the major version", () => {
        assert.equal(postgresParameterGroupFamily("16"), "postgres16");
        assert.equal(postgresParameterGroupFamily("17"), "postgres17");
    });

    it("rejects versions without a family here, naming the setting and the choices", () => {
        assert.throws(() => postgresParameterGroupFamily("17.2"), {
            message: 'database.engineVersion "17.2" is not a supported PostgreSQL major version; use one of 16, 17.',
        });
        assert.throws(() => postgresParameterGroupFamily("12"), /database\.engineVersion "12"/);
    });

    it("forces TLS and never logs statement text", () => {
        const parameters = Object.fromEntries(POSTGRES_PARAMETERS.map((p) => [p.name, p.value]));
        assert.deepEqual(parameters, {
            "rds.force_ssl": "1",
            "ssl_min_protocol_version": "TLSv1.2",
            "log_connections": "1",
            "log_disconnections": "1",
            "log_statement": "none",
            "log_min_duration_statement": "-1",
            "log_min_error_statement": "panic",
            "log_error_verbosity": "terse",
        });
    });

    it("names the instance, its log groups and its final snapshot", () => {
        assert.equal(rdsInstanceIdentifier("Orthanc-Prod-database"), "orthanc-prod-database");
        assert.equal(rdsLogGroupName("orthanc-prod-database", "postgresql"),
            "/aws/rds/instance/orthanc-prod-database/postgresql");
        assert.equal(finalSnapshotIdentifier("orthanc-prod-database", "0f3a9c21"), "orthanc-prod-database-final-0f3a9c21");
    });

    it("refuses a final-snapshot suffix that is not a RandomId's hex", () => {
        for (const bad of ["", "0F3A", "-x_Y", "0f3a-"]) {
            assert.throws(() => finalSnapshotIdentifier("orthanc-prod-database", bad),
                { message: `Final snapshot suffix "${bad}" must be lowercase hex (a RandomId's hex output).` });
        }
    });

    it("rejects names RDS refuses as identifiers", () => {
        for (const bad of ["1orthanc", "orthanc--db", "orthanc-", "orthanc_db", "a".repeat(64)]) {
            assert.throws(() => rdsInstanceIdentifier(bad), new RegExp(`Database name "${bad}" cannot be an RDS`));
        }
    });
});
