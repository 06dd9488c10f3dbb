/**
 * The pieces of the policy SDK's analyzer (@pulumi/policy server.js) that the offline runner reproduces: the
 * unknown-checking proxy (reused from the SDK), `isType`, and not-applicable signalling.
 */
import { Resource } from "@pulumi/pulumi";
import * as path from "path";

interface SdkProxyModule {
    unknownCheckingProxy<T extends object>(value: T): T;
}

/**
 * The copy of the SDK the pack's own code loads: the pack's node_modules once `(cd policy-pack && npm ci)` has run
 * (as the README tells users), else the program's. Its UnknownValueError must be the class the pack's code catches
 * (`instanceof` in policy-pack/lib/correlate.ts), so the proxy is resolved from the pack's folder, never from here.
 */
const PACK_DIR = path.resolve(__dirname, "..", "..", "policy-pack");
export const PACK_SDK_PROXY = require.resolve("@pulumi/policy/proxy", { paths: [PACK_DIR] });
// The proxy is exported at run time but its typings are stripped (@internal): load it untyped.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdkProxy = require(PACK_SDK_PROXY) as SdkProxyModule;

/** Wraps props so that reading a value unknown at preview throws the SDK's UnknownValueError. */
export function unknownCheckingProxy<T extends object>(props: T): T {
    return sdkProxy.unknownCheckingProxy(props);
}

/** True for the SDK's UnknownValueError (matched by shape: the class is internal to the SDK). */
export function isUnknownValueError(error: unknown): error is Error {
    return error instanceof Error && error.constructor.name === "UnknownValueError";
}

/** What `args.notApplicable(reason)` throws; the runner records the reason and moves on. */
export class NotApplicableError extends Error {
    constructor(readonly reason?: string) {
        super(reason ?? "Policy does not apply");
    }
}

export function throwNotApplicable(reason?: string): never {
    throw new NotApplicableError(reason);
}

type ResourceClass = { new(...rest: any[]): Resource; __pulumiType?: unknown; isInstance?: unknown };

/** The SDK's `isTypeOf`: the class's `__pulumiType` token, else its `isInstance`. */
export function isTypeOf(type: string, resourceClass: ResourceClass): boolean {
    if (typeof resourceClass.__pulumiType === "string" && resourceClass.__pulumiType !== "") {
        return resourceClass.__pulumiType === type;
    }
    const isInstance = resourceClass.isInstance;
    return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}

/** The `__pulumiType` a typed validation function carries, for the SDK's skip-other-types fast path. */
export function attachedType(fn: unknown): string | undefined {
    const token = (fn as { __pulumiType?: unknown } | undefined)?.__pulumiType;
    return typeof token === "string" && token !== "" ? token : undefined;
}
