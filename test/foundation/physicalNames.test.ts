import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as fs from "fs";
import * as path from "path";
import { MAX_RESOURCE_PREFIX_LENGTH, RESERVED_NAME_PREFIXES } from "../../config/naming";
import { INPUT_RULES, inputProblems } from "../../tools/offline/awsInputRules";
import { AWS_NAME_FIELDS } from "../../tools/offline/awsNameFields.generated";
import { NAME_RULES, uncoveredTypeMessage, UNNAMED_TYPES } from "../../tools/offline/awsNameRules";
import { evaluateStack, PlanRefusedError } from "../../tools/offline/evaluate";
import {
    AWS_PACKAGE_DIR, documentedMaxLength, findNameFields, installedAwsVersion, NAME_FIELDS_MODULE, renderNameFieldsModule,
} from "../../tools/offline/generateNameFields";
import { stableHex } from "../../tools/offline/mockOutputs";
import { Plan } from "../../tools/offline/planTypes";
import { physicalName, physicalNameProblems, prefixBudget } from "../../tools/offline/physicalNames";
import { evaluateComponents, named } from "../support/planQueries";

const TG = "aws:lb/targetGroup:TargetGroup";
const fixed = (length: number) => "r".repeat(length);

/** Configurations that between them register every resource type the program can build. */
const VARIANTS: Array<[string, Record<string, unknown>]> = [
    ["dev", {}],
    ["prod", {}],
    ["dev", { compute: { mirrorImage: true }, endpoint: { domainName: "pacs.example.org", hostedZoneId: "Z0123456789ABCDEFGHIJ" } }],
    ["prod", { compute: { mirrorImage: true }, metadataPipeline: { alarmEmail: "imaging-it@example.org" } }],
    // The clinic's private link: internal load balancer, VPN, Direct Connect association.
    ["prod", { privateDicom: { enabled: true, onPremisesCidrs: ["192.168.10.0/24"], vpn: { customerGatewayIp: "198.51.100.1" }, directConnectGatewayId: "5f294f92-bafb-4011-916d-9b0bc0ffee00" } }],
];

