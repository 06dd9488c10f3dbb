/** The audit trail's settings (config/parseAudit.ts): six years at least, CloudWatch's values only. */
import * as assert from "assert";
import { parseStackConfig, StackConfigError } from "../../config/parse";

function raw(settings: Record<string, unknown> = {}): Record<string, string> {
    const base: Record<string, unknown> = { endpoint: { allowedCidrs: ["203.0.113.0/24"] }, budget: { enabled: false }, ...settings };
    return { "aws:region": "eu-west-1", ...Object.fromEntries(Object.entries(base).map(([key, value]) => [`orthanc-aws:${key}`, JSON.stringify(value)])) };
}

function problems(settings: Record<string, unknown>): string[] {
    try {
        parseStackConfig(raw(settings), "test");
    } catch (error) {
        assert.ok(error instanceof StackConfigError);
        return error.problems;
    }
    return [];
}

describe("audit settings", () => {
    it("keeps the trail 2192 days (6 years) by default, or any longer CloudWatch retention", () => {
        assert.deepStrictEqual(parseStackConfig(raw(), "test").audit, { logRetentionDays: 2192 });
        assert.deepStrictEqual(parseStackConfig(raw({ audit: { logRetentionDays: 3653 } }), "test").audit, { logRetentionDays: 3653 });
    });

    it("refuses a shorter retention, naming the setting and the HIPAA rule", () => {
        assert.deepStrictEqual(problems({ audit: { logRetentionDays: 365 } }), [
            "audit.logRetentionDays: 365 is not allowed; the audit trail must be kept at least 2192 days (6 years, HIPAA §164.316(b)(2)(i) " +
            "documentation retention); use one of 2192, 2557, 2922, 3288, 3653",
        ]);
    });

    it("refuses values CloudWatch does not take, and unknown keys", () => {
        assert.deepStrictEqual(problems({ audit: { logRetentionDays: 2500, days: 1 } }), [
            "audit.days: unknown setting; known settings here are audit.logRetentionDays",
            "audit.logRetentionDays: 2500 is not allowed; use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
        ]);
    });
});
