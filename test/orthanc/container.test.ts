import * as assert from "assert";
import { buildOrthancConfiguration } from "../../components/compute/orthancConfiguration";
import {
    assertNoCredentials, configurationPath, environmentVariableName, orthancContainerConfiguration, renderImageConfiguration,
} from "../../components/compute/orthancContainer";
import { stackConfigFixture } from "./fixtures";

const sources = {
    databaseSecretArn: "arn:aws:secretsmanager:eu-central-1:111122223333:secret:rds!db-1a2b-AbCdEf",
    adminSecretArn: "arn:aws:secretsmanager:eu-central-1:111122223333:secret:pacs-orthanc-admin-XyZ123",
};

const document = buildOrthancConfiguration(stackConfigFixture(), {
    databaseHost: "db.internal", databasePort: 5432, databaseName: "orthanc", databaseMaxConnections: 200,
    storageDirectory: "/var/lib/orthanc/db", httpPort: 8042, dicomPort: 4242,
});

describe("orthanc/container", () => {
    it("names variables the way the image does", () => {
        assert.strictEqual(environmentVariableName(["PostgreSQL", "Password"]), "ORTHANC__POSTGRESQL__PASSWORD");
        assert.strictEqual(environmentVariableName(["AwsS3Storage", "BucketName"]), "ORTHANC__AWS_S3_STORAGE__BUCKET_NAME");
        assert.strictEqual(environmentVariableName(["RegisteredUsers"]), "ORTHANC__REGISTERED_USERS");
        assert.deepStrictEqual(configurationPath("ORTHANC__AWS_S3_STORAGE__BUCKET_NAME"), ["AwsS3Storage", "BucketName"]);
        assert.deepStrictEqual(configurationPath("ORTHANC__POSTGRESQL__ENABLE_SSL"), ["PostgreSQL", "EnableSsl"]);
        assert.throws(() => configurationPath("PG_PASSWORD"), { message: "PG_PASSWORD is not an Orthanc configuration variable (prefix ORTHANC__)." });
    });

    it("passes the document as ORTHANC_JSON and every credential as a Secrets Manager JSON key", () => {
        const container = orthancContainerConfiguration(document, sources);
        assert.deepStrictEqual(container.environment, [{ name: "ORTHANC_JSON", value: JSON.stringify(document) }]);
        assert.deepStrictEqual(container.secrets, [
            { name: "ORTHANC__POSTGRESQL__USERNAME", valueFrom: `${sources.databaseSecretArn}:username::` },
            { name: "ORTHANC__POSTGRESQL__PASSWORD", valueFrom: `${sources.databaseSecretArn}:password::` },
            { name: "ORTHANC__REGISTERED_USERS", valueFrom: `${sources.adminSecretArn}:registeredUsers::` },
        ]);
    });

    it("merges document and resolved secrets into the configuration Orthanc starts with", () => {
        const container = orthancContainerConfiguration(document, sources);
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
        assert.throws(() => orthancContainerConfiguration({ ...document, RegisteredUsers: { admin: "x" } }, sources));
    });
});
