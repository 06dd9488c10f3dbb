import * as assert from "assert";
import { buildOrthancConfiguration } from "../../components/compute/orthancConfiguration";
import {
    assertNoCredentials, configurationPath, environmentVariableName, imageValue, orthancContainerConfiguration, renderImageConfiguration,
} from "../../components/compute/orthancContainer";
import { READ_ONLY_ROUTES, restFilterScript } from "../../components/compute/containerFiles";
import { auditFindFilterScript, auditScript } from "../../components/compute/orthancAudit";
import { stackConfigFixture } from "./fixtures";

const ALICE_SECRET = "arn:aws:secretsmanager:eu-central-1:111122223333:secret:pacs-test/orthanc-user-alice-AbC123";
const ADMIN_SECRET = "arn:aws:secretsmanager:eu-central-1:111122223333:secret:pacs-orthanc-admin-XyZ123";
/** The fixture's identity: basic mode with alice (admin), and the break-glass admin. */
const sources = {
    databaseSecretArn: "arn:aws:secretsmanager:eu-central-1:111122223333:secret:rds!db-1a2b-AbCdEf",
    accounts: [{ name: "alice", role: "admin" as const, secretArn: ALICE_SECRET }, { name: "admin", role: "admin" as const, secretArn: ADMIN_SECRET }],
};

const document = buildOrthancConfiguration(stackConfigFixture(), {
    databaseHost: "db.internal", databasePort: 5432, databaseName: "orthanc", databaseMaxConnections: 200,
    storageDirectory: "/var/lib/orthanc/db", httpPort: 8042, dicomPort: 4242, publicHostName: "pacs.example.org", filesDirectory: "/tmp/orthanc-aws",
});
const settings = { viewers: stackConfigFixture().viewers, dicomNetwork: stackConfigFixture().dicomNetwork, identity: stackConfigFixture().identity };

