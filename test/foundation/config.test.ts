import * as assert from "assert";
import { parseStackConfig, StackConfigError } from "../../config/parse";
import { readStackFile } from "../../tools/offline/stackFile";
import { PROJECT_DIR } from "../../tools/offline/evaluate";

/** A valid minimal config map: only what has no default. */
function minimal(settings: Record<string, unknown> = {}): Record<string, string> {
    const base: Record<string, unknown> = { endpoint: { allowedCidrs: ["203.0.113.0/24"] }, ...settings };
    const map: Record<string, string> = { "aws:region": "us-east-1" };
    for (const [key, value] of Object.entries(base)) {
        if (value !== undefined) map[`orthanc-aws:${key}`] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return map;
}

function problemsOf(raw: Record<string, string>): string[] {
    try {
        parseStackConfig(raw, "test");
    } catch (error) {
        assert.ok(error instanceof StackConfigError, `expected StackConfigError, got ${error}`);
        return error.problems;
    }
    return [];
}

function assertRejected(settings: Record<string, unknown>, expected: string): void {
    const problems = problemsOf(minimal(settings));
    assert.ok(problems.includes(expected), `expected problem:\n  ${expected}\ngot:\n  ${problems.join("\n  ")}`);
}

describe("stack config", () => {
    it("fills safe defaults for everything not set", () => {
        const config = parseStackConfig(minimal(), "test");
        assert.deepStrictEqual(config.network, { cidrBlock: "10.0.0.0/16", availabilityZones: 2, natGateways: "perAz", interfaceEndpoints: true });
        assert.strictEqual(config.compute.launchType, "fargate");
        assert.match(config.compute.image, /^orthancteam\/orthanc:\d/);
        assert.strictEqual(config.database.multiAz, true);
        assert.strictEqual(config.database.deletionProtection, true);
        assert.strictEqual(config.database.engineVersion, "17");
        assert.strictEqual(config.endpoint.allowInternet, false);
        assert.deepStrictEqual(config.compliance, { accountServices: "stack" });
        assert.strictEqual(config.endpoint.aeTitle, "ORTHANC");
        assert.strictEqual(config.protectDataStores, true);
        assert.strictEqual(config.metadataPipeline.enabled, false);
        assert.strictEqual(config.logRetentionDays, 365);
        assert.strictEqual(config.region, "us-east-1");
        assert.strictEqual(config.stack, "test");
    });

    it("accepts the committed dev and prod stacks", () => {
        for (const stack of ["dev", "prod"]) {
            const config = parseStackConfig(readStackFile(PROJECT_DIR, stack).config, stack);
            assert.strictEqual(config.stack, stack);
        }
        const dev = parseStackConfig(readStackFile(PROJECT_DIR, "dev").config, "dev");
        const prod = parseStackConfig(readStackFile(PROJECT_DIR, "prod").config, "prod");
        assert.deepStrictEqual([dev.compute.launchType, dev.storage.backend, dev.database.multiAz, dev.metadataPipeline.enabled], ["fargate", "efs", false, false]);
        assert.deepStrictEqual([prod.compute.launchType, prod.storage.backend, prod.database.multiAz, prod.metadataPipeline.enabled, prod.database.deletionProtection], ["ec2", "s3", true, true, true]);
        assert.ok(prod.logRetentionDays > dev.logRetentionDays && prod.backup.retentionDays > dev.backup.retentionDays);
    });

    it("reads top-level numbers and booleans given as text, as Pulumi passes them", () => {
        const config = parseStackConfig(minimal({ logRetentionDays: "731", protectDataStores: "false" }), "test");
        assert.strictEqual(config.logRetentionDays, 731);
        assert.strictEqual(config.protectDataStores, false);
    });

    it("reports every problem at once, each naming the setting", () => {
        const problems = problemsOf(minimal({ namespace: "9lives", compute: { cpu: 300 }, logRetentionDays: "42" }));
        assert.strictEqual(problems.length, 3);
        assert.deepStrictEqual(problems.map((p) => p.split(":")[0]), ["namespace", "compute.cpu", "logRetentionDays"]);
    });

    it("formats the error as one message listing the problems", () => {
        assert.throws(() => parseStackConfig(minimal({ compute: { launchType: "lambda" } }), "test"),
            (error: Error) => error.message === "Invalid stack configuration (1 problem):\n  - compute.launchType: \"lambda\" is not allowed; use one of fargate, ec2");
    });

    it("names the allowed values of compliance.accountServices", () => {
        assertRejected({ compliance: { accountServices: "organization" } }, 'compliance.accountServices: "organization" is not allowed; use one of stack, external');
    });

    it("rejects unknown keys at every level", () => {
        assertRejected({ computee: {} }, "computee: unknown setting; known settings here are namespace, network, compute, storage, database, endpoint, web, cloudTrail, metadataPipeline, backup, alarms, viewers, dicomNetwork, privateDicom, identity, compliance, costAssumptions, budget, protectDataStores, logRetentionDays, audit");
        const problems = problemsOf(minimal({ database: { multiAZ: true } }));
        assert.match(problems[0], /^database\.multiAZ: unknown setting; known settings here are database\.instanceClass, .*database\.multiAz/);
    });

    it("requires aws:region", () => {
        const raw = minimal();
        delete raw["aws:region"];
        assert.deepStrictEqual(problemsOf(raw), ["aws:region: is required; set it with `pulumi config set aws:region us-east-1`"]);
        for (const region of ["Europe", "us-east-7", "eu-west"]) {
            assert.deepStrictEqual(problemsOf({ ...minimal(), "aws:region": region }), [`aws:region: "${region}" is not allowed; use an AWS region code such as us-east-1 (the AWS provider's aws.Region list)`]);
        }
        // Outside the price table's regions the budget needs its amount (test/cost/costSettings.test.ts).
        const withBudget = minimal({ budget: { monthlyLimitUsd: 300 } });
        for (const region of ["eu-central-2", "ap-southeast-5", "us-gov-west-1", "cn-north-1"]) assert.strictEqual(parseStackConfig({ ...withBudget, "aws:region": region }, "t").region, region);
    });

    describe("keys outside orthanc-aws:", () => {
        it("are refused, naming the key and where it belongs, since nothing would read them", () => {
            const compute = JSON.stringify({ launchType: "ec2" });
            assert.deepStrictEqual(problemsOf({ ...minimal(), compute }), ["compute: has no namespace and would be ignored; write it as orthanc-aws:compute"]);
            assert.deepStrictEqual(problemsOf({ ...minimal(), "orthanc:compute": compute }), [
                "orthanc:compute: namespace \"orthanc\" is not read by this program (it reads orthanc-aws: and aws:region), so the setting would be ignored; write it as orthanc-aws:compute",
            ]);
            assert.deepStrictEqual(problemsOf({ ...minimal(), "awsx:whatever": "1" }), [
                "awsx:whatever: namespace \"awsx\" is not read by this program (it reads orthanc-aws: and aws:region), so the setting would be ignored; remove it",
            ]);
            assert.deepStrictEqual(problemsOf({ ...minimal(), "aws:profile": "clinic" }), [
                "aws:profile: would be ignored: the program's AWS provider reads only aws:region; give credentials and profile through the environment (AWS_PROFILE, AWS_ACCESS_KEY_ID)",
            ]);
        });
        it("admit the engine's own pulumi: settings", () => {
            assert.deepStrictEqual(problemsOf({ ...minimal(), "pulumi:disable-default-providers": "[\"aws\"]" }), []);
        });
    });

    describe("namespace", () => {
        for (const good of ["orth", "orthanc", "Clinic42", "a".repeat(20)]) {
            it(`accepts ${good}`, () => assert.strictEqual(parseStackConfig(minimal({ namespace: good }), "t").namespace, good));
        }
        it("refuses the prefixes AWS reserves for capacity providers", () => {
            for (const bad of ["ecsPacs", "awsimaging", "Fargate1"]) {
                assert.match(problemsOf(minimal({ namespace: bad }))[0], new RegExp(`^namespace: "${bad}" is not allowed; names may not start with "(aws|ecs|fargate)"`, "i"));
            }
        });
        for (const bad of ["abc", "a".repeat(21), "4clinic", "my-clinic", "my_clinic", ""]) {
            it(`rejects "${bad}"`, () => assertRejected({ namespace: bad }, `namespace: "${bad}" is not allowed; use 4–20 letters and digits, starting with a letter`));
        }
    });

    describe("stack name", () => {
        it("must fit AWS resource names", () => {
            const problems = (stack: string) => {
                try { parseStackConfig(minimal(), stack); return []; } catch (error) { return (error as StackConfigError).problems; }
            };
            assert.deepStrictEqual(problems("a.b"), ["stack name: \"a.b\" is not allowed; use letters, digits and single hyphens (it becomes part of every AWS resource name)"]);
            assert.deepStrictEqual(problems("qa--1"), ["stack name: \"qa--1\" is not allowed; use letters, digits and single hyphens (it becomes part of every AWS resource name)"]);
            assert.deepStrictEqual(problems("x".repeat(19)), [`stack name: "orthanc-${"x".repeat(19)}" (namespace and stack name) is longer than 26 characters, too long: some AWS resource names built from it would exceed their limits; shorten namespace or the stack name`]);
            assert.deepStrictEqual(problems("x".repeat(18)), []);
            assert.deepStrictEqual(problems("Staging-2"), []);
        });
    });

    describe("network", () => {
        it("accepts 2 or 3 AZs and each NAT mode", () => {
            for (const availabilityZones of [2, 3]) {
                for (const natGateways of ["single", "perAz"]) {
                    const config = parseStackConfig(minimal({ network: { availabilityZones, natGateways } }), "t");
                    assert.deepStrictEqual([config.network.availabilityZones, config.network.natGateways], [availabilityZones, natGateways]);
                }
            }
        });
        it("rejects other AZ counts", () => {
            assertRejected({ network: { availabilityZones: 1 } }, "network.availabilityZones: 1 is not allowed; use a whole number from 2 to 3");
            assertRejected({ network: { availabilityZones: 4 } }, "network.availabilityZones: 4 is not allowed; use a whole number from 2 to 3");
            assertRejected({ network: { availabilityZones: 2.5 } }, "network.availabilityZones: 2.5 is not allowed; use a whole number from 2 to 3");
        });
        it("rejects an unknown NAT mode", () => assertRejected({ network: { natGateways: "perAZ" } }, "network.natGateways: \"perAZ\" is not allowed; use one of none, single, perAz"));
        it("rejects a non-boolean interfaceEndpoints", () => assertRejected({ network: { interfaceEndpoints: "yes" } }, "network.interfaceEndpoints: \"yes\" is not allowed; use true (all), false (none) or a list of services from ecr.api, ecr.dkr, logs, secretsmanager, ssm, kms, sts, ecs, ecs-agent, ecs-telemetry"));
        it("rejects public, too small, too large or malformed VPC ranges", () => {
            for (const cidrBlock of ["8.8.0.0/16", "10.0.0.0/24", "10.0.0.0/8", "10.0.0.0", "10.0.1.0/16"]) {
                assertRejected({ network: { cidrBlock } }, `network.cidrBlock: "${cidrBlock}" is not allowed; use a private IPv4 range (10/8, 172.16/12, 192.168/16) with a prefix from /16 to /20, e.g. 10.0.0.0/16`);
            }
            for (const cidrBlock of ["172.20.0.0/16", "192.168.0.0/20"]) {
                assert.strictEqual(parseStackConfig(minimal({ network: { cidrBlock } }), "t").network.cidrBlock, cidrBlock);
            }
        });
        it("natGateways none needs interface endpoints and an image from ECR (mirrored, cached or the account's)", () => {
            // Basic mode: with imageSource registry, keycloak mode's auth-service sidecar would come from Docker Hub too (identityConfig.test.ts).
            const identity = { mode: "basic", users: [{ name: "alice", role: "admin" }] };
            const problems = problemsOf(minimal({ network: { natGateways: "none", interfaceEndpoints: false }, compute: { imageSource: "registry", image: "ghcr.io/acme/orthanc:1.13" }, identity }));
            assert.strictEqual(problems.length, 2);
            assert.ok(problems.every((p) => p.startsWith("network.natGateways: \"none\" leaves tasks without a route")));
            const config = parseStackConfig(minimal({ network: { natGateways: "none" }, identity }), "t");
            assert.strictEqual(config.network.natGateways, "none");
            const fromEcr = parseStackConfig(minimal({ network: { natGateways: "none" }, compute: { imageSource: "registry", image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/orthanc:26.8.1" }, identity }), "t");
            assert.strictEqual(fromEcr.network.natGateways, "none");
        });
    });

    describe("compute", () => {
        it("accepts every valid Fargate CPU/memory pair at the edges (from 1 GiB: Orthanc's caches need it)", () => {
            for (const [cpu, memory] of [[256, 1024], [256, 2048], [512, 4096], [1024, 8192], [2048, 16384], [4096, 30720], [8192, 61440], [16384, 122880]]) {
                const config = parseStackConfig(minimal({ compute: { cpu, memory }, storage: { backend: "efs" } }), "t");
                assert.deepStrictEqual([config.compute.cpu, config.compute.memory], [cpu, memory]);
            }
        });
        it("rejects CPU Fargate does not offer", () => assertRejected({ compute: { cpu: 3000, memory: 8192 } }, "compute.cpu: 3000 is not allowed; Fargate accepts 256, 512, 1024, 2048, 4096, 8192, 16384"));
        it("rejects memory that does not fit the CPU on Fargate", () => {
            assertRejected({ compute: { cpu: 256, memory: 4096 } }, "compute.memory: 4096 is not allowed; with compute.cpu 256 Fargate accepts 512, 1024, 2048");
            assertRejected({ compute: { cpu: 8192, memory: 18432 } }, "compute.memory: 18432 is not allowed; with compute.cpu 8192 Fargate accepts 16384, 20480, 24576, 28672, 32768, 36864, 40960, 45056, 49152, 53248, 57344, 61440");
        });
        it("does not apply the Fargate table to EC2 tasks", () => {
            const config = parseStackConfig(minimal({ compute: { launchType: "ec2", cpu: 1536, memory: 3000 } }), "t");
            assert.deepStrictEqual([config.compute.cpu, config.compute.memory], [1536, 3000]);
        });
        it("rejects a malformed instance type", () => assertRejected({ compute: { launchType: "ec2", instanceType: "large" } }, "compute.instanceType: \"large\" is not allowed; use an EC2 instance type such as m6i.large"));
        it("rejects an instance type the provider does not know", () => {
            assertRejected({ compute: { launchType: "ec2", instanceType: "m6i.huge" } }, "compute.instanceType: \"m6i.huge\" is not allowed; use an EC2 instance type such as m6i.large (the AWS provider's aws.ec2.InstanceType list)");
        });
        it("rejects a type whose size is not known, rather than guess whether the task fits", () => {
            const problems = problemsOf(minimal({ compute: { launchType: "ec2", instanceType: "m6i.metal" } }));
            assert.strictEqual(problems.length, 1);
            assert.match(problems[0], /^compute\.instanceType: "m6i\.metal" is not allowed; its vCPUs and memory are not in config\/ec2InstanceSizes\.ts, so the task's fit cannot be checked; use a size of m5, m5a, .*, t4g$/);
        });
        it("requires an EC2 host to hold the task after the ECS agent's reserve", () => {
            assertRejected({ compute: { launchType: "ec2", instanceType: "t3.medium", cpu: 1024, memory: 4096 } },
                "compute.instanceType: \"t3.medium\" is not allowed; it offers tasks 2048 CPU units and 3891 MiB (2 vCPUs, 4096 MiB, 5 % kept for the ECS agent and system), less than the task's compute.cpu 1024 and compute.memory 4096; choose a larger type or a smaller task");
            assertRejected({ compute: { launchType: "ec2", instanceType: "c7g.large", cpu: 4096, memory: 2048 } },
                "compute.instanceType: \"c7g.large\" is not allowed; it offers tasks 2048 CPU units and 3891 MiB (2 vCPUs, 4096 MiB, 5 % kept for the ECS agent and system), less than the task's compute.cpu 4096 and compute.memory 2048; choose a larger type or a smaller task");
            const config = parseStackConfig(minimal({ compute: { launchType: "ec2", instanceType: "t3.medium", cpu: 1024, memory: 3891 } }), "t");
            assert.deepStrictEqual([config.compute.instanceType, config.compute.memory], ["t3.medium", 3891]);
        });
        it("requires minCount ≤ desiredCount ≤ maxCount", () => {
            assertRejected({ compute: { minCount: 1, desiredCount: 5, maxCount: 4 } }, "compute.desiredCount: must satisfy compute.minCount (1) ≤ compute.desiredCount (5) ≤ compute.maxCount (4)");
            assertRejected({ compute: { minCount: 3, desiredCount: 2, maxCount: 4 } }, "compute.desiredCount: must satisfy compute.minCount (3) ≤ compute.desiredCount (2) ≤ compute.maxCount (4)");
            assertRejected({ compute: { minCount: 0 } }, "compute.minCount: 0 is not allowed; use a whole number from 1 to 100");
        });
        it("requires a pinned image", () => {
            assertRejected({ compute: { image: "orthancteam/orthanc" } }, "compute.image: \"orthancteam/orthanc\" is not allowed; use an image pinned by tag, digest or both, e.g. orthancteam/orthanc:26.8.1 or orthancteam/orthanc:26.8.1@sha256:<64 hex digits>");
            assertRejected({ compute: { image: "orthancteam/orthanc:26.8.1@sha256:abc" } }, "compute.image: \"orthancteam/orthanc:26.8.1@sha256:abc\" is not allowed; use an image pinned by tag, digest or both, e.g. orthancteam/orthanc:26.8.1 or orthancteam/orthanc:26.8.1@sha256:<64 hex digits>");
            const tagAndDigest = `orthancteam/orthanc:26.8.1@sha256:${"0123456789abcdef".repeat(4)}`;
            assert.strictEqual(parseStackConfig(minimal({ compute: { image: tagAndDigest } }), "t").compute.image, tagAndDigest);
            const latestByDigest = `orthancteam/orthanc:latest@sha256:${"b".repeat(64)}`;
            assert.strictEqual(parseStackConfig(minimal({ compute: { image: latestByDigest } }), "t").compute.image, latestByDigest);
            assertRejected({ compute: { image: "orthancteam/orthanc:latest" } }, "compute.image: \"orthancteam/orthanc:latest\" is not allowed; pin a version tag or digest; `latest` changes under a running service");
            const digest = `orthancteam/orthanc@sha256:${"a".repeat(64)}`;
            assert.strictEqual(parseStackConfig(minimal({ compute: { image: digest } }), "t").compute.image, digest);
            assert.strictEqual(parseStackConfig(minimal({ compute: { image: "registry.example.org:5000/pacs/orthanc:1.2" } }), "t").compute.image, "registry.example.org:5000/pacs/orthanc:1.2");
        });
    });

    describe("storage", () => {
        it("accepts each backend and EFS lifecycle value", () => {
            for (const efsTransitionToIa of ["AFTER_1_DAY", "AFTER_7_DAYS", "AFTER_90_DAYS", "AFTER_365_DAYS"]) {
                assert.strictEqual(parseStackConfig(minimal({ storage: { backend: "efs", efsTransitionToIa } }), "t").storage.efsTransitionToIa, efsTransitionToIa);
            }
            assert.strictEqual(parseStackConfig(minimal({ storage: { efsTransitionToPrimary: "none" } }), "t").storage.efsTransitionToPrimary, "none");
        });
        it("rejects unknown values", () => {
            assertRejected({ storage: { backend: "ebs" } }, "storage.backend: \"ebs\" is not allowed; use one of efs, s3");
            assertRejected({ storage: { efsTransitionToIa: "AFTER_2_DAYS" } }, "storage.efsTransitionToIa: \"AFTER_2_DAYS\" is not allowed; use one of AFTER_1_DAY, AFTER_7_DAYS, AFTER_14_DAYS, AFTER_30_DAYS, AFTER_60_DAYS, AFTER_90_DAYS, AFTER_180_DAYS, AFTER_270_DAYS, AFTER_365_DAYS");
            assertRejected({ storage: { efsTransitionToPrimary: "AFTER_2_ACCESSES" } }, "storage.efsTransitionToPrimary: \"AFTER_2_ACCESSES\" is not allowed; use one of AFTER_1_ACCESS, none");
            assertRejected({ storage: { s3NoncurrentVersionExpirationDays: 0 } }, "storage.s3NoncurrentVersionExpirationDays: 0 is not allowed; use a whole number from 1 to 36500");
        });
        it("keeps objects 90 days in Glacier IR before Deep Archive", () => {
            assertRejected({ storage: { s3GlacierInstantRetrievalAfterDays: 30, s3DeepArchiveAfterDays: 100 } },
                "storage.s3DeepArchiveAfterDays: 100 is not allowed; use 0 (never) or at least 120: S3 keeps objects 90 days in Glacier Instant Retrieval (storage.s3GlacierInstantRetrievalAfterDays = 30) before moving them on");
            const config = parseStackConfig(minimal({ storage: { s3GlacierInstantRetrievalAfterDays: 30, s3DeepArchiveAfterDays: 120 } }), "t");
            assert.strictEqual(config.storage.s3DeepArchiveAfterDays, 120);
            assert.strictEqual(parseStackConfig(minimal({ storage: { s3GlacierInstantRetrievalAfterDays: 0, s3DeepArchiveAfterDays: 10 } }), "t").storage.s3DeepArchiveAfterDays, 10);
        });
    });

    describe("database", () => {
        it("accepts supported majors only", () => {
            for (const engineVersion of ["16", "17"]) assert.strictEqual(parseStackConfig(minimal({ database: { engineVersion } }), "t").database.engineVersion, engineVersion);
            for (const engineVersion of ["15", "13", "17.2", "postgres17"]) {
                assertRejected({ database: { engineVersion } }, `database.engineVersion: "${engineVersion}" is not allowed; use one of 16, 17`);
            }
            assert.strictEqual(parseStackConfig(minimal({ database: { engineVersion: 17 } }), "t").database.engineVersion, "17");
            for (const engineVersion of [15, 17.2]) assertRejected({ database: { engineVersion } }, `database.engineVersion: ${engineVersion} is not allowed; use one of 16, 17`);
        });
        it("rejects a non-RDS instance class", () => assertRejected({ database: { instanceClass: "m7g.large" } }, "database.instanceClass: \"m7g.large\" is not allowed; use an RDS instance class such as db.t4g.medium or db.m7g.large"));
        it("bounds backup retention to 1–35 days", () => {
            for (const days of [0, 36]) assertRejected({ database: { backupRetentionDays: days } }, `database.backupRetentionDays: ${days} is not allowed; use a whole number from 1 to 35`);
            assert.strictEqual(parseStackConfig(minimal({ database: { backupRetentionDays: 35 } }), "t").database.backupRetentionDays, 35);
        });
        it("checks storage bounds and the autoscaling headroom", () => {
            assertRejected({ database: { allocatedStorage: 10 } }, "database.allocatedStorage: 10 is not allowed; use a whole number from 20 to 65536");
            assertRejected({ database: { allocatedStorage: 100, maxAllocatedStorage: 105 } }, "database.maxAllocatedStorage: 105 is not allowed; use at least 110: RDS needs the autoscaling ceiling 10 % above database.allocatedStorage (100)");
            assert.strictEqual(parseStackConfig(minimal({ database: { allocatedStorage: 200 } }), "t").database.maxAllocatedStorage, 220);
        });
        it("reads booleans strictly", () => assertRejected({ database: { multiAz: "yes" } }, "database.multiAz: \"yes\" is not allowed; use true or false"));
    });

    describe("endpoint", () => {
        it("needs domainName and hostedZoneId together, naming the missing one", () => {
            assertRejected({ endpoint: { allowedCidrs: ["10.0.0.0/8"], domainName: "pacs.example.org" } }, "endpoint.hostedZoneId: is required when endpoint.domainName is set (set both for a DNS-validated certificate, or neither for a self-signed one)");
            assertRejected({ endpoint: { allowedCidrs: ["10.0.0.0/8"], hostedZoneId: "Z123ABC" } }, "endpoint.domainName: is required when endpoint.hostedZoneId is set (set both for a DNS-validated certificate, or neither for a self-signed one)");
            const config = parseStackConfig(minimal({ endpoint: { allowedCidrs: ["10.0.0.0/8"], domainName: "pacs.example.org", hostedZoneId: "Z123ABC" } }), "t");
            assert.strictEqual(config.endpoint.domainName, "pacs.example.org");
        });
        it("rejects a malformed domain name or zone id", () => {
            assertRejected({ endpoint: { allowedCidrs: ["10.0.0.0/8"], domainName: "https://pacs.example.org", hostedZoneId: "Z1" } }, "endpoint.domainName: \"https://pacs.example.org\" is not allowed; use a lower-case DNS name such as pacs.example.org");
            assertRejected({ endpoint: { allowedCidrs: ["10.0.0.0/8"], domainName: "pacs.example.org", hostedZoneId: "example.org" } }, "endpoint.hostedZoneId: \"example.org\" is not allowed; use a Route 53 hosted zone ID such as Z0123456789ABCDEFGHIJ");
        });
        it("requires at least one allowed CIDR", () => {
            assertRejected({ endpoint: {} }, "endpoint.allowedCidrs: is required: list the client networks allowed to reach Orthanc, e.g. [\"203.0.113.0/24\"]");
            assertRejected({ endpoint: { allowedCidrs: [] } }, "endpoint.allowedCidrs: is required: list the client networks allowed to reach Orthanc, e.g. [\"203.0.113.0/24\"]");
            assertRejected({ endpoint: { allowedCidrs: "10.0.0.0/8" } }, "endpoint.allowedCidrs: \"10.0.0.0/8\" is not allowed; use a list of strings");
        });
        it("validates each CIDR", () => {
            for (const bad of ["10.0.0.0/33", "300.1.1.0/24", "10.0.0.1/8", "pacs.example.org", "2001:db8::/129", "2001:db8:::/32", "2001:db8::1/32"]) {
                assertRejected({ endpoint: { allowedCidrs: [bad] } }, `endpoint.allowedCidrs: "${bad}" is not allowed; use IPv4 CIDR notation with no host bits set, e.g. 203.0.113.0/24`);
            }
            const config = parseStackConfig(minimal({ endpoint: { allowedCidrs: ["198.51.100.7/32", "10.0.0.0/8"] } }), "t");
            assert.strictEqual(config.endpoint.allowedCidrs.length, 2);
        });
        it("refuses IPv6 ranges with the reason: the load balancer is IPv4-only, so they could never connect", () => {
            for (const ipv6 of ["2001:db8::/32", "::/0"]) {
                assertRejected({ endpoint: { allowedCidrs: ["198.51.100.0/24", ipv6], allowInternet: true } },
                    `endpoint.allowedCidrs: "${ipv6}" is not allowed; the load balancer is IPv4-only (the VPC has no IPv6 range), so IPv6 clients could never connect; list the clients' public IPv4 ranges`);
            }
        });
        it("treats internet-wide ranges in any spelling like 0.0.0.0/0", () => {
            for (const wide of ["0.0.0.0/1", "128.0.0.0/1", "8.0.0.0/8", "0.0.0.0/0"]) {
                assertRejected({ endpoint: { allowedCidrs: [wide] } }, `endpoint.allowedCidrs: "${wide}" is not allowed; it opens Orthanc to the whole internet or a large part of it; set endpoint.allowInternet: true to confirm`);
            }
            const config = parseStackConfig(minimal({ endpoint: { allowedCidrs: ["10.0.0.0/8", "100.64.0.0/10"] } }), "t");
            assert.strictEqual(config.endpoint.allowedCidrs.length, 2);
        });
        it("admits the whole internet only when explicitly allowed", () => {
            assertRejected({ endpoint: { allowedCidrs: ["0.0.0.0/0"] } }, "endpoint.allowedCidrs: \"0.0.0.0/0\" is not allowed; it opens Orthanc to the whole internet or a large part of it; set endpoint.allowInternet: true to confirm");
            assert.deepStrictEqual(parseStackConfig(minimal({ endpoint: { allowedCidrs: ["0.0.0.0/0"], allowInternet: true } }), "t").endpoint.allowedCidrs, ["0.0.0.0/0"]);
        });
        it("bounds the DICOM port and keeps 443 for HTTPS", () => {
            for (const port of [0, 65536, "http"]) assertRejected({ endpoint: { allowedCidrs: ["10.0.0.0/8"], dicomPort: port } }, `endpoint.dicomPort: ${JSON.stringify(port)} is not allowed; use a whole number from 1 to 65535`);
            assertRejected({ endpoint: { allowedCidrs: ["10.0.0.0/8"], dicomPort: 443 } }, "endpoint.dicomPort: 443 is not allowed; 443 carries HTTPS; choose another port, e.g. 11112");
            assert.strictEqual(parseStackConfig(minimal({ endpoint: { allowedCidrs: ["10.0.0.0/8"], dicomPort: 104 } }), "t").endpoint.dicomPort, 104);
        });
        it("follows the DICOM AE title rules", () => {
            for (const good of ["ORTHANC", "A", "PACS 1", "X".repeat(16)]) {
                assert.strictEqual(parseStackConfig(minimal({ endpoint: { allowedCidrs: ["10.0.0.0/8"], aeTitle: good } }), "t").endpoint.aeTitle, good);
            }
            for (const bad of ["", "X".repeat(17), "   ", "AE\\TITLE", "AE\tTITLE", "RÖNTGEN"]) {
                assertRejected({ endpoint: { allowedCidrs: ["10.0.0.0/8"], aeTitle: bad } }, `endpoint.aeTitle: ${JSON.stringify(bad)} is not allowed; use 1–16 characters of the DICOM default repertoire (printable ASCII), no backslash or control characters, not only spaces`);
            }
            assertRejected({ endpoint: { allowedCidrs: ["10.0.0.0/8"], aeTitle: " PACS" } }, "endpoint.aeTitle: \" PACS\" is not allowed; leading and trailing spaces are not significant in DICOM; remove them");
        });
    });

    describe("database connections", () => {
        it("refuse more Orthanc tasks than the database class can serve", () => {
            const problems = problemsOf(minimal({ database: { instanceClass: "db.t4g.micro" }, compute: { minCount: 1, desiredCount: 1, maxCount: 100 } }));
            assert.strictEqual(problems.length, 1);
            assert.match(problems[0], /^compute\.maxCount: 100 Orthanc tasks \(200 during a rolling deployment\) cannot each get a database connection from database\.instanceClass "db\.t4g\.micro" \(about \d+ connections, 10 reserved\); choose a larger database\.instanceClass or a smaller compute\.maxCount$/);
            assert.strictEqual(parseStackConfig(minimal({ database: { instanceClass: "db.m7g.large" }, compute: { maxCount: 100 } }), "t").compute.maxCount, 100);
        });
    });

    describe("metadata pipeline, backups, logs", () => {
        it("needs the S3 backend for the pipeline", () => {
            assertRejected({ storage: { backend: "efs" }, metadataPipeline: { enabled: true } }, "metadataPipeline.enabled: requires storage.backend: s3 (it indexes the image bucket), but storage.backend is \"efs\"");
            assert.strictEqual(parseStackConfig(minimal({ storage: { backend: "s3" }, metadataPipeline: { enabled: true } }), "t").metadataPipeline.enabled, true);
        });
        it("checks concurrency and the alarm address", () => {
            assertRejected({ metadataPipeline: { reservedConcurrency: 1 } }, "metadataPipeline.reservedConcurrency: 1 is not allowed; use a whole number from 2 to 1000");
            assertRejected({ metadataPipeline: { alarmEmail: "ops" } }, "metadataPipeline.alarmEmail: \"ops\" is not allowed; use an e-mail address");
        });
        it("accepts only CloudWatch's retention values, never 'forever'", () => {
            for (const days of ["0", "42", "400000"]) assertRejected({ logRetentionDays: days }, `logRetentionDays: "${days}" is not allowed; use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653`);
        });
        it("rejects unknown backup settings", () => assertRejected({ backup: { retentionDay: 7 } }, "backup.retentionDay: unknown setting; known settings here are backup.retentionDays, backup.copyRegion, backup.copyVaultArn, backup.copyRetentionDays, backup.vaultLock"));
        it("bounds backup retention", () => assertRejected({ backup: { retentionDays: 0 } }, "backup.retentionDays: 0 is not allowed; use a whole number from 1 to 36500"));
        it("rejects a section that is not an object", () => assertRejected({ backup: "[1]" }, "backup: [1] is not allowed; use an object (Pulumi structured config)"));
        it("reports malformed structured config", () => {
            const problems = problemsOf({ ...minimal(), "orthanc-aws:network": "{not json" });
            assert.deepStrictEqual(problems, ["network: is not valid structured config: \"{not json\""]);
        });
    });
    describe("web tier, trail and Object Lock settings", () => {
        it("put WAF on where the data stores are protected, off where they are not, unless set", () => {
            assert.deepStrictEqual(parseStackConfig(minimal(), "t").web, { waf: true });
            assert.deepStrictEqual(parseStackConfig(minimal({ protectDataStores: false }), "t").web, { waf: false });
            assert.deepStrictEqual(parseStackConfig(minimal({ protectDataStores: false, web: { waf: true } }), "t").web, { waf: true });
            assertRejected({ web: { waff: true } }, "web.waff: unknown setting; known settings here are web.waf");
        });

        it("create the stack's trail unless an organization trail is named, whose name must be a trail name", () => {
            assert.deepStrictEqual(parseStackConfig(minimal(), "t").cloudTrail, { organizationTrailName: undefined });
            assert.deepStrictEqual(parseStackConfig(minimal({ cloudTrail: { organizationTrailName: "org-trail" } }), "t").cloudTrail, { organizationTrailName: "org-trail" });
            assertRejected({ cloudTrail: { organizationTrailName: "-x" } },
                "cloudTrail.organizationTrailName: \"-x\" is not allowed; use the trail's name: 3–128 letters, digits and ._-, starting and ending with a letter or digit");
        });

        it("keep Object Lock off by default and refuse it without the S3 backend", () => {
            assert.strictEqual(parseStackConfig(minimal(), "t").storage.s3ObjectLockRetentionDays, 0);
            assert.strictEqual(parseStackConfig(minimal({ storage: { s3ObjectLockRetentionDays: 30 } }), "t").storage.s3ObjectLockRetentionDays, 30);
            assertRejected({ storage: { backend: "efs", s3ObjectLockRetentionDays: 30 } },
                "storage.s3ObjectLockRetentionDays: requires storage.backend: s3 (Object Lock protects the image bucket), but storage.backend is \"efs\"; use 0");
        });
    });
});
