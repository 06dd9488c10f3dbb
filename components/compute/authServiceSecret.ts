import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { AUTH_SERVICE_WEB_USER } from "../identity";
import { ADMIN_PASSWORD_ARGS, adminPasswordProblem } from "./adminCredentials";

/**
 * The token-signing key: 64 letters and digits (orthanc_token_service.py signs HS256 JWTs with it; 64 characters
 * give HS256 its full 256-bit strength many times over).
 */
export const AUTH_SERVICE_SECRET_KEY_ARGS = { length: 64, special: false, upper: true, lower: true, numeric: true } as const;

/**
 * The auth service's secret: `secretKey` (its `SECRET_KEY`), the plugin's login towards it (`webServiceUsername`,
 * `webServicePassword`: Orthanc's `Authorization.WebService*`), and `users`, the service's `USERS` map as JSON text
 * (app.py `json.loads(USERS)`), which holds that one login.
 */
export function authServiceSecretString(secretKey: string, webServicePassword: string): string {
    const problem = adminPasswordProblem(webServicePassword);
    if (problem !== undefined) throw new Error(`The auth service's web-service password is unusable: ${problem}.`);
    if (!/^[A-Za-z0-9]{32,}$/.test(secretKey)) throw new Error("The auth service's secret key must be at least 32 letters and digits.");
    return JSON.stringify({
        secretKey,
        webServiceUsername: AUTH_SERVICE_WEB_USER,
        webServicePassword,
        users: JSON.stringify({ [AUTH_SERVICE_WEB_USER]: webServicePassword }),
    });
}

export interface AuthServiceSecretArgs {
    /** `<namespace>-<stack>/orthanc-auth-service-`; AWS appends a unique suffix. */
    namePrefix: string;
    dataKeyArn: pulumi.Input<string>;
    /** @default 30 */
    recoveryWindowInDays?: number;
}

/** The auth-service sidecar's generated secrets, CMK-encrypted, read by the Orthanc task only as ECS secrets. */
export class AuthServiceSecret extends pulumi.ComponentResource {
    readonly secretArn: pulumi.Output<string>;

    constructor(name: string, args: AuthServiceSecretArgs, opts?: pulumi.ComponentResourceOptions) {
        super("orthanc-aws:compute:AuthServiceSecret", name, {}, opts);
        const secretKey = new random.RandomPassword(`${name}-key`, AUTH_SERVICE_SECRET_KEY_ARGS, { parent: this });
        const password = new random.RandomPassword(`${name}-password`, ADMIN_PASSWORD_ARGS, { parent: this });
        const secret = new aws.secretsmanager.Secret(`${name}-secret`, {
            namePrefix: args.namePrefix,
            description: "orthanc-auth-service: token signing key and the authorization plugin's login",
            kmsKeyId: args.dataKeyArn,
            recoveryWindowInDays: args.recoveryWindowInDays ?? 30,
        }, { parent: this });
        new aws.secretsmanager.SecretVersion(`${name}-value`, {
            secretId: secret.id,
            secretString: pulumi.secret(pulumi.all([secretKey.result, password.result]).apply(([key, value]) => authServiceSecretString(key, value))),
        }, { parent: this });
        this.secretArn = secret.arn;
        this.registerOutputs({ secretArn: this.secretArn });
    }
}
