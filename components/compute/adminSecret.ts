import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { ADMIN_PASSWORD_ARGS, ADMIN_USERNAME, adminSecretString } from "./adminCredentials";

export interface OrthancAdminSecretArgs {
    /** Start of the secret's name (`<namespace>-<stack>/orthanc-admin-`); AWS appends a unique suffix. */
    namePrefix: string;
    /** Customer-managed KMS key encrypting the secret (the data key). */
    dataKeyArn: pulumi.Input<string>;
    /**
     * Days a deleted secret stays recoverable.
     * @default 30
     */
    recoveryWindowInDays?: number;
}

/**
 * The Orthanc administrator: a generated password that can never read as JSON (see `ADMIN_PASSWORD_ARGS`), kept in
 * a CMK-encrypted Secrets Manager secret as `username`, `password` and the `registeredUsers` object the tasks load.
 */
export class OrthancAdminSecret extends pulumi.ComponentResource {
    readonly secretArn: pulumi.Output<string>;
    readonly secretName: pulumi.Output<string>;

    constructor(name: string, args: OrthancAdminSecretArgs, opts?: pulumi.ComponentResourceOptions) {
        super("orthanc-aws:compute:OrthancAdminSecret", name, {}, opts);
        const recoveryWindowInDays = args.recoveryWindowInDays ?? 30;

        const password = new random.RandomPassword(`${name}-password`, ADMIN_PASSWORD_ARGS, { parent: this });
        const secret = new aws.secretsmanager.Secret(`${name}-secret`, {
            namePrefix: args.namePrefix,
            description: "Orthanc administrator: username, password, and the RegisteredUsers JSON the tasks load",
            kmsKeyId: args.dataKeyArn,
            recoveryWindowInDays,
        }, { parent: this });
        new aws.secretsmanager.SecretVersion(`${name}-value`, {
            secretId: secret.id,
            secretString: pulumi.secret(password.result.apply((value) => adminSecretString(ADMIN_USERNAME, value))),
        }, { parent: this });

        this.secretArn = secret.arn;
        this.secretName = secret.name;
        this.registerOutputs({ secretArn: this.secretArn, secretName: this.secretName });
    }
}
