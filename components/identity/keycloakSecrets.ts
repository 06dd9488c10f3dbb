import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { AUTH_SERVICE_CLIENT_ID } from "./keycloakRealm";

/** Keycloak's database login role (also its database's name, see keycloakDatabase.ts). */
export const KEYCLOAK_DATABASE_ROLE = "keycloak";
/** The master-realm administrator Keycloak creates at its first start (Keycloak 26 `KC_BOOTSTRAP_ADMIN_*`). */
export const BOOTSTRAP_ADMIN_USERNAME = "bootstrap-admin";

/**
 * Letters and digits only: these values pass through JDBC, psql's quoting and Keycloak's placeholder replacement,
 * and none needs a character any of them would treat specially. 40+ characters of 62 symbols: over 230 bits.
 */
const PLAIN_SECRET = { length: 40, special: false, upper: true, lower: true, numeric: true, minUpper: 2, minLower: 2, minNumeric: 2 } satisfies random.RandomPasswordArgs;
/** A person types this one (once, then disables the account): the admin secret's alphabet (components/compute/adminCredentials.ts). */
const ADMIN_PASSWORD = { ...PLAIN_SECRET, length: 32, special: true, overrideSpecial: "-_.~", minSpecial: 1 } satisfies random.RandomPasswordArgs;

export interface KeycloakSecretsArgs {
    /** `<namespace>-<stack>`: the secrets are `<prefix>/keycloak-<what>-<suffix>`. */
    namePrefix: string;
    dataKeyArn: pulumi.Input<string>;
    /** Days a deleted secret stays recoverable. @default 30 */
    recoveryWindowInDays?: number;
}

/**
 * Keycloak's generated secrets in Secrets Manager, encrypted with the data key: its database login, the bootstrap
 * administrator, and the client secret of `orthanc-auth-service` (read by Keycloak at the realm's import and by the
 * auth service). Created before the Orthanc service and Keycloak, which both read them.
 */
export class KeycloakSecrets extends pulumi.ComponentResource {
    /** JSON `username`, `password`. */
    readonly databaseSecretArn: pulumi.Output<string>;
    /** JSON `username`, `password`. */
    readonly bootstrapAdminSecretArn: pulumi.Output<string>;
    readonly bootstrapAdminSecretName: pulumi.Output<string>;
    /** JSON `clientId`, `clientSecret`. */
    readonly authServiceClientSecretArn: pulumi.Output<string>;
    /** The secrets' values: tasks must not start before them. */
    readonly versions: pulumi.Resource[];

    constructor(name: string, args: KeycloakSecretsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("orthanc-aws:identity:KeycloakSecrets", name, {}, opts);
        const recoveryWindowInDays = args.recoveryWindowInDays ?? 30;
        const versions: pulumi.Resource[] = [];
        const secret = (what: string, description: string, value: pulumi.Output<string>): aws.secretsmanager.Secret => {
            const created = new aws.secretsmanager.Secret(`${name}-${what}`, {
                namePrefix: `${args.namePrefix}/keycloak-${what}-`, description, kmsKeyId: args.dataKeyArn, recoveryWindowInDays,
            }, { parent: this });
            versions.push(new aws.secretsmanager.SecretVersion(`${name}-${what}-value`, { secretId: created.id, secretString: pulumi.secret(value) }, { parent: this }));
            return created;
        };

        const databasePassword = new random.RandomPassword(`${name}-database-password`, PLAIN_SECRET, { parent: this });
        const database = secret("database", "Keycloak's PostgreSQL login (its own role and database on the stack's RDS instance)",
            databasePassword.result.apply((password) => JSON.stringify({ username: KEYCLOAK_DATABASE_ROLE, password })));
        const adminPassword = new random.RandomPassword(`${name}-admin-password`, ADMIN_PASSWORD, { parent: this });
        const admin = secret("admin", "Keycloak bootstrap administrator (master realm): sign in once, create a real administrator, disable this one",
            adminPassword.result.apply((password) => JSON.stringify({ username: BOOTSTRAP_ADMIN_USERNAME, password })));
        const clientSecret = new random.RandomPassword(`${name}-client-secret`, { ...PLAIN_SECRET, length: 48 }, { parent: this });
        const client = secret("auth-service", "Client secret of orthanc-auth-service in Keycloak's orthanc realm",
            clientSecret.result.apply((value) => JSON.stringify({ clientId: AUTH_SERVICE_CLIENT_ID, clientSecret: value })));

        this.databaseSecretArn = database.arn;
        this.bootstrapAdminSecretArn = admin.arn;
        this.bootstrapAdminSecretName = admin.name;
        this.authServiceClientSecretArn = client.arn;
        this.versions = versions;
        this.registerOutputs({
            databaseSecretArn: this.databaseSecretArn, bootstrapAdminSecretArn: this.bootstrapAdminSecretArn,
            authServiceClientSecretArn: this.authServiceClientSecretArn,
        });
    }
}
