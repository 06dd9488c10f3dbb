import * as assert from "assert";
import * as fs from "fs";
import { evaluateStack, PROJECT_DIR } from "../../tools/offline/evaluate";
import { committedStacks } from "../../tools/offline/stackFile";
import {
    InventoryEntry, inventoryDifference, inventoryOf, parseInventory, physicalNameOf, renderInventory, statefulReplacements,
} from "../../tools/offline/urnInventory";
import { urnFixturePath } from "../../tools/urns";

const STACKS = committedStacks(PROJECT_DIR);

describe("committed URN lists: no silent replacement", () => {
    it("has a fixture for every committed stack", () => {
        assert.deepStrictEqual(STACKS.filter((stack) => !fs.existsSync(urnFixturePath(stack))), []);
    });

    for (const stack of STACKS) {
        describe(stack, () => {
            let committed: InventoryEntry[];
            let planned: InventoryEntry[];
            before(async () => {
                committed = parseInventory(fs.readFileSync(urnFixturePath(stack), "utf8"));
                planned = inventoryOf(await evaluateStack(stack));
            });

            it("plans exactly the committed URNs (update with `npm run urns:update` when the change is meant)", () => {
                const { added, removed } = inventoryDifference(committed, planned);
                assert.ok(added.length === 0 && removed.length === 0,
                    `the plan of ${stack} differs from test/fixtures/urns.${stack}.txt:\n` +
                    [...added.map((urn) => `+ ${urn}`), ...removed.map((urn) => `- ${urn}`)].join("\n"));
            });

            it("keeps the URN and physical name of every stateful resource", () => {
                const problems = statefulReplacements(committed, planned);
                assert.deepStrictEqual(problems, [], problems.join("\n"));
            });

            it("lists stateful resources of every kind the stack has", () => {
                const statefulTypes = new Set(committed.filter((e) => e.physicalName !== undefined).map((e) => e.urn.split("$").pop()!.split("::")[0]));
                for (const type of ["aws:rds/instance:Instance", "aws:kms/key:Key", "aws:backup/vault:Vault", "aws:secretsmanager/secret:Secret"]) {
                    assert.ok(statefulTypes.has(type), `${type} missing from the stateful lines of ${stack}`);
                }
            });
        });
    }
});

describe("stateful-replacement check", () => {
    const DB = "urn:pulumi:dev::orthanc-aws::orthanc-aws:data:Database$aws:rds/instance:Instance::orthanc-dev-database-instance";
    const MOVED_DB = "urn:pulumi:dev::orthanc-aws::orthanc-aws:data:Store$aws:rds/instance:Instance::orthanc-dev-database-instance";
    const QUEUE = "urn:pulumi:dev::orthanc-aws::orthanc-aws:pipeline:MetadataPipeline$aws:sqs/queue:Queue::orthanc-dev-pipeline-events";
    const committed: InventoryEntry[] = [{ urn: DB, physicalName: "identifier=orthanc-dev-database" }, { urn: QUEUE }];

    it("round-trips the fixture format", () => {
        assert.deepStrictEqual(parseInventory(renderInventory(committed)), committed);
    });

    it("reads the physical name from the inputs that carry it, or says the provider derives it", () => {
        assert.strictEqual(physicalNameOf({ type: "aws:rds/instance:Instance", inputs: { identifier: "db-1" } }), "identifier=db-1");
        assert.strictEqual(physicalNameOf({ type: "aws:secretsmanager/secret:Secret", inputs: { namePrefix: "x/admin-" } }), "namePrefix=x/admin-");
        assert.strictEqual(physicalNameOf({ type: "aws:kms/key:Key", inputs: {} }), "(auto-named from the URN)");
    });

    it("explains a moved stateful resource: what would be deleted and how to alias it", () => {
        const [problem, ...rest] = statefulReplacements(committed, [{ urn: MOVED_DB, physicalName: "identifier=orthanc-dev-database" }]);
        assert.deepStrictEqual(rest, []);
        assert.strictEqual(problem,
            `${DB} is gone from the plan: \`pulumi up\` would DELETE it (identifier=orthanc-dev-database) and create ${MOVED_DB} empty. ` +
            'If it moved, give the new resource `aliases: [{ name: "orthanc-dev-database-instance", parent: <old parent> }]` ' +
            "(or the old URN) so Pulumi adopts it; if it is meant to go, update the fixture with `npm run urns:update`.");
    });

    it("explains a renamed physical name as a replacement", () => {
        const problems = statefulReplacements(committed, [{ urn: DB, physicalName: "identifier=orthanc-dev-db" }]);
        assert.deepStrictEqual(problems, [
            `${DB} changes its physical name from identifier=orthanc-dev-database to identifier=orthanc-dev-db: ` +
            "`pulumi up` would REPLACE it, an empty new store instead of the old one. Keep the old name " +
            "(pass it explicitly), or migrate the data first and update the fixture with `npm run urns:update`.",
        ]);
    });

    it("ignores stateless resources that move (they are recreated, nothing is lost)", () => {
        assert.deepStrictEqual(statefulReplacements(committed, [{ urn: DB, physicalName: "identifier=orthanc-dev-database" }]), []);
        assert.deepStrictEqual(inventoryDifference(committed, [{ urn: DB }]), { added: [], removed: [QUEUE] });
    });
});
