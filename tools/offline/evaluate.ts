/**
 * Runs the Pulumi program with no engine, no provider plugins and no credentials: `pulumi.runtime.setMocks`
 * answers every resource and invoke, and a recorder around the mock monitor keeps each registration with its
 * parent, options and inputs. This is what `npm run plan`, the policy check and the tests build on.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { isPlainObject } from "../../config/fields";
import { readStackConfig } from "../../config/parse";
import { inputProblems } from "./awsInputRules";
import { mockInvoke, mockResource, stableHex } from "./mockOutputs";
import { physicalName, physicalNameProblems } from "./physicalNames";
import { Plan, PlannedResource } from "./planTypes";
import { readStackFile, StackSettings } from "./stackFile";
import { sanitize } from "./sanitize";

export const PROJECT_DIR = path.resolve(__dirname, "..", "..");
export const PROJECT_NAME = "orthanc-aws";
const PROGRAM = path.join(PROJECT_DIR, "index.ts");

/** Settings merged over the stack file's: `{ compute: { launchType: "ec2" } }`; `null` removes a setting. */
export type ConfigOverrides = Record<string, unknown>;

/** The plan holds values AWS or the provider would refuse at `pulumi up`: every one is listed. */
export class PlanRefusedError extends Error {
    constructor(readonly problems: string[]) {
        super(`AWS would refuse this plan (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n`
            + problems.map((problem) => `  - ${problem}`).join("\n"));
        this.name = "PlanRefusedError";
    }
}

/** What AWS or the provider would refuse about one resource's inputs: its physical name and documented limits. */
function refusals(type: string, name: string, inputs: Record<string, unknown>): string[] {
    const physical = physicalName(type, name, inputs, (length) => stableHex(length, type, name));
    return [...(physical ? physicalNameProblems(type, name, physical) : []), ...inputProblems(type, name, inputs)];
}

/** Evaluates the program for `Pulumi.<stack>.yaml`, optionally with project settings overridden. */
export function evaluateStack(stack: string, overrides: ConfigOverrides = {}): Promise<Plan> {
    const settings = readStackFile(PROJECT_DIR, stack);
    return evaluateProgram(stack, applyOverrides(settings, overrides));
}

/** Evaluates the program with exactly the given config map. */
export async function evaluateProgram(stack: string, settings: StackSettings): Promise<Plan> {
    const plan = await evaluate(stack, settings, () => {
        forgetProjectModules();
        // The program registers its resources at module load, exactly as under `pulumi up`.
        return require(PROGRAM);
    });
    // The program logged these through pulumi.log.warn; the plan carries them for its reader.
    return { ...plan, warnings: readStackConfig(settings.config, stack).warnings };
}

/**
 * Runs `init` as the body of a Pulumi stack under mocks and returns what it registered; tests use it to build a
 * single component.
 */
export async function evaluate(stack: string, settings: StackSettings, init: () => unknown): Promise<Plan> {
    const region = settings.config["aws:region"] ?? "us-east-1";
    const context = { region };
    const refused: string[] = [];
    await pulumi.runtime.setMocks({
        newResource: (args) => {
            refused.push(...refusals(args.type, args.name, args.inputs));
            return mockResource(args.type, args.name, args.inputs, context);
        },
        call: (args) => mockInvoke(args.token, args.inputs, context),
    }, PROJECT_NAME, stack, true);
    pulumi.runtime.setAllConfig(settings.config, settings.secretKeys);

    const recorder = recordRegistrations();
    // A failure inside an `apply` that feeds an input only surfaces as an unhandled rejection, and the resource is
    // silently never registered: Pulumi's language host fails the program on these, and so does the evaluator.
    const failures: unknown[] = [];
    const onRejection = (reason: unknown) => failures.push(reason);
    process.on("unhandledRejection", onRejection);
    try {
        await pulumi.runtime.runInPulumiStack(async () => init());
        await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
        await new Promise((resolve) => setImmediate(resolve));
    } finally {
        process.off("unhandledRejection", onRejection);
    }
    if (failures.length > 0) throw failures[0];
    if (refused.length > 0) throw new PlanRefusedError(refused);
    const resources = await Promise.all(recorder.resources);
    const stackUrn = resources.find((resource) => resource.type === "pulumi:pulumi:Stack")?.urn;
    return {
        stack,
        warnings: [],
        resources,
        outputs: (stackUrn ? recorder.stackOutputs.get(stackUrn) ?? {} : {}) as Record<string, unknown>,
    };
}

