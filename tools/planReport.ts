/** The human-readable form of a plan: a tree of components with their resources, then counts per type. */
import { isPlaceholder } from "./offline/mockOutputs";
import { Plan, PlannedResource } from "./offline/planTypes";

export function renderPlanTree(plan: Plan): string {
    const children = new Map<string | null, PlannedResource[]>();
    for (const resource of plan.resources) {
        const siblings = children.get(resource.parent) ?? [];
        siblings.push(resource);
        children.set(resource.parent, siblings);
    }
    const lines: string[] = [];
    const walk = (resource: PlannedResource, indent: string): void => {
        const kids = children.get(resource.urn) ?? [];
        const total = countDescendants(resource.urn, children);
        const label = resource.custom ? `${resource.name}  (${resource.type})` : `${resource.type}  ${resource.name}${total > 0 ? `  [${total} resources]` : ""}`;
        lines.push(`${indent}${label}${resource.options.protect ? "  [protected]" : ""}${resource.options.retainOnDelete ? "  [retained on delete]" : ""}`);
        // Components first, then their own resources sorted by type, so each area reads as one block.
        const ordered = [...kids].sort((a, b) => Number(a.custom) - Number(b.custom) || a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
        for (const kid of ordered) walk(kid, `${indent}  `);
    };
    for (const root of children.get(null) ?? []) walk(root, "");
    return lines.join("\n");
}

export function renderTypeCounts(plan: Plan): string {
    const counts = new Map<string, number>();
    for (const resource of plan.resources) counts.set(resource.type, (counts.get(resource.type) ?? 0) + 1);
    const rows = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const width = Math.max(...rows.map(([, count]) => String(count).length));
    return rows.map(([type, count]) => `${String(count).padStart(width)}  ${type}`).join("\n");
}

/** Counts of the plan; `hidden` resources exist but the plan cannot see them (a remote component's children). */
export function summarizePlan(plan: Plan, hidden = 0): { total: number; custom: number; components: number } {
    const custom = plan.resources.filter((resource) => resource.custom).length;
    return { total: plan.resources.length + hidden, custom: custom + hidden, components: plan.resources.length - custom };
}

/** The value with every string the offline mocks invented marked `‹placeholder›`, so no one copies it as real. */
export function markPlaceholders(value: unknown): unknown {
    if (typeof value === "string") return isPlaceholder(value) ? `${value} ‹placeholder›` : value;
    if (Array.isArray(value)) return value.map(markPlaceholders);
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, markPlaceholders(item)]));
    }
    return value;
}

function countDescendants(urn: string, children: Map<string | null, PlannedResource[]>): number {
    return (children.get(urn) ?? []).reduce((sum, kid) => sum + 1 + countDescendants(kid.urn, children), 0);
}
