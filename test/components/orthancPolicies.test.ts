import * as assert from "assert";
import { ECR_PULL_ACTIONS, orthancExecutionPolicy } from "../../components/compute/orthancPolicies";

const SECRET = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:pacs/db-AbCdEf";
const KEY = "arn:aws:kms:eu-central-1:123456789012:key/data";
const LOG_GROUP = "arn:aws:logs:eu-central-1:123456789012:log-group:/ecs/pacs-orthanc";
const ORTHANC = "arn:aws:ecr:eu-central-1:123456789012:repository/pacs/orthancteam/orthanc";
const SIDECAR = "arn:aws:ecr:eu-central-1:123456789012:repository/pacs/orthancteam/orthanc-auth-service";

const BASE = [
    { Sid: "ReadInjectedSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [SECRET] },
    {
        Sid: "DecryptInjectedSecrets", Effect: "Allow", Action: ["kms:Decrypt"], Resource: [KEY],
        Condition: { StringEquals: { "kms:ViaService": "secretsmanager.eu-central-1.amazonaws.com" } },
    },
    { Sid: "WriteTaskLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${LOG_GROUP}:log-stream:*` },
];

function policy(repositoryArns: string[], pullThroughCache?: boolean): unknown {
    return orthancExecutionPolicy({ secretArns: [SECRET], secretKeyArns: [KEY, KEY], logGroupArn: LOG_GROUP, region: "eu-central-1", repositoryArns, pullThroughCache });
}

describe("orthancExecutionPolicy", () => {
    it("pulls from every repository of the task's containers: Orthanc's and the auth-service sidecar's", () => {
        assert.deepStrictEqual(policy([ORTHANC, SIDECAR]), {
            Version: "2012-10-17",
            Statement: [
                ...BASE,
                { Sid: "AuthenticateToEcr", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
                { Sid: "PullTaskImages", Effect: "Allow", Action: ECR_PULL_ACTIONS, Resource: [ORTHANC, SIDECAR] },
            ],
        });
        assert.deepStrictEqual(ECR_PULL_ACTIONS, ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]);
    });

    it("may import into those repositories through a pull-through cache, and names each repository once", () => {
        assert.deepStrictEqual(policy([ORTHANC, SIDECAR, ORTHANC], true), {
            Version: "2012-10-17",
            Statement: [
                ...BASE,
                { Sid: "AuthenticateToEcr", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
                { Sid: "PullTaskImages", Effect: "Allow", Action: ECR_PULL_ACTIONS, Resource: [ORTHANC, SIDECAR] },
                { Sid: "ImportThroughPullThroughCache", Effect: "Allow", Action: ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"], Resource: [ORTHANC, SIDECAR] },
            ],
        });
    });

    it("grants no ECR access when every image comes from its public registry", () => {
        assert.deepStrictEqual(policy([], true), { Version: "2012-10-17", Statement: BASE });
    });
});
