import * as assert from "assert";
import { DEFAULT_SENSITIVE_NAME_PATTERN, normalizeVariableName, plaintextSecretVariables } from "../../policy-pack/lib/secretVariables";

const MARKER = "[secret]";

function flagged(variables: Record<string, unknown>): string[] {
    return plaintextSecretVariables(variables, DEFAULT_SENSITIVE_NAME_PATTERN, MARKER);
}

describe("plaintext secret variables", () => {
    it("normalises camelCase, acronyms and separators into upper-case words", () => {
        assert.strictEqual(normalizeVariableName("dbPassword"), "DB_PASSWORD");
        assert.strictEqual(normalizeVariableName("DBPassword"), "DB_PASSWORD");
        assert.strictEqual(normalizeVariableName("ORTHANC__POSTGRESQL__PASSWORD"), "ORTHANC_POSTGRESQL_PASSWORD");
        assert.strictEqual(normalizeVariableName("smtp.auth-token"), "SMTP_AUTH_TOKEN");
    });

    it("finds sensitive words anywhere in the name, in any case", () => {
        const names = ["PGPASSWORD", "dbPassword", "MYSQL_PWD", "clientSecret", "githubToken", "stripeApiKey", "DB_PASS",
            "AWS_SECRET_ACCESS_KEY", "GOOGLE_CREDENTIALS", "sshPrivateKey", "mysqlpasswd"];
        const variables = Object.fromEntries(names.map(name => [name, "hunter2"]));
        assert.deepStrictEqual(flagged(variables), [...names].sort());
    });

    it("flags a password in a URL's user info whatever the name, not a URL without one", () => {
        assert.deepStrictEqual(flagged({
            DATABASE_URL: "postgres://u:pw@db/x", REDIS: "rediss://:p%40ss@cache:6379", DSN: "mysql://orthanc@db:3306/orthanc",
            HOMEPAGE: "https://example.org/a:b@c", API: "https://user@host/",
        }), ["DATABASE_URL", "REDIS"]);
    });

    it("accepts only real Secrets Manager, SSM and KMS ARNs as references", () => {
        assert.deepStrictEqual(flagged({
            DB_PASSWORD_SECRET: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:orthanc-db-AbCdEf:password::",
            API_TOKEN_PARAMETER: "arn:aws-us-gov:ssm:us-gov-west-1:123456789012:parameter/orthanc/token",
            SECRET_KEY: "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            DB_PASSWORD: "arn:hunter2",
            TOKEN: "arn:aws:s3:::bucket/token",
            PASSWORD: "arn:aws:secretsmanager:eu-west-1:notanaccount:secret:x",
        }), ["DB_PASSWORD", "PASSWORD", "TOKEN"]);
    });

    it("passes settings about a credential when the value has the setting's shape, and only then", () => {
        assert.deepStrictEqual(flagged({
            PASSWORD_MIN_LENGTH: "12", tokenTtl: "3600", SESSION_TOKEN_TIMEOUT: "30m", PASSWORD_REQUIRED: "true",
            POSTGRES_PASSWORD_FILE: "/run/secrets/db", TOKEN_URL: "https://auth.example.org/oauth2/token", ENABLE_KEYCLOAK_API_KEYS: "true",
        }), []);
        assert.deepStrictEqual(flagged({
            PASSWORD_MIN_LENGTH: "hunter2", PASSWORD_REQUIRED: "hunter2", POSTGRES_PASSWORD_FILE: "hunter2", TOKEN_URL: "hunter2", ENABLE_API_KEY: "hunter2",
        }), ["ENABLE_API_KEY", "PASSWORD_MIN_LENGTH", "PASSWORD_REQUIRED", "POSTGRES_PASSWORD_FILE", "TOKEN_URL"]);
    });

    it("leaves ordinary names alone: the shell's PWD, PASS inside another word, unrelated settings", () => {
        assert.deepStrictEqual(flagged({
            PWD: "/app", OLDPWD: "/", PASSPORT_OFFICE: "x", BYPASS_CACHE: "true", COMPASS_HEADING: "N", TABLE_NAME: "index",
            ORTHANC__NAME: "orthanc", AWS_REGION: "eu-west-1",
        }), []);
    });

    it("flags a value the program marked secret and credential-shaped values under any name", () => {
        assert.deepStrictEqual(flagged({ A: MARKER, B: "AKIAABCDEFGHIJKLMNOP", C: "-----BEGIN RSA PRIVATE KEY-----\nMII" }), ["A", "B", "C"]);
    });
});
