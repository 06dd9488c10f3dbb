/**
 * The offline check must run the pack as the CLI does, with whichever copy of @pulumi/policy the pack's code loads:
 * its own after `(cd policy-pack && npm ci)` (the README's step), else the program's.
 */
import * as assert from "assert";
import * as path from "path";
import { PACK_SDK_PROXY, unknownCheckingProxy } from "../../tools/policy/sdkEmulation";
import { UNKNOWN_SENTINEL } from "../../tools/policy/planResources";

const PACK_DIR = path.resolve(__dirname, "..", "..", "policy-pack");

describe("policy pack dependency layout", () => {
    it("throws the UnknownValueError class of the SDK copy the pack's own modules load", () => {
        const packSdkEntry = require.resolve("@pulumi/policy", { paths: [PACK_DIR] });
        assert.strictEqual(path.dirname(PACK_SDK_PROXY), path.dirname(packSdkEntry));
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { UnknownValueError } = require(packSdkEntry) as { UnknownValueError: new (...args: unknown[]) => Error };
        const props = unknownCheckingProxy({ arn: UNKNOWN_SENTINEL } as Record<string, unknown>);
        assert.throws(() => props.arn, (error: unknown) => error instanceof UnknownValueError);
    });
});
