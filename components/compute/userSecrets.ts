import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { IdentityUser } from "../../config/types";
import { ADMIN_PASSWORD_ARGS, adminPasswordProblem } from "./adminCredentials";

/** A person's secret: `username`, `password` (drawn like the admin's, so it never parses as JSON) and `role`. */
export function userSecretString(user: IdentityUser, password: string): string {
    const problem = adminPasswordProblem(password);
    if (problem !== undefined) throw new Error(`The Orthanc password of ${user.name} is unusable: ${problem}.`);
    return JSON.stringify({ username: user.name, password, role: user.role });
}

export interface OrthancUserSecretsArgs {
    /** `<namespace>-<stack>/orthanc-user-`: each person's secret is `<prefix><name>-` plus AWS's suffix. */
    namePrefix: string;
    users: IdentityUser[];
    /** Customer-managed KMS key encrypting the secrets (the data key). */
    dataKeyArn: pulumi.Input<string>;
    /** Days a deleted secret stays recoverable. @default 30 */
    recoveryWindowInDays?: number;
}

/**
 * Basic mode: one generated password per person, each in its own CMK-encrypted secret, named after the person (so
 * adding or removing someone touches nobody else's). Resetting a password = rotating that one secret.
 */
export class OrthancUserSecrets extends pulumi.ComponentResource {
    /** Login → ARN of that person's secret. */
    readonly secretArns: pulumi.Output<Record<string, string>>;
    /** Login → name of that person's secret (what an administrator reads to hand the password over). */
    readonly secretNames: pulumi.Output<Record<string, string>>;

    constructor(name: string, args: OrthancUserSecretsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("orthanc-aws:compute:OrthancUserSecrets", name, {}, opts);
        const recoveryWindowInDays = args.recoveryWindowInDays ?? 30;
        const arns = args.users.map((user) => {
            const password = new random.RandomPassword(`${name}-${user.name}-password`, ADMIN_PASSWORD_ARGS, { parent: this });
            const secret = new aws.secretsmanager.Secret(`${name}-${user.name}`, {
                namePrefix: `${args.namePrefix}${user.name}-`,
                description: `Orthanc account of ${user.name} (role ${user.role}): username, password`,
                kmsKeyId: args.dataKeyArn,
                recoveryWindowInDays,
            }, { parent: this });
            new aws.secretsmanager.SecretVersion(`${name}-${user.name}-value`, {
                secretId: secret.id,
                secretString: pulumi.secret(password.result.apply((value) => userSecretString(user, value))),
            }, { parent: this });
            return pulumi.all([secret.arn, secret.name]).apply(([arn, secretName]) => ({ user: user.name, arn, secretName }));
        });
        this.secretArns = pulumi.all(arns).apply((entries) => Object.fromEntries(entries.map((entry) => [entry.user, entry.arn])));
        this.secretNames = pulumi.all(arns).apply((entries) => Object.fromEntries(entries.map((entry) => [entry.user, entry.secretName])));
        this.registerOutputs({ secretArns: this.secretArns, secretNames: this.secretNames });
    }
}
