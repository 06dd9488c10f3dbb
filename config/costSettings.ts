/** Readers of the cost settings (the estimate's `costAssumptions`, the stack's `budget`) and checks of the cheaper options. */
import { PRICE_TABLE, pricedRegions } from "../components/cost";
import { usableInterfaceEndpoints } from "../components/network";
import { ConfigProblems, SectionReader, show } from "./fields";
import { BudgetConfig, CostAssumptions, StackConfig } from "./types";

export const COST_ASSUMPTION_SETTINGS = [
    "studiesPerMonth", "mbPerStudy", "instancesPerStudy", "retentionYears", "estimateMonth",
    "egressGbPerMonth", "natGbPerMonth", "logGbPerMonth", "webRequestsPerMonth",
] as const;
export const BUDGET_SETTINGS = ["enabled", "monthlyLimitUsd", "marginPercent"] as const;

/** A small clinic: about 50 studies a working day of 100 MB (CR/DX to CT/MR mixed), kept 7 years. */
export function readCostAssumptions(section: SectionReader): CostAssumptions {
    section.rejectUnknown(COST_ASSUMPTION_SETTINGS);
    return {
        studiesPerMonth: section.integer("studiesPerMonth", 0, 10_000_000, 1000),
        mbPerStudy: section.integer("mbPerStudy", 1, 1_000_000, 100),
        instancesPerStudy: section.integer("instancesPerStudy", 1, 1_000_000, 200),
        retentionYears: section.integer("retentionYears", 1, 100, 7),
        estimateMonth: section.integer("estimateMonth", 1, 1200, 12),
        egressGbPerMonth: section.integer("egressGbPerMonth", 0, 100_000_000, 100),
        natGbPerMonth: section.integer("natGbPerMonth", 0, 100_000_000, 20),
        logGbPerMonth: section.integer("logGbPerMonth", 0, 100_000_000, 5),
        webRequestsPerMonth: section.integer("webRequestsPerMonth", 0, 1_000_000_000_000, 1_000_000),
    };
}

export function readBudget(section: SectionReader): BudgetConfig {
    section.rejectUnknown(BUDGET_SETTINGS);
    const monthlyLimitUsd = section.has("monthlyLimitUsd") ? section.integer("monthlyLimitUsd", 1, 100_000_000, 1) : undefined;
    return {
        enabled: section.boolean("enabled", true),
        ...(monthlyLimitUsd !== undefined ? { monthlyLimitUsd } : {}),
        marginPercent: section.integer("marginPercent", 0, 1000, 20),
    };
}

/** Without a price table for the region the budget has no default: the user must give the amount. */
export function checkBudgetRegion(budget: BudgetConfig, region: string, problems: ConfigProblems): void {
    if (!budget.enabled || budget.monthlyLimitUsd !== undefined || region === "" || PRICE_TABLE.regions[region] !== undefined) return;
    problems.add("budget.monthlyLimitUsd", `is required in ${region}: the price table (components/cost/awsPrices.json, as of ${PRICE_TABLE.asOf}) has prices for ${pricedRegions().join(", ")} only, so the estimate cannot set the budget; set the amount, run \`npm run prices:refresh -- --region ${region}\` where the AWS price list is reachable, or set budget.enabled: false`);
}

/** `network.interfaceEndpoints`: true (all the launch type uses), false (none) or a list of services. */
export function readInterfaceEndpoints(section: SectionReader): boolean | string[] {
    if (!section.has("interfaceEndpoints")) return true;
    const known = usableInterfaceEndpoints("ec2");
    const allowed = `use true (all), false (none) or a list of services from ${known.join(", ")}`;
    const list = section.listOrBoolean("interfaceEndpoints", allowed);
    if (typeof list === "boolean") return list;
    const unknown = list.filter((service) => !known.includes(service));
    if (list.length === 0 || unknown.length > 0) {
        section.problems.invalid(section.path("interfaceEndpoints"), list.length === 0 ? list : unknown, allowed);
        return true;
    }
    return list;
}

/** The first orthancteam/orthanc release published for linux/arm64 (orthanc-builder, release-notes-docker-images.md). */
const ORTHANCTEAM_FIRST_ARM64_RELEASE = [24, 3, 5];

export function checkCheaperOptions(config: StackConfig, problems: ConfigProblems): void {
    const { compute } = config;
    if (compute.fargateSpot && compute.launchType !== "fargate") {
        problems.add("compute.fargateSpot", "requires compute.launchType: fargate (the EC2 container hosts are on-demand instances)");
    } else if (compute.fargateSpot && config.protectDataStores) {
        problems.add("compute.fargateSpot", "Fargate Spot stops tasks at two minutes' notice when AWS needs the capacity back: it is for non-production stacks; set protectDataStores: false for such a stack, or leave fargateSpot off");
    }
    if (compute.cpuArchitecture === "arm64") {
        if (compute.launchType !== "fargate") {
            problems.add("compute.cpuArchitecture", "applies to Fargate tasks; on EC2 the instance type decides (a Graviton type such as m7g.large runs arm64)");
        }
        const version = /^(?:docker\.io\/)?orthancteam\/orthanc:(\d+)\.(\d+)\.(\d+)/.exec(compute.image)?.slice(1).map(Number);
        if (version && compareVersions(version, ORTHANCTEAM_FIRST_ARM64_RELEASE) < 0) {
            problems.add("compute.cpuArchitecture", `"arm64" needs an image built for linux/arm64: orthancteam/orthanc publishes one from ${ORTHANCTEAM_FIRST_ARM64_RELEASE.join(".")}, not ${compute.image}`);
        }
    }
    const choice = config.network.interfaceEndpoints;
    if (Array.isArray(choice)) {
        const usable = usableInterfaceEndpoints(compute.launchType);
        const unused = choice.filter((service) => !usable.includes(service));
        if (unused.length > 0) problems.invalid("network.interfaceEndpoints", unused, `only the ECS agent on EC2 container hosts uses these; with compute.launchType ${show(compute.launchType)} choose from ${usable.join(", ")}`);
    }
}

function compareVersions(a: readonly number[], b: readonly number[]): number {
    for (let index = 0; index < Math.max(a.length, b.length); index += 1) {
        if ((a[index] ?? 0) !== (b[index] ?? 0)) return (a[index] ?? 0) - (b[index] ?? 0);
    }
    return 0;
}
