/**
 * Regenerates `tools/offline/awsNameFields.generated.ts` from the installed `@pulumi/aws`: for every resource type,
 * which input holds its physical name (`name`, `bucket`, `identifier`, ...), whether a `<field>Prefix` input exists,
 * and the length limit the provider's own type documentation states for each ("can have a maximum of 32
 * characters", "between 1 and 80 characters long", "Cannot be longer than 6 characters").
 *
 * Run after upgrading @pulumi/aws: `npm run offline:generate-name-fields`; test/foundation/physicalNames.test.ts
 * fails while the committed file differs from a fresh generation.
 */
import * as fs from "fs";
import * as path from "path";
import { interfaceBody } from "../policy/generateTaggableTypes";

const TYPE_TOKEN = /static __pulumiType = '([^']+)'/;

export interface GeneratedNameField {
    /** The input holding the physical name. */
    field: string;
    /** True when the input is optional, i.e. the provider auto-names the resource when it is not set. */
    optional: boolean;
    /** The `<field>Prefix` input, when the resource has one. */
    prefixField?: string;
    /** Longest name the type documentation allows, when it says. */
    maxLength?: number;
    /** Longest prefix the type documentation allows, when it says. */
    prefixMaxLength?: number;
}

/** Inputs that hold a physical name, by precedence; `name` last because some types have both (`family` + `name`). */
const NAME_FIELDS = ["bucket", "identifier", "name", "family", "creationToken"] as const;

interface DocumentedField {
    optional: boolean;
    doc: string;
}

/** Top-level fields of an Args interface with their doc comments flattened to one line. */
export function documentedFields(body: string): Map<string, DocumentedField> {
    const fields = new Map<string, DocumentedField>();
    for (const match of body.matchAll(/\n {4}\/\*\*\n((?: {5}\*.*\n)+?) {5}\*\/\n {4}(\w+)(\??):/g)) {
        fields.set(match[2], { optional: match[3] === "?", doc: match[1].replace(/\n? {5}\* ?/g, " ").trim() });
    }
    return fields;
}

/** The longest length a documentation sentence allows, or undefined when it states none. */
export function documentedMaxLength(doc: string): number | undefined {
    const patterns = [
        /maximum of (\d+) characters/i, /between \d+ and (\d+) characters/i, /less than or equal to (\d+) characters/i,
        /up to (\d+) (?:letters|characters)/i, /(?:longer|more) than (\d+) characters/i, /at most (\d+) characters/i,
        /maximum length of (\d+)/i, /(\d+) characters or (?:less|fewer)/i, /a maximum of (\d+) characters are allowed/i,
    ];
    const limits = patterns.map((pattern) => pattern.exec(doc)?.[1]).filter((limit): limit is string => limit !== undefined).map(Number);
    return limits.length > 0 ? Math.min(...limits) : undefined;
}

/** The physical-name input of one resource type's Args, or undefined when it has none. */
export function nameFieldOf(argsBody: string, className: string): GeneratedNameField | undefined {
    const fields = documentedFields(argsBody);
    // `family` names an ECS task definition but is a parameter family on RDS/ElastiCache parameter groups.
    const candidates = NAME_FIELDS.filter((field) => fields.has(field) && (field !== "family" || className === "TaskDefinition"));
    const withPrefix = candidates.find((field) => fields.has(`${field}Prefix`));
    const field = withPrefix ?? candidates.find((candidate) => candidate !== "bucket" || className === "Bucket");
    if (field === undefined) return undefined;
    const documented = fields.get(field) as DocumentedField;
    const prefix = fields.get(`${field}Prefix`);
    const result: GeneratedNameField = { field, optional: documented.optional };
    if (prefix) result.prefixField = `${field}Prefix`;
    const maxLength = documentedMaxLength(documented.doc);
    if (maxLength !== undefined) result.maxLength = maxLength;
    const prefixMaxLength = prefix && documentedMaxLength(prefix.doc);
    if (prefixMaxLength) result.prefixMaxLength = prefixMaxLength;
    return result;
}

/** Scans an installed @pulumi/aws package: type token → its physical-name input, for every resource that has one. */
export function findNameFields(awsPackageDir: string): Map<string, GeneratedNameField> {
    const found = new Map<string, GeneratedNameField>();
    for (const module of fs.readdirSync(awsPackageDir, { withFileTypes: true })) {
        if (!module.isDirectory() || module.name === "types" || module.name === "node_modules") continue;
        const dir = path.join(awsPackageDir, module.name);
        for (const file of fs.readdirSync(dir).filter((entry) => entry.endsWith(".js")).sort()) {
            const token = TYPE_TOKEN.exec(fs.readFileSync(path.join(dir, file), "utf8"))?.[1];
            const declarationFile = path.join(dir, file.replace(/\.js$/, ".d.ts"));
            if (token === undefined || !fs.existsSync(declarationFile)) continue;
            const className = token.slice(token.lastIndexOf(":") + 1);
            const args = interfaceBody(fs.readFileSync(declarationFile, "utf8"), `${className}Args`);
            const nameField = args && nameFieldOf(args, className);
            if (nameField) found.set(token, nameField);
        }
    }
    return new Map([...found.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

export function renderNameFieldsModule(fields: Map<string, GeneratedNameField>, awsVersion: string): string {
    return [
        `// Generated by tools/offline/generateNameFields.ts from @pulumi/aws ${awsVersion}. Do not edit.`,
        "import { GeneratedNameField } from \"./generateNameFields\";",
        "",
        "/** Resource type → the input holding its physical name, with the length limits its type documentation states. */",
        "export const AWS_NAME_FIELDS: ReadonlyMap<string, GeneratedNameField> = new Map<string, GeneratedNameField>([",
        ...[...fields.entries()].map(([token, field]) => `    ["${token}", ${JSON.stringify(field).replace(/"(\w+)":/g, "$1: ").replace(/,/g, ", ")}],`),
        "]);",
        "",
    ].join("\n");
}

export const AWS_PACKAGE_DIR = path.resolve(__dirname, "..", "..", "node_modules", "@pulumi", "aws");
export const NAME_FIELDS_MODULE = path.join(__dirname, "awsNameFields.generated.ts");

export function installedAwsVersion(): string {
    return JSON.parse(fs.readFileSync(path.join(AWS_PACKAGE_DIR, "package.json"), "utf8")).version as string;
}

if (require.main === module) {
    const fields = findNameFields(AWS_PACKAGE_DIR);
    fs.writeFileSync(NAME_FIELDS_MODULE, renderNameFieldsModule(fields, installedAwsVersion()));
    console.log(`${fields.size} named resource types from @pulumi/aws ${installedAwsVersion()} -> ${path.relative(process.cwd(), NAME_FIELDS_MODULE)}`);
}