function applyOverrides(settings: StackSettings, overrides: ConfigOverrides): StackSettings {
    const config = { ...settings.config };
    for (const [key, value] of Object.entries(overrides)) {
        const fullKey = key.includes(":") ? key : `${PROJECT_NAME}:${key}`;
        const current = config[fullKey] !== undefined && /^[{[]/.test(config[fullKey].trim()) ? JSON.parse(config[fullKey]) : undefined;
        const merged = isPlainObject(current) && isPlainObject(value) ? mergeDeep(current, value) : value;
        if (merged === null || merged === undefined) delete config[fullKey];
        else config[fullKey] = typeof merged === "string" ? merged : JSON.stringify(merged);
    }
    return { config, secretKeys: settings.secretKeys };
}

function mergeDeep(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
    const result = { ...base };
    for (const [key, value] of Object.entries(patch)) {
        if (value === null) delete result[key];
        else result[key] = isPlainObject(result[key]) && isPlainObject(value) ? mergeDeep(result[key] as Record<string, unknown>, value) : value;
    }
    return result;
}

/**
 * The program's own modules are loaded afresh for each evaluation (config and mocks are process-global). Tools
 * hold no stack state and stay loaded, so the indexer bundle is built once per process, not once per evaluation.
 */
function forgetProjectModules(): void {
    const tools = path.join(PROJECT_DIR, "tools") + path.sep;
    for (const file of Object.keys(require.cache)) {
        if (file.startsWith(PROJECT_DIR) && !file.includes(`${path.sep}node_modules${path.sep}`) && !file.startsWith(tools)) {
            delete require.cache[file];
        }
    }
}

interface Recorder {
    /** In registration order; each settles when the mock monitor answers. */
    resources: Promise<PlannedResource>[];
    stackOutputs: Map<string, unknown>;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- the monitor's gRPC request objects are untyped here */
function recordRegistrations(): Recorder {
    const recorder: Recorder = { resources: [], stackOutputs: new Map() };
    const monitor = (pulumi.runtime as any).getMonitor();
    const register = monitor.registerResource.bind(monitor);
    const registerOutputs = monitor.registerResourceOutputs.bind(monitor);

    monitor.registerResource = (request: any, callback: (error: unknown, response: any) => void) => {
        recorder.resources.push(new Promise<PlannedResource>((resolve, reject) => {
            register(request, (error: unknown, response: any) => {
                callback(error, response);
                if (error) reject(error);
                else resolve(plannedResource(request, response));
            });
        }));
    };
    monitor.registerResourceOutputs = (request: any, callback: (error: unknown, response: any) => void) => {
        recorder.stackOutputs.set(request.getUrn(), sanitize(request.getOutputs()?.toJavaScript() ?? {}));
        registerOutputs(request, callback);
    };
    return recorder;
}

function plannedResource(request: any, response: any): PlannedResource {
    const provider: string = request.getProvider() ?? "";
    return {
        urn: response.getUrn(),
        type: request.getType(),
        name: request.getName(),
        parent: request.getParent() || null,
        custom: request.getCustom(),
        remote: request.getRemote(),
        options: {
            protect: request.getProtect?.() ?? false,
            retainOnDelete: request.getRetainondelete?.() ?? false,
            deleteBeforeReplace: request.getDeletebeforereplace?.() ?? false,
            provider: provider ? provider.split("::").slice(0, -1).join("::") : null,
            dependsOn: request.getDependenciesList(),
            additionalSecretOutputs: request.getAdditionalsecretoutputsList(),
            ignoreChanges: request.getIgnorechangesList(),
        },
        inputs: sanitize(request.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>,
        outputs: sanitize(response.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>,
    };
}
