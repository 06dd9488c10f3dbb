/**
 * The data tier as the whole program wires it, for the sample stacks and with the other storage backend:
 * the keys, subnets and protection flags the components receive come from the foundation and the config.
 */
import * as assert from "node:assert/strict";
import { evaluateStack } from "../../tools/offline/evaluate";
import type { Plan, PlannedResource } from "../../tools/offline/planTypes";
import { inputsOf, output, stackConfig } from "./planQueries";
import { ofType, single, subnetIdsOf, vpcIdOf } from "../support/planQueries";

const PROTECTED_STORES = [
    "aws:rds/instance:Instance", "aws:efs/fileSystem:FileSystem", "aws:s3/bucket:Bucket", "aws:backup/vault:Vault",
];

interface Variant {
    title: string;
    stack: string;
    overrides: Record<string, unknown>;
    backend: "efs" | "s3";
}

const VARIANTS: Variant[] = [
    { title: "dev (EFS)", stack: "dev", overrides: {}, backend: "efs" },
    { title: "prod (S3)", stack: "prod", overrides: {}, backend: "s3" },
    { title: "dev with S3", stack: "dev", overrides: { storage: { backend: "s3" } }, backend: "s3" },
    // The metadata pipeline indexes the image bucket, so it goes with S3.
    {
        title: "prod with EFS", stack: "prod", backend: "efs",
        overrides: { storage: { backend: "efs" }, metadataPipeline: { enabled: false } },
    },
];

function keyArn(plan: Plan, domain: "data" | "logs"): unknown {
    return output(single(plan, "aws:kms/key:Key", `-keys-${domain}`), "arn");
}

function isolatedSubnets(plan: Plan): unknown {
    return subnetIdsOf(plan, "isolated");
}

for (const variant of VARIANTS) {
    describe(`data tier in the offline plan: ${variant.title}`, () => {
        const config = stackConfig(variant.stack);
        let plan: Plan;
        before(async () => { plan = await evaluateStack(variant.stack, variant.overrides); });

        it("builds the file store of the configured backend only", () => {
            assert.equal(ofType(plan, "orthanc-aws:data:FileStorage").length, variant.backend === "efs" ? 1 : 0);
            assert.equal(ofType(plan, "orthanc-aws:data:ObjectStorage").length, variant.backend === "s3" ? 1 : 0);
            assert.equal(ofType(plan, "aws:efs/fileSystem:FileSystem").length, variant.backend === "efs" ? 1 : 0);
            assert.equal(ofType(plan, "aws:s3/bucket:Bucket").filter((b) => b.name.includes("-objects-")).length,
                variant.backend === "s3" ? 2 : 0);
        });

        it("encrypts every store with the data key and the database logs with the logs key", () => {
            const dataKey = keyArn(plan, "data");
            const db = inputsOf(single(plan, "aws:rds/instance:Instance"));
            assert.equal(db.kmsKeyId, dataKey);
            assert.equal(db.performanceInsightsKmsKeyId, dataKey);
            assert.equal(db.masterUserSecretKmsKeyId, dataKey);
            assert.equal(inputsOf(single(plan, "aws:backup/vault:Vault")).kmsKeyArn, dataKey);
            for (const group of ofType(plan, "aws:cloudwatch/logGroup:LogGroup").filter((g) => g.name.includes("-database-"))) {
                assert.equal(group.inputs.kmsKeyId, keyArn(plan, "logs"));
                assert.equal(group.inputs.retentionInDays, config.logRetentionDays);
            }
            if (variant.backend === "efs") {
                assert.equal(inputsOf(single(plan, "aws:efs/fileSystem:FileSystem")).kmsKeyId, dataKey);
            } else {
                const sse = inputsOf(single(plan,
                    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "images-encryption"));
                assert.equal(sse.rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId, dataKey);
            }
        });

        it("puts the database and the mount targets in the network's isolated subnets", () => {
            const subnets = isolatedSubnets(plan) as string[];
            assert.equal(subnets.length, config.network.availabilityZones);
            assert.deepEqual(single(plan, "aws:rds/subnetGroup:SubnetGroup").inputs.subnetIds, subnets);
            const vpcId = vpcIdOf(plan);
            for (const group of ofType(plan, "aws:ec2/securityGroup:SecurityGroup")
                .filter((g) => /-(database|files)-/.test(g.name))) {
                assert.equal(group.inputs.vpcId, vpcId, group.name);
            }
            if (variant.backend === "efs") {
                assert.deepEqual(ofType(plan, "aws:efs/mountTarget:MountTarget").map((t) => t.inputs.subnetId), subnets);
            }
        });

        it("follows the stack's database settings", () => {
            const db = inputsOf(single(plan, "aws:rds/instance:Instance"));
            assert.equal(db.multiAz, config.database.multiAz);
            assert.equal(db.deletionProtection, config.database.deletionProtection);
            assert.equal(db.backupRetentionPeriod, config.database.backupRetentionDays);
            assert.equal(db.engineVersion, config.database.engineVersion);
            assert.equal(db.publiclyAccessible, false);
        });

        it("protects the PHI stores exactly when protectDataStores is on", () => {
            // The data tier's stores; the load balancers', AWS Config's and the trail's buckets are checked by their components' tests.
            const stores: PlannedResource[] = PROTECTED_STORES.flatMap((type) => ofType(plan, type))
                .filter((store) => !/-(endpoint|web)-access-logs$|-compliance-config|-trail-bucket$/.test(store.name));
            assert.equal(stores.length, variant.backend === "efs" ? 3 : 4);
            for (const store of stores) assert.equal(store.options.protect, config.protectDataStores, store.name);
            assert.equal(ofType(plan, "aws:backup/vaultPolicy:VaultPolicy").length, config.protectDataStores ? 1 : 0);
        });

        it("backs up the database, the file store and (with the pipeline) the header table daily, with the stack's retention", () => {
            const db = single(plan, "aws:rds/instance:Instance");
            const fileStore = variant.backend === "efs"
                ? output(single(plan, "aws:efs/fileSystem:FileSystem"), "arn")
                : output(single(plan, "aws:s3/bucket:Bucket", "-objects-images"), "arn");
            const table = ofType(plan, "aws:dynamodb/table:Table").map((resource) => output(resource, "arn"));
            assert.deepEqual(inputsOf(single(plan, "aws:backup/selection:Selection")).resources,
                [output(db, "arn"), fileStore, ...table]);
            assert.deepEqual(inputsOf(single(plan, "aws:backup/plan:Plan")).rules[0].lifecycle,
                { deleteAfter: config.backup.retentionDays });
        });

        it("gives every data resource the explicit AWS provider", () => {
            const data = plan.resources.filter((r) => r.custom && r.type.startsWith("aws:") && /-(database|files|objects|backup)-/.test(r.name));
            assert.ok(data.length > 15);
            for (const resource of data) {
                assert.match(String(resource.options.provider), /pulumi:providers:aws::/, resource.name);
            }
        });
    });
}
