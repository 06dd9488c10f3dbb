/**
 * What the offline mocks answer: deterministic IDs, ARNs and the outputs AWS would return for each resource type
 * the program uses, and realistic results for the invokes it makes. Values depend only on the type and name, so
 * two runs give the same plan.
 */
import { createHash } from "crypto";
import { physicalName } from "./physicalNames";

export const MOCK_ACCOUNT_ID = "123456789012";

type State = Record<string, unknown>;

export interface MockContext {
    region: string;
}

/** Every hex string the mocks made up, so that a report can tell invented values from configured ones. */
const inventedTokens = new Set<string>();

/** A short stable hex string derived from the inputs given (names, types). */
export function stableHex(length: number, ...parts: string[]): string {
    const hex = createHash("sha256").update(parts.join("/")).digest("hex").slice(0, length);
    if (length >= 6) inventedTokens.add(hex);
    return hex;
}

/** True for a value the mocks invented (it holds the mock account or a made-up ID): a placeholder, not what AWS will say. */
export function isPlaceholder(value: string): boolean {
    return value.includes(MOCK_ACCOUNT_ID) || [...inventedTokens].some((token) => value.includes(token));
}

function arn(context: MockContext, service: string, resource: string, regional = true): string {
    return `arn:aws:${service}:${regional ? context.region : ""}:${service === "s3" ? "" : MOCK_ACCOUNT_ID}:${resource}`;
}

/** `physical` is the resource's physical name as the provider computes it (tools/offline/physicalNames.ts). */
type OutputsOf = (name: string, inputs: State, context: MockContext, physical: string) => State;

