/**
 * Runs a piece of Pulumi program under mocks and records every registration with its inputs and options
 * (parent, protect, dependencies), which `MockResourceArgs` alone does not carry.
 */
import * as pulumi from "@pulumi/pulumi";

export interface Registration {
    type: string;
    name: string;
    /** Parent URN, "" for none. */
    parent: string;
    custom: boolean;
    protect: boolean;
    dependencies: string[];
    inputs: Record<string, any>;
}

export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";

/** Answers the state AWS would report for the few outputs the data components read. */
function mockState(type: string, name: string, inputs: Record<string, any>): Record<string, unknown> {
    const arn = `arn:aws:mock:${REGION}:${ACCOUNT}:${type}/${name}`;
    const state: Record<string, unknown> = { ...inputs, arn, name: inputs.name ?? name };
    if (type === "aws:rds/instance:Instance") {
        state.address = `${inputs.identifier}.abc.${REGION}.rds.amazonaws.com`;
        state.masterUserSecrets = [{
            secretArn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:rds!db-${name}`,
            kmsKeyId: inputs.masterUserSecretKmsKeyId,
            secretStatus: "active",
        }];
    }
    if (type === "aws:s3/bucket:Bucket") state.bucket = `${name}-bucket`;
    return state;
}

/** Runs `program` under mocks; resolves once every registration it started has completed. */
export async function runUnderMocks<T>(program: () => T): Promise<{ registrations: Registration[]; result: T }> {
    await pulumi.runtime.setMocks({
        newResource: ({ type, name, inputs }) => ({ id: `${name}-id`, state: mockState(type, name, inputs) }),
        call: ({ token }) => { throw new Error(`unexpected invoke ${token}`); },
    }, "orthanc-aws", "test", false);

    const registrations: Registration[] = [];
    const monitor = (pulumi.runtime as any).getMonitor();
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: any, callback: any) => {
        registrations.push({
            type: req.getType(),
            name: req.getName(),
            parent: req.getParent(),
            custom: req.getCustom(),
            protect: req.getProtect() === true,
            dependencies: req.getDependenciesList(),
            inputs: pulumi.runtime.deserializeProperties(req.getObject()),
        });
        return register(req, callback);
    };
    const result = program();
    // The SDK counts in-flight RPCs; waiting for them is the runtime's own end-of-program barrier.
    await require("@pulumi/pulumi/runtime/settings").waitForRPCs();
    return { registrations, result };
}

/** Resolves an Output's value (mocks are not a preview, so every value is known). */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply(resolve));
}

/** The one registration of `type` whose name ends with `suffix`; fails loudly otherwise. */
export function only(registrations: Registration[], type: string, suffix = ""): Registration {
    const found = registrations.filter((r) => r.type === type && r.name.endsWith(suffix));
    if (found.length !== 1) {
        throw new Error(`expected one ${type} named *${suffix}, found ${found.map((r) => r.name).join(", ") || "none"}`);
    }
    return found[0];
}

/** The URN the mock monitor gives a child of `parentUrn`. */
export function childUrn(parentUrn: string, type: string, name: string): string {
    const parentType = parentUrn.split("::")[2].split("$").pop();
    return `urn:pulumi:test::orthanc-aws::${parentType}$${type}::${name}`;
}
