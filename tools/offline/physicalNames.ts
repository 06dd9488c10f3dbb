/**
 * Physical names as Pulumi and the AWS provider compute them, checked against AWS's rules. The offline plan fails
 * on a name AWS would refuse: it never shortens, lower-cases or otherwise repairs one (that hid a failing first
 * `pulumi up`: target-group names of 34 characters where AWS allows 32).
 *
 * How the name is chosen (in this order):
 * - the name input when the program sets it (`name`, `bucket`, `identifier`, `family`, ...);
 * - `<prefix input> + 26 characters` for `namePrefix`-style inputs (Terraform's `id.PrefixedUniqueId`,
 *   terraform-plugin-sdk helper/id `UniqueIDSuffixLength = 26`);
 * - otherwise Pulumi's auto-name, the logical name, `-` and 7 random hex characters
 *   (https://www.pulumi.com/docs/iac/concepts/resources/names/#autonaming); the provider refuses a result over
 *   the type's limit at preview (pulumi/pulumi-aws#1317, #1932) rather than cutting it.
 */
import { AWS_NAME_FIELDS } from "./awsNameFields.generated";
import { NAME_RULES, NameRule } from "./awsNameRules";

/** Characters `namePrefix` adds (Terraform's PrefixedUniqueId). */
export const PREFIX_SUFFIX_LENGTH = 26;
/** Random hex characters Pulumi's auto-naming appends after `-`. */
export const AUTONAME_RANDOM_LENGTH = 7;

export type NameOrigin = "explicit" | "prefix" | "auto-named";

export interface PhysicalName {
    /** The input that holds it (`name`, `bucket`, ...). */
    field: string;
    value: string;
    origin: NameOrigin;
}

/**
 * The physical name `pulumi up` would give the resource, or undefined for a type without one (or whose name is
 * not known before deployment). `random` supplies the characters the provider would draw at random.
 */
export function physicalName(type: string, logicalName: string, inputs: Record<string, unknown>,
    random: (length: number) => string): PhysicalName | undefined {
    const generated = AWS_NAME_FIELDS.get(type);
    if (generated === undefined) return undefined;
    const { field, prefixField } = generated;
    const explicit = inputs[field];
    if (typeof explicit === "string") return { field, value: explicit, origin: "explicit" };
    if (explicit !== undefined) return undefined;
    const prefix = prefixField === undefined ? undefined : inputs[prefixField];
    if (typeof prefix === "string") return { field, value: prefix + random(PREFIX_SUFFIX_LENGTH), origin: "prefix" };
    if (prefix !== undefined || !generated.optional) return undefined;
    return { field, value: `${logicalName}-${random(AUTONAME_RANDOM_LENGTH)}`, origin: "auto-named" };
}

/** The rule a type's name must satisfy: the curated one, or the length the provider documents for an uncovered type. */
export function nameRuleOf(type: string): Pick<NameRule, "maxLength" | "minLength" | "pattern" | "allowed" | "reservedPrefixes" | "reservedSuffixes"> | undefined {
    const curated = NAME_RULES.get(type);
    if (curated) return curated;
    const documented = AWS_NAME_FIELDS.get(type)?.maxLength;
    return documented === undefined ? undefined : { maxLength: documented, pattern: /^.*$/s, allowed: "any characters" };
}

/** What AWS would refuse about the resource's physical name: one message per problem, empty when it is fine. */
export function physicalNameProblems(type: string, logicalName: string, name: PhysicalName): string[] {
    const problems: string[] = [];
    const subject = `${type} "${logicalName}": ${name.field} "${name.value}" (${name.origin})`;
    const generated = AWS_NAME_FIELDS.get(type);
    if (name.origin === "prefix" && generated?.prefixMaxLength !== undefined) {
        const prefixLength = name.value.length - PREFIX_SUFFIX_LENGTH;
        if (prefixLength > generated.prefixMaxLength) {
            problems.push(`${subject}: its ${generated.prefixField} is ${prefixLength} characters; the provider allows at most ${generated.prefixMaxLength}`);
        }
    }
    const rule = nameRuleOf(type);
    if (rule === undefined) return problems;
    if (name.value.length > rule.maxLength) {
        problems.push(`${subject} is ${name.value.length} characters; AWS allows at most ${rule.maxLength}`);
    }
    if (name.value.length < (rule.minLength ?? 1)) {
        problems.push(`${subject} is ${name.value.length} characters; AWS needs at least ${rule.minLength ?? 1}`);
    }
    if (!rule.pattern.test(name.value)) problems.push(`${subject} has characters AWS refuses; allowed: ${rule.allowed}`);
    const lower = name.value.toLowerCase();
    const prefix = rule.reservedPrefixes?.find((reserved) => lower.startsWith(reserved));
    if (prefix !== undefined) problems.push(`${subject} starts with "${prefix}", which AWS reserves`);
    const suffix = rule.reservedSuffixes?.find((reserved) => lower.endsWith(reserved));
    if (suffix !== undefined) problems.push(`${subject} ends with "${suffix}", which AWS reserves`);
    return problems;
}

export interface PrefixBudget {
    /** Longest `<namespace>-<stack>` every physical name built from it still fits with. */
    maxPrefixLength: number;
    /** The resource whose limit sets it. */
    limitedBy: string;
}

/**
 * How long the resource prefix may grow before some physical name of the plan exceeds its AWS limit: for every
 * name that contains the prefix, its limit minus what the name adds around the prefix; the tightest wins.
 */
export function prefixBudget(resources: ReadonlyArray<{ type: string; name: string; inputs: Record<string, unknown> }>, prefix: string): PrefixBudget {
    let budget: PrefixBudget = { maxPrefixLength: Number.POSITIVE_INFINITY, limitedBy: "" };
    for (const resource of resources) {
        const name = physicalName(resource.type, resource.name, resource.inputs, (length) => "x".repeat(length));
        const rule = nameRuleOf(resource.type);
        if (name === undefined || rule === undefined || !name.value.includes(prefix)) continue;
        const room = rule.maxLength - (name.value.length - prefix.length);
        if (room < budget.maxPrefixLength) {
            budget = { maxPrefixLength: room, limitedBy: `${resource.type} "${resource.name}" (${name.field} "${name.value}", at most ${rule.maxLength} characters)` };
        }
    }
    return budget;
}