/** Outputs per resource type, beyond the inputs echoed back. */
const OUTPUTS: Record<string, OutputsOf> = {
    "aws:kms/key:Key": (name, _inputs, context) => {
        const keyId = uuid(name);
        return { keyId, arn: arn(context, "kms", `key/${keyId}`) };
    },
    "aws:s3/bucket:Bucket": (_name, _inputs, context, bucket) => ({ bucket, arn: `arn:aws:s3:::${bucket}`, bucketDomainName: `${bucket}.s3.amazonaws.com`,
        bucketRegionalDomainName: `${bucket}.s3.${context.region}.amazonaws.com` }),
    "aws:cloudwatch/logGroup:LogGroup": (_name, _inputs, context, groupName) => ({ name: groupName, arn: arn(context, "logs", `log-group:${groupName}`) }),
    "aws:iam/role:Role": (name, _inputs, _context, roleName) => ({ name: roleName, arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/${roleName}`, uniqueId: `AROA${stableHex(16, name).toUpperCase()}` }),
    "aws:iam/policy:Policy": (_name, _inputs, _context, policyName) => ({ name: policyName, arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:policy/${policyName}` }),
    "aws:secretsmanager/secret:Secret": (name, _inputs, context, secretName) => ({ name: secretName, arn: arn(context, "secretsmanager", `secret:${secretName}-${stableHex(6, name)}`) }),
    "aws:rds/instance:Instance": (name, inputs, context, identifier) => {
        const address = `${identifier}.c${stableHex(10, name)}.${context.region}.rds.amazonaws.com`;
        const port = (inputs.port as number | undefined) ?? 5432;
        const managed = inputs.manageMasterUserPassword === true;
        return {
            identifier, address, port, endpoint: `${address}:${port}`, resourceId: `db-${stableHex(26, name).toUpperCase()}`,
            arn: arn(context, "rds", `db:${identifier}`),
            masterUserSecrets: managed ? [{
                secretArn: arn(context, "secretsmanager", `secret:rds!db-${uuid(name)}-${stableHex(6, name)}`),
                kmsKeyId: inputs.masterUserSecretKmsKeyId ?? null,
                secretStatus: "active",
            }] : [],
        };
    },
    "aws:efs/fileSystem:FileSystem": (name, _inputs, context) => {
        const id = `fs-${stableHex(17, name)}`;
        return { id, dnsName: `${id}.efs.${context.region}.amazonaws.com`, arn: arn(context, "elasticfilesystem", `file-system/${id}`) };
    },
    "aws:efs/accessPoint:AccessPoint": (name, _inputs, context) => {
        const id = `fsap-${stableHex(17, name)}`;
        return { id, arn: arn(context, "elasticfilesystem", `access-point/${id}`) };
    },
    "aws:lb/loadBalancer:LoadBalancer": (name, _inputs, context, lbName) => {
        const suffix = `net/${lbName}/${stableHex(16, name)}`;
        return { name: lbName, arnSuffix: suffix, arn: arn(context, "elasticloadbalancing", `loadbalancer/${suffix}`),
            dnsName: `${lbName}-${stableHex(16, name)}.elb.${context.region}.amazonaws.com`, zoneId: "Z26RNL4JYFTOTI" };
    },
    "aws:lb/targetGroup:TargetGroup": (name, _inputs, context, targetGroupName) => {
        const suffix = `targetgroup/${targetGroupName}/${stableHex(16, name)}`;
        return { arnSuffix: suffix, arn: arn(context, "elasticloadbalancing", suffix) };
    },
    "aws:sqs/queue:Queue": (_name, _inputs, context, queueName) => ({ name: queueName, arn: arn(context, "sqs", queueName), url: `https://sqs.${context.region}.amazonaws.com/${MOCK_ACCOUNT_ID}/${queueName}` }),
    "aws:dynamodb/table:Table": (_name, _inputs, context, tableName) => ({ name: tableName, arn: arn(context, "dynamodb", `table/${tableName}`) }),
    "aws:lambda/function:Function": (_name, _inputs, context, functionName) => {
        const functionArn = arn(context, "lambda", `function:${functionName}`);
        return { name: functionName, arn: functionArn, qualifiedArn: `${functionArn}:$LATEST`,
            invokeArn: `arn:aws:apigateway:${context.region}:lambda:path/2015-03-31/functions/${functionArn}/invocations` };
    },
    "aws:sns/topic:Topic": (_name, _inputs, context, topicName) => ({ name: topicName, arn: arn(context, "sns", topicName) }),
    "aws:ecs/cluster:Cluster": (_name, _inputs, context, clusterName) => ({ name: clusterName, arn: arn(context, "ecs", `cluster/${clusterName}`) }),
    "aws:ecs/taskDefinition:TaskDefinition": (_name, inputs, context) => ({
        revision: 1, arn: arn(context, "ecs", `task-definition/${inputs.family}:1`), arnWithoutRevision: arn(context, "ecs", `task-definition/${inputs.family}`),
    }),
    "aws:ecr/repository:Repository": (_name, _inputs, context, repositoryName) => ({ name: repositoryName, arn: arn(context, "ecr", `repository/${repositoryName}`),
        repositoryUrl: `${MOCK_ACCOUNT_ID}.dkr.ecr.${context.region}.amazonaws.com/${repositoryName}`, registryId: MOCK_ACCOUNT_ID }),
    "aws:acm/certificate:Certificate": (name, inputs, context) => {
        const domain = inputs.domainName as string | undefined;
        return {
            arn: arn(context, "acm", `certificate/${uuid(name)}`),
            domainValidationOptions: domain ? [{
                domainName: domain, resourceRecordName: `_${stableHex(32, name)}.${domain}.`,
                resourceRecordType: "CNAME", resourceRecordValue: `_${stableHex(32, name, "v")}.acm-validations.aws.`,
            }] : [],
        };
    },
    "aws:ec2/vpcEndpoint:VpcEndpoint": (name, inputs) => ({
        id: `vpce-${stableHex(17, name)}`,
        prefixListId: inputs.vpcEndpointType === "Gateway" ? `pl-${stableHex(8, name)}` : undefined,
    }),
    "aws:ec2/launchTemplate:LaunchTemplate": (name) => ({ id: `lt-${stableHex(17, name)}`, latestVersion: 1, defaultVersion: 1 }),
    "awsx:ec2:Vpc": (name, inputs) => {
        const azCount = (inputs.numberOfAvailabilityZones as number | undefined) ?? 2;
        const subnets = (tier: string) => Array.from({ length: azCount }, (_, az) => `subnet-${stableHex(17, name, tier, String(az))}`);
        const natCount = { None: 0, Single: 1, OnePerAz: azCount }[String((inputs.natGateways as State | undefined)?.strategy ?? "OnePerAz")] ?? 0;
        return {
            vpcId: `vpc-${stableHex(17, name)}`,
            publicSubnetIds: subnets("public"), privateSubnetIds: subnets("private"), isolatedSubnetIds: subnets("isolated"),
            // One route table per subnet, as awsx creates them.
            routeTables: ["public", "private", "isolated"].flatMap((tier) => subnets(tier).map((subnet) => ({ id: `rtb-${stableHex(17, subnet)}` }))),
            natGateways: Array.from({ length: natCount }, (_, index) => ({ id: `nat-${stableHex(17, name, String(index))}` })),
        };
    },
    "random:index/randomPassword:RandomPassword": (name, inputs) => {
        const length = (inputs.length as number | undefined) ?? 16;
        return { result: `Mk${stableHex(length, name)}`.slice(0, length) };
    },
    "random:index/randomId:RandomId": (name, inputs) => {
        const bytes = Buffer.from(stableHex(2 * Number(inputs.byteLength), name), "hex");
        const prefix = (inputs.prefix as string | undefined) ?? "";
        return { hex: prefix + bytes.toString("hex"), b64Url: prefix + bytes.toString("base64url"),
            b64Std: prefix + bytes.toString("base64"), dec: prefix + BigInt(`0x${bytes.toString("hex")}`).toString() };
    },
    "tls:index/privateKey:PrivateKey": (name) => ({
        privateKeyPem: `-----BEGIN PRIVATE KEY-----\nMOCK${stableHex(32, name)}\n-----END PRIVATE KEY-----\n`,
        publicKeyPem: `-----BEGIN PUBLIC KEY-----\nMOCK${stableHex(32, name, "pub")}\n-----END PUBLIC KEY-----\n`,
    }),
    "tls:index/selfSignedCert:SelfSignedCert": (name) => ({
        certPem: `-----BEGIN CERTIFICATE-----\nMOCK${stableHex(32, name)}\n-----END CERTIFICATE-----\n`,
    }),
};