describe("physical names and provider limits", () => {
    describe("the doc-derived table", () => {
        it("matches the installed @pulumi/aws (run npm run offline:generate-name-fields after an upgrade)", () => {
            const fresh = renderNameFieldsModule(findNameFields(AWS_PACKAGE_DIR), installedAwsVersion());
            assert.ok(fs.readFileSync(NAME_FIELDS_MODULE, "utf8") === fresh, "tools/offline/awsNameFields.generated.ts is stale: run npm run offline:generate-name-fields");
        });

        it("reads the limits the type documentation states", () => {
            assert.strictEqual(documentedMaxLength("This name must be unique per region per account, can have a maximum of 32 characters, must contain only alphanumeric characters"), 32);
            assert.strictEqual(documentedMaxLength("Queue names ... must be between 1 and 80 characters long."), 80);
            assert.strictEqual(documentedMaxLength("Conflicts with `name`. Cannot be longer than 6 characters."), 6);
            assert.strictEqual(documentedMaxLength("Name of the role."), undefined);
            assert.deepStrictEqual(AWS_NAME_FIELDS.get(TG), { field: "name", optional: true, prefixField: "namePrefix", maxLength: 32, prefixMaxLength: 6 });
            assert.deepStrictEqual(AWS_NAME_FIELDS.get("aws:s3/bucket:Bucket"), { field: "bucket", optional: true, prefixField: "bucketPrefix", maxLength: 63, prefixMaxLength: 37 });
        });
    });

    describe("the curated rules", () => {
        it("agree with every length the provider documents, and name a source", () => {
            for (const [type, rule] of NAME_RULES) {
                const documented = AWS_NAME_FIELDS.get(type);
                assert.ok(documented, `${type} has a name rule but @pulumi/aws gives it no name input`);
                if (documented.maxLength !== undefined) assert.strictEqual(rule.maxLength, documented.maxLength, `${type}: the provider documents ${documented.maxLength}`);
                assert.match(rule.source, /docs\.aws\.amazon\.com|@pulumi\/aws/, type);
            }
        });

        it("list as unnamed only types that have no name input", () => {
            for (const type of UNNAMED_TYPES) assert.strictEqual(AWS_NAME_FIELDS.get(type), undefined, `${type} has a name input: give it a rule`);
        });

        it("reserve for capacity providers what the config refuses as a namespace", () => {
            assert.deepStrictEqual(NAME_RULES.get("aws:ecs/capacityProvider:CapacityProvider")?.reservedPrefixes, [...RESERVED_NAME_PREFIXES]);
        });

        it("quote the installed provider's documentation for every input constraint", () => {
            for (const rule of INPUT_RULES) {
                const text = fs.readFileSync(path.join(AWS_PACKAGE_DIR, rule.file), "utf8");
                assert.ok(text.includes(rule.quote), `${rule.type} ${rule.path}: "${rule.quote}" is no longer in @pulumi/aws ${rule.file}`);
            }
        });
    });

    describe("names as Pulumi computes them", () => {
        it("uses an explicit name as is, a prefix plus 26 characters, else the logical name, - and 7 random characters", () => {
            assert.deepStrictEqual(physicalName(TG, "web", { name: "Web_1" }, fixed), { field: "name", value: "Web_1", origin: "explicit" });
            assert.deepStrictEqual(physicalName(TG, "web", { namePrefix: "web-" }, fixed), { field: "name", value: `web-${fixed(26)}`, origin: "prefix" });
            assert.deepStrictEqual(physicalName(TG, "web", {}, fixed), { field: "name", value: "web-rrrrrrr", origin: "auto-named" });
            assert.deepStrictEqual(physicalName("aws:s3/bucket:Bucket", "logs", {}, fixed)?.field, "bucket");
            assert.strictEqual(physicalName("aws:lb/listener:Listener", "https", {}, fixed), undefined);
        });

        it("refuses what AWS refuses, without repairing it", () => {
            const problems = (type: string, logical: string, inputs: Record<string, unknown>) =>
                physicalNameProblems(type, logical, physicalName(type, logical, inputs, fixed)!);
            assert.deepStrictEqual(problems(TG, "orthanc-prod-endpoint-https", {}), [
                `${TG} "orthanc-prod-endpoint-https": name "orthanc-prod-endpoint-https-rrrrrrr" (auto-named) is 35 characters; AWS allows at most 32`,
            ]);
            assert.deepStrictEqual(problems(TG, "tg", { namePrefix: "orthanc-" }), [
                `${TG} "tg": name "orthanc-${fixed(26)}" (prefix): its namePrefix is 8 characters; the provider allows at most 6`,
                `${TG} "tg": name "orthanc-${fixed(26)}" (prefix) is 34 characters; AWS allows at most 32`,
            ]);
            assert.deepStrictEqual(problems("aws:s3/bucket:Bucket", "Images", {}), [
                "aws:s3/bucket:Bucket \"Images\": bucket \"Images-rrrrrrr\" (auto-named) has characters AWS refuses; allowed: lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit",
            ]);
            assert.deepStrictEqual(problems("aws:ec2/securityGroup:SecurityGroup", "x", { name: "sg-web" }), [
                "aws:ec2/securityGroup:SecurityGroup \"x\": name \"sg-web\" (explicit) starts with \"sg-\", which AWS reserves",
            ]);
            assert.deepStrictEqual(problems("aws:lb/loadBalancer:LoadBalancer", "x", { name: "web-" }), [
                "aws:lb/loadBalancer:LoadBalancer \"x\": name \"web-\" (explicit) has characters AWS refuses; allowed: letters, digits and hyphens, not starting or ending with a hyphen",
            ]);
            assert.deepStrictEqual(problems("aws:iam/role:Role", "r", { name: "r".repeat(65) }), [
                `aws:iam/role:Role "r": name "${"r".repeat(65)}" (explicit) is 65 characters; AWS allows at most 64`,
            ]);
        });

        it("refuses documented input values outside the provider's ranges and enumerations", () => {
            assert.deepStrictEqual(inputProblems(TG, "web", { deregistrationDelay: 4000, healthCheck: { interval: 30, matcher: "200,700" } }), [
                `${TG} "web": deregistrationDelay 4000 is not accepted; use a whole number from 0 to 3600 (@pulumi/aws lb/targetGroup.d.ts)`,
                `${TG} "web": healthCheck.matcher "200,700" is not accepted; use HTTP codes from 200 to 599, e.g. "200,401" or "200-399" (@pulumi/aws types/input.d.ts)`,
            ]);
            assert.deepStrictEqual(inputProblems("aws:cloudwatch/logGroup:LogGroup", "l", { retentionInDays: 31 }).length, 1);
            assert.deepStrictEqual(inputProblems("aws:rds/instance:Instance", "db", { performanceInsightsRetentionPeriod: 62 }), []);
        });

        it("fail the offline plan, naming every refused resource", async () => {
            await assert.rejects(evaluateComponents(() => {
                new aws.lb.TargetGroup("a-target-group-of-a-long-logical-name", { port: 80, protocol: "TCP", vpcId: "vpc-1" });
                new aws.sqs.Queue("queue", { visibilityTimeoutSeconds: 50000 });
            }), (error: unknown) => {
                assert.ok(error instanceof PlanRefusedError);
                const random = stableHex(7, TG, "a-target-group-of-a-long-logical-name");
                assert.deepStrictEqual([...error.problems].sort(), [
                    `${TG} "a-target-group-of-a-long-logical-name": name "a-target-group-of-a-long-logical-name-${random}" (auto-named) is 45 characters; AWS allows at most 32`,
                    "aws:sqs/queue:Queue \"queue\": visibilityTimeoutSeconds 50000 is not accepted; use a whole number from 0 to 43200 (@pulumi/aws sqs/queue.d.ts)",
                ]);
                return true;
            });
        });
    });

    describe("the program's plans", () => {
        const plans: Plan[] = [];
        before(async function () {
            // Several whole-stack evaluations in a row: on a loaded machine they outlast mocha's default minute.
            this.timeout(300_000);
            for (const [stack, overrides] of VARIANTS) plans.push(await evaluateStack(stack, overrides));
        });

        it("register only types whose naming rules are known", () => {
            const types = new Set(plans.flatMap((plan) => plan.resources.filter((resource) => resource.custom).map((resource) => resource.type)));
            const uncovered = [...types].filter((type) => type.startsWith("aws:") && !NAME_RULES.has(type) && !UNNAMED_TYPES.has(type));
            assert.deepStrictEqual(uncovered.map(uncoveredTypeMessage), []);
        });

        it("give the load balancer and target groups names AWS accepts (the evaluator refused the 33–35-character auto-names)", () => {
            const [dev, prod] = plans;
            const names = (plan: Plan) => ["endpoint-nlb", "endpoint-dicom", "web-alb", "web-orthanc"]
                .map((suffix) => named(plan, `orthanc-${plan.stack}-${suffix}`))
                .map((resource) => [resource.inputs.name, resource.options.deleteBeforeReplace]);
            assert.deepStrictEqual(names(dev), [["orthanc-dev-nlb", true], ["orthanc-dev-dicom", true], ["orthanc-dev-alb", true], ["orthanc-dev-web", true]]);
            assert.deepStrictEqual(names(prod), [["orthanc-prod-nlb", true], ["orthanc-prod-dicom", true], ["orthanc-prod-alb", true], ["orthanc-prod-web", true]]);
        });

        it("fit the config's prefix limit, which is the tightest limit of any name built from the prefix", () => {
            const budgets = plans.map((plan) => prefixBudget(plan.resources, `orthanc-${plan.stack}`));
            const tightest = budgets.reduce((a, b) => (b.maxPrefixLength < a.maxPrefixLength ? b : a));
            assert.strictEqual(MAX_RESOURCE_PREFIX_LENGTH, tightest.maxPrefixLength,
                `set MAX_RESOURCE_PREFIX_LENGTH in config/naming.ts to ${tightest.maxPrefixLength}: ${tightest.limitedBy}`);
        });
    });
});