describe("orthanc/container", () => {
    it("names variables the way the image does", () => {
        assert.strictEqual(environmentVariableName(["PostgreSQL", "Password"]), "ORTHANC__POSTGRESQL__PASSWORD");
        assert.strictEqual(environmentVariableName(["AwsS3Storage", "BucketName"]), "ORTHANC__AWS_S3_STORAGE__BUCKET_NAME");
        assert.strictEqual(environmentVariableName(["RegisteredUsers"]), "ORTHANC__REGISTERED_USERS");
        assert.deepStrictEqual(configurationPath("ORTHANC__AWS_S3_STORAGE__BUCKET_NAME"), ["AwsS3Storage", "BucketName"]);
        assert.deepStrictEqual(configurationPath("ORTHANC__POSTGRESQL__ENABLE_SSL"), ["PostgreSQL", "EnableSsl"]);
        assert.throws(() => configurationPath("PG_PASSWORD"), { message: "PG_PASSWORD is not an Orthanc configuration variable (prefix ORTHANC__)." });
    });

    it("passes the document as ORTHANC_JSON, the viewers' switches, the REST filter, and every credential as a Secrets Manager JSON key", () => {
        const container = orthancContainerConfiguration(document, sources, settings);
        assert.deepStrictEqual(container.environment, [
            { name: "ORTHANC_JSON", value: JSON.stringify(document) },
            { name: "STONE_WEB_VIEWER_PLUGIN_ENABLED", value: "true" },
            { name: "OHIF_PLUGIN_ENABLED", value: "true" },
            { name: "ORTHANC_AWS_FILE_REST_FILTER", value: restFilterScript(READ_ONLY_ROUTES, { alice: "admin", admin: "admin" }) },
            { name: "ORTHANC_AWS_FILE_AUDIT_SCRIPT", value: auditScript() },
            { name: "ORTHANC_AWS_FILE_AUDIT_FIND_FILTER", value: auditFindFilterScript() },
        ]);
        assert.deepStrictEqual(container.files, [{ name: "REST_FILTER", fileName: "rest-filter.lua" },
            { name: "AUDIT_SCRIPT", fileName: "audit.py" }, { name: "AUDIT_FIND_FILTER", fileName: "audit-find.lua" }]);
        assert.deepStrictEqual(container.secrets, [
            { name: "ORTHANC__POSTGRESQL__USERNAME", valueFrom: `${sources.databaseSecretArn}:username::` },
            { name: "ORTHANC__POSTGRESQL__PASSWORD", valueFrom: `${sources.databaseSecretArn}:password::` },
            { name: "ORTHANC_AWS_PASSWORD_0", valueFrom: `${ALICE_SECRET}:password::` },
            { name: "ORTHANC_AWS_PASSWORD_1", valueFrom: `${ADMIN_SECRET}:password::` },
        ]);
        // The start-up script assembles RegisteredUsers from these (containerFiles.ts; run for real in containerFiles.test.ts).
        assert.deepStrictEqual(container.users, [{ name: "alice", variable: "ORTHANC_AWS_PASSWORD_0" }, { name: "admin", variable: "ORTHANC_AWS_PASSWORD_1" }]);
    });

    it("merges document and resolved secrets into the configuration Orthanc starts with", () => {
        const container = orthancContainerConfiguration(document, sources, settings);
        const rendered = renderImageConfiguration([
            ...container.environment,
            { name: "ORTHANC__POSTGRESQL__USERNAME", value: "orthanc" },
            { name: "ORTHANC__POSTGRESQL__PASSWORD", value: "Pw-1x" },
            { name: "ORTHANC__REGISTERED_USERS", value: "{\"admin\":\"Ab1-Cd2\"}" },
            { name: "PATH", value: "/usr/bin" },
        ]);
        assert.deepStrictEqual(rendered, {
            ...document,
            PostgreSQL: { ...(document.PostgreSQL as object), Username: "orthanc", Password: "Pw-1x" },
            RegisteredUsers: { admin: "Ab1-Cd2" },
        });
    });

    it("refuses a document that carries credentials, naming them", () => {
        assert.throws(() => assertNoCredentials({ PostgreSQL: { Password: "x" }, RegisteredUsers: {}, AwsS3Storage: { SecretKey: "k" } }), {
            message: "The Orthanc configuration document must not hold credentials (PostgreSQL.Password, RegisteredUsers, " +
                "AwsS3Storage.SecretKey): pass them as ECS secrets.",
        });
        assert.throws(() => orthancContainerConfiguration({ ...document, RegisteredUsers: { admin: "x" } }, sources, settings));
    });

    it("reads the hand-spelled sections at the first level only, as the image does", () => {
        assert.deepStrictEqual(configurationPath("ORTHANC__POSTGRESQL"), ["PostgreSQL"]);
        assert.deepStrictEqual(configurationPath("ORTHANC__DICOM_WEB__POSTGRESQL"), ["DicomWeb", "Postgresql"]);
        for (const path of [["PostgreSQL", "Password"], ["RegisteredUsers"], ["HttpsCACertificates"], ["AwsS3Storage", "SecretKey"]]) {
            assert.deepStrictEqual(configurationPath(environmentVariableName(path)), path);
        }
    });

    it("reads values as Python's json.loads does, NaN and Infinity included", () => {
        assert.deepStrictEqual([imageValue("123456"), imageValue("true"), imageValue("Pw-1"), imageValue("NaN"), imageValue("-Infinity")],
            [123456, true, "Pw-1", Number.NaN, Number.NEGATIVE_INFINITY]);
    });

    it("gives the same configuration in any variable order, since no two variables may set one key", () => {
        const variables = [
            { name: "ORTHANC_JSON", value: JSON.stringify({ DicomAet: "PACS", PostgreSQL: { Host: "db" } }) },
            { name: "ORTHANC__POSTGRESQL", value: "{\"Username\":\"orthanc\"}" },
            { name: "ORTHANC__POSTGRESQL__PASSWORD", value: "Pw-1x" },
        ];
        const expected = { DicomAet: "PACS", PostgreSQL: { Host: "db", Username: "orthanc", Password: "Pw-1x" } };
        for (const order of [[0, 1, 2], [2, 1, 0], [1, 2, 0]]) {
            assert.deepStrictEqual(renderImageConfiguration(order.map((index) => variables[index])), expected);
        }
    });

    it("refuses two variables that set the same key, or a key and a key inside it, naming both", () => {
        const json = { name: "ORTHANC_JSON", value: JSON.stringify({ DicomAet: "PACS", PostgreSQL: { Host: "db" } }) };
        const order = "the image applies its variables in an order ECS does not fix, so the result would be undefined.";
        assert.throws(() => renderImageConfiguration([json, { name: "ORTHANC__DICOM_AET", value: "OTHER" }]),
            { message: `ORTHANC__DICOM_AET and ORTHANC_JSON both set DicomAet: ${order}` });
        assert.throws(() => renderImageConfiguration([{ name: "ORTHANC__POSTGRESQL", value: "\"off\"" }, json]),
            { message: `ORTHANC_JSON and ORTHANC__POSTGRESQL both set PostgreSQL and PostgreSQL.Host: ${order}` });
        assert.throws(() => renderImageConfiguration([json, { name: "ORTHANC__POSTGRESQL", value: "{\"Host\":\"other\"}" }]),
            { message: `ORTHANC__POSTGRESQL and ORTHANC_JSON both set PostgreSQL.Host: ${order}` });
    });

    it("refuses an ORTHANC__ variable ending in _SECRET: the image reads it as a secret file's name", () => {
        assert.throws(() => renderImageConfiguration([{ name: "ORTHANC__AWS_S3_STORAGE__SECRET", value: "x" }]), {
            message: "ORTHANC__AWS_S3_STORAGE__SECRET ends in _SECRET: the image reads it as a secret file's name, never as a setting.",
        });
    });
});