/** The id and state the mocked provider answers for a new resource. */
export function mockResource(type: string, name: string, inputs: State, context: MockContext): { id: string; state: State } {
    const named = physicalName(type, name, inputs, (length) => stableHex(length, type, name));
    const physical = named?.value ?? name;
    const specific = OUTPUTS[type]?.(name, inputs, context, physical) ?? {};
    const [pkg, module] = type.split(":");
    const service = (module ?? "").split("/")[0];
    // A named AWS resource reports its physical name in its name input; every AWS resource has an ARN.
    const generic: State = pkg === "aws" ? {
        ...(named ? { [named.field]: named.value } : {}),
        arn: arn(context, service, `${type.split(":")[2]?.toLowerCase()}/${physical}`),
    } : {};
    const id = (specific.id as string | undefined) ?? `${name}-${stableHex(8, type, name)}`;
    return { id, state: { ...inputs, ...generic, ...specific, id } };
}

/** Invoke results, by token. An invoke without an entry fails loudly so that nothing is guessed silently. */
export function mockInvoke(token: string, inputs: State, context: MockContext): State {
    switch (token) {
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return { accountId: MOCK_ACCOUNT_ID, arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:user/offline-plan`, userId: "AIDAOFFLINEPLAN", id: MOCK_ACCOUNT_ID };
        case "aws:index/getPartition:getPartition":
            return { partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws", id: "aws" };
        case "aws:index/getRegion:getRegion":
            return { name: context.region, region: context.region, id: context.region, endpoint: `ec2.${context.region}.amazonaws.com`, description: context.region };
        case "aws:index/getAvailabilityZones:getAvailabilityZones": {
            const names = ["a", "b", "c"].map((suffix) => `${context.region}${suffix}`);
            return { names, zoneIds: names.map((_, index) => `use1-az${index + 1}`), id: context.region, groupNames: [context.region] };
        }
        case "aws:ssm/getParameter:getParameter": {
            const parameterName = String(inputs.name);
            return { name: parameterName, type: "String", value: `ami-${stableHex(17, parameterName)}`, insecureValue: `ami-${stableHex(17, parameterName)}`,
                arn: `arn:aws:ssm:${context.region}::parameter${parameterName}`, id: parameterName, version: 1 };
        }
        case "aws:ec2/getAmi:getAmi":
            return { id: `ami-${stableHex(17, JSON.stringify(inputs))}`, imageId: `ami-${stableHex(17, JSON.stringify(inputs))}`, architecture: "x86_64" };
        case "aws:route53/getZone:getZone":
            return { zoneId: String(inputs.zoneId ?? "Z0000000000000000000"), name: String(inputs.name ?? "example.org"), id: String(inputs.zoneId ?? "Z0000000000000000000") };
        case "aws:ecr/getAuthorizationToken:getAuthorizationToken":
            return { userName: "AWS", password: "offline-plan-token", authorizationToken: "offline", proxyEndpoint: `https://${MOCK_ACCOUNT_ID}.dkr.ecr.${context.region}.amazonaws.com`, id: context.region };
        default:
            throw new Error(`The offline plan has no mock for the invoke ${token}; add one to tools/offline/mockOutputs.ts`);
    }
}

function uuid(name: string): string {
    const hex = stableHex(32, name);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
