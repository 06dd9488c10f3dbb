/** Stacks evaluated with their estimate, once per test run for each set of overrides (an evaluation takes seconds). */
import * as assert from "node:assert/strict";
import { parseStackConfig } from "../../config/parse";
import { StackConfig } from "../../config/types";
import { planEstimate } from "../../tools/costReport";
import { ConfigOverrides, evaluateProgram, stackSettings } from "../../tools/offline/evaluate";
import { Plan } from "../../tools/offline/planTypes";

export interface Evaluated {
    plan: Plan;
    config: StackConfig;
    total: number;
}

const evaluations = new Map<string, Promise<Evaluated>>();

export function evaluated(stack: string, overrides: ConfigOverrides = {}): Promise<Evaluated> {
    const key = JSON.stringify([stack, overrides]);
    if (!evaluations.has(key)) evaluations.set(key, evaluate(stack, overrides));
    return evaluations.get(key)!;
}

async function evaluate(stack: string, overrides: ConfigOverrides): Promise<Evaluated> {
    const settings = stackSettings(stack, overrides);
    const plan = await evaluateProgram(stack, settings);
    const config = parseStackConfig(settings.config, stack);
    const estimate = planEstimate(plan, config);
    assert.ok(estimate.complete, `unpriced: ${JSON.stringify(estimate.unpriced)} ${estimate.missingPrices.join(", ")}`);
    return { plan, config, total: estimate.totalMonthly };
}

