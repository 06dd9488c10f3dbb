/**
 * The safety net of a refactor: the committed list of every URN a stack's plan registers, with the physical name of
 * each stateful resource. A changed URN makes `pulumi up` delete the old resource and create a new one; for the
 * stores below that is data loss (Pulumi: https://www.pulumi.com/docs/iac/concepts/options/aliases/).
 */
import { Plan, PlannedResource } from "./planTypes";

/**
 * Resource types whose replacement loses data or breaks what depends on them, with the inputs that carry their
 * physical name (empty: the provider auto-names them from the URN's logical name).
 */
export const STATEFUL_TYPES: Record<string, readonly string[]> = {
    "aws:rds/instance:Instance": ["identifier", "identifierPrefix"],
    "aws:efs/fileSystem:FileSystem": ["creationToken"],
    "aws:s3/bucket:Bucket": ["bucket", "bucketPrefix"],
    "aws:s3/bucketV2:BucketV2": ["bucket", "bucketPrefix"],
    "aws:dynamodb/table:Table": ["name"],
    "aws:backup/vault:Vault": ["name"],
    // A key cannot be recreated: whatever it encrypted is lost with it.
    "aws:kms/key:Key": [],
    "aws:kms/alias:Alias": ["name", "namePrefix"],
    "aws:secretsmanager/secret:Secret": ["name", "namePrefix"],
};

const AUTO_NAMED = "(auto-named from the URN)";

export interface InventoryEntry {
    urn: string;
    /** Present for stateful resources only. */
    physicalName?: string;
}

export function isStateful(type: string): boolean {
    return Object.prototype.hasOwnProperty.call(STATEFUL_TYPES, type);
}

/** The input that names the resource in AWS, `name=value`, or the marker that the provider derives it from the URN. */
export function physicalNameOf(resource: Pick<PlannedResource, "type" | "inputs">): string {
    for (const input of STATEFUL_TYPES[resource.type] ?? []) {
        const value = resource.inputs[input];
        if (value !== undefined && value !== null) return `${input}=${String(value)}`;
    }
    return AUTO_NAMED;
}

export function inventoryOf(plan: Plan): InventoryEntry[] {
    return plan.resources
        .map((r) => (isStateful(r.type) ? { urn: r.urn, physicalName: physicalNameOf(r) } : { urn: r.urn }))
        .sort((a, b) => a.urn.localeCompare(b.urn));
}

const HEADER = [
    "# Every URN the offline plan of this stack registers; stateful resources carry their physical name after a tab.",
    "# Regenerate deliberately with `npm run urns:update` and review the diff: a removed stateful line is a deletion.",
];

export function renderInventory(entries: InventoryEntry[]): string {
    const lines = entries.map((e) => (e.physicalName === undefined ? e.urn : `${e.urn}\t${e.physicalName}`));
    return `${[...HEADER, ...lines].join("\n")}\n`;
}

export function parseInventory(text: string): InventoryEntry[] {
    return text.split("\n").filter((line) => line !== "" && !line.startsWith("#")).map((line) => {
        const [urn, physicalName] = line.split("\t");
        return physicalName === undefined ? { urn } : { urn, physicalName };
    });
}

export interface InventoryDifference {
    added: string[];
    removed: string[];
}

export function inventoryDifference(committed: InventoryEntry[], planned: InventoryEntry[]): InventoryDifference {
    const before = new Set(committed.map((e) => e.urn));
    const after = new Set(planned.map((e) => e.urn));
    return {
        added: [...after].filter((urn) => !before.has(urn)),
        removed: [...before].filter((urn) => !after.has(urn)),
    };
}

/** The last `::`-separated part of a URN: the resource's logical name. */
function logicalName(urn: string): string {
    return urn.slice(urn.lastIndexOf("::") + 2);
}

/**
 * Every committed stateful resource whose URN disappeared or whose physical name changed, each explained: what
 * `pulumi up` would do and how to move it without losing it.
 */
export function statefulReplacements(committed: InventoryEntry[], planned: InventoryEntry[]): string[] {
    const plannedByUrn = new Map(planned.map((e) => [e.urn, e]));
    const problems: string[] = [];
    for (const entry of committed) {
        if (entry.physicalName === undefined) continue;
        const now = plannedByUrn.get(entry.urn);
        if (now === undefined) {
            const type = entry.urn.split("::")[2]?.split("$").pop();
            const candidates = planned.filter((p) => p.physicalName !== undefined && p.urn.includes(`$${type}::`)
                && !committed.some((c) => c.urn === p.urn));
            problems.push(
                `${entry.urn} is gone from the plan: \`pulumi up\` would DELETE it (${entry.physicalName}) ` +
                (candidates.length > 0 ? `and create ${candidates.map((c) => c.urn).join(", ")} empty. ` : ". ") +
                `If it moved, give the new resource \`aliases: [{ name: "${logicalName(entry.urn)}", parent: <old parent> }]\` ` +
                "(or the old URN) so Pulumi adopts it; if it is meant to go, update the fixture with `npm run urns:update`.");
        } else if (now.physicalName !== entry.physicalName) {
            problems.push(
                `${entry.urn} changes its physical name from ${entry.physicalName} to ${now.physicalName}: ` +
                "`pulumi up` would REPLACE it, an empty new store instead of the old one. Keep the old name " +
                "(pass it explicitly), or migrate the data first and update the fixture with `npm run urns:update`.");
        }
    }
    return problems;
}
