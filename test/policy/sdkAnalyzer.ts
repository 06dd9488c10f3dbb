/**
 * A client of the policy pack's real analyzer: starts `policy-pack/index.ts` the way the Pulumi CLI does (a child
 * process that prints its gRPC port), and sends it the Analyze / AnalyzeStack requests the engine would send for a
 * plan. Tests compare its verdict with the offline runner's.
 */
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import { Plan } from "../../tools/offline/planTypes";
import { Violation } from "../../tools/policy/checkPlan";
import { prepareResources } from "../../tools/policy/planResources";

/* eslint-disable @typescript-eslint/no-explicit-any -- generated protobuf modules without typings here */
// Resolve gRPC and the protobuf modules from @pulumi/policy itself, so the client speaks to the exact copies it uses.
const policyDir = path.dirname(require.resolve("@pulumi/policy"));
const fromPolicy = (id: string) => require(require.resolve(id, { paths: [policyDir] }));
const grpc = fromPolicy("@grpc/grpc-js");
const analyzerProto = fromPolicy("@pulumi/pulumi/proto/analyzer_pb");
const analyzerRpc = fromPolicy("@pulumi/pulumi/proto/analyzer_grpc_pb");
const pulumiProtoDir = path.dirname(require.resolve("@pulumi/pulumi/proto/analyzer_pb", { paths: [policyDir] }));
const { Struct } = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [pulumiProtoDir] }));
const emptyProto = require(require.resolve("google-protobuf/google/protobuf/empty_pb", { paths: [pulumiProtoDir] }));

const LEVELS: Record<number, Violation["enforcementLevel"]> = { 0: "advisory", 1: "mandatory", 2: "disabled", 3: "remediate" };
const PACK_DIR = path.resolve(__dirname, "..", "..", "policy-pack");

export interface SdkAnalyzer {
    info(): Promise<{ name: string; policies: string[] }>;
    analyze(plan: Plan): Promise<Violation[]>;
    stop(): void;
}

function call<T>(client: any, method: string, request: unknown): Promise<T> {
    return new Promise((resolve, reject) => client[method](request, (error: Error | null, response: T) =>
        error ? reject(error) : resolve(response)));
}

function options(resource: ReturnType<typeof prepareResources>[number]): any {
    const opts = new analyzerProto.AnalyzerResourceOptions();
    opts.setProtect(resource.opts.protect);
    opts.setIgnorechangesList(resource.opts.ignoreChanges);
    opts.setAdditionalsecretoutputsList(resource.opts.additionalSecretOutputs);
    opts.setAliasesList([]);
    opts.setParent(resource.opts.parent ?? "");
    return opts;
}

function provider(resource: ReturnType<typeof prepareResources>[number]): any {
    if (resource.provider === undefined) {
        return undefined;
    }
    const message = new analyzerProto.AnalyzerProviderResource();
    message.setType(resource.provider.type);
    message.setProperties(Struct.fromJavaScript(resource.provider.props));
    message.setUrn(resource.provider.urn);
    message.setName(resource.provider.name);
    return message;
}

/** Fills the fields AnalyzeRequest and AnalyzerResource share. */
function describe(message: any, resource: ReturnType<typeof prepareResources>[number], props: Record<string, unknown>): any {
    message.setType(resource.source.type);
    message.setProperties(Struct.fromJavaScript(props));
    message.setUrn(resource.source.urn);
    message.setName(resource.source.name);
    message.setOptions(options(resource));
    message.setProvider(provider(resource));
    return message;
}

/**
 * The SDK reports `description + "\n" + message`, the runner the message alone; for a resource policy the SDK leaves
 * the URN empty (the engine knows which resource it asked about), the runner names it.
 */
function diagnostics(response: any, descriptions: Map<string, string>, defaultUrn: string): Violation[] {
    return response.getDiagnosticsList().map((d: any) => {
        const prefix = `${descriptions.get(d.getPolicyname()) ?? ""}\n`;
        const message: string = d.getMessage();
        return {
            policy: d.getPolicyname(),
            enforcementLevel: LEVELS[d.getEnforcementlevel()],
            urn: d.getUrn() || defaultUrn,
            message: message.startsWith(prefix) ? message.slice(prefix.length) : message,
        };
    });
}

/** Starts the pack's analyzer; resolves once it listens. */
export async function startSdkAnalyzer(descriptions: Map<string, string>): Promise<SdkAnalyzer> {
    const child: ChildProcess = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "index.ts"],
        { cwd: PACK_DIR, stdio: ["ignore", "pipe", "pipe"] });
    const port = await new Promise<string>((resolve, reject) => {
        let stderr = "";
        child.stderr!.on("data", chunk => { stderr += chunk; });
        child.stdout!.once("data", chunk => resolve(String(chunk).trim()));
        child.once("exit", code => reject(new Error(`policy pack exited with ${code}: ${stderr}`)));
    });
    const client = new analyzerRpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    return {
        async info() {
            const response: any = await call(client, "getAnalyzerInfo", new emptyProto.Empty());
            return { name: response.getName(), policies: response.getPoliciesList().map((p: any) => p.getName()) };
        },
        async analyze(plan: Plan) {
            const prepared = prepareResources(plan);
            const violations: Violation[] = [];
            const responses = await Promise.all(prepared.map(resource =>
                call(client, "analyze", describe(new analyzerProto.AnalyzeRequest(), resource, resource.inputs))));
            responses.forEach((response, index) =>
                violations.push(...diagnostics(response, descriptions, prepared[index].source.urn)));
            const stackRequest = new analyzerProto.AnalyzeStackRequest();
            stackRequest.setResourcesList(prepared.map(resource => {
                const message = describe(new analyzerProto.AnalyzerResource(), resource, resource.outputs);
                message.setParent(resource.source.parent ?? "");
                message.setDependenciesList(resource.source.options.dependsOn);
                return message;
            }));
            const stackUrn = plan.resources.find(r => r.type === "pulumi:pulumi:Stack")?.urn ?? "";
            violations.push(...diagnostics(await call(client, "analyzeStack", stackRequest), descriptions, stackUrn));
            return violations;
        },
        stop() {
            client.close();
            child.kill();
        },
    };
}
