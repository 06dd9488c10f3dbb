/** Data-tier additions to `test/support/planQueries`: sample-stack config, output lookups, access-group assertions. */
import * as assert from "node:assert/strict";
import { parseStackConfig } from "../../config/parse";
import type { StackConfig } from "../../config/types";
import { PROJECT_DIR } from "../../tools/offline/evaluate";
import type { Plan, PlannedResource } from "../../tools/offline/planTypes";
import { readStackFile } from "../../tools/offline/stackFile";
import { single } from "../support/planQueries";

/** The validated configuration of `Pulumi.<stack>.yaml`. */
export function stackConfig(stack: string): StackConfig {
    return parseStackConfig(readStackFile(PROJECT_DIR, stack).config, stack);
}

/** What the mocked provider answered as the resource's ID or another output. */
export function output(resource: PlannedResource, key = "id"): unknown {
    return resource.outputs[key];
}

export type Inputs = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
export const inputsOf = (resource: PlannedResource): Inputs => resource.inputs as Inputs;

/**
 * Asserts the pair built by `createAccessSecurityGroups` as `${name}-sg`/`${name}-client-sg`: the store admits `port`
 * only from the client group, and the client group sends only to the store on `port`. Returns both group IDs.
 */
export function assertAccessGroups(plan: Plan, name: string, port: number, service: string): { store: unknown; client: unknown } {
    const store = output(single(plan, "aws:ec2/securityGroup:SecurityGroup", `${name}-sg`));
    const client = output(single(plan, "aws:ec2/securityGroup:SecurityGroup", `${name}-client-sg`));
    assert.deepEqual(single(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", `${name}-sg-from-clients`).inputs, {
        securityGroupId: store, referencedSecurityGroupId: client,
        ipProtocol: "tcp", fromPort: port, toPort: port, description: `${service} from Orthanc tasks`,
    });
    assert.deepEqual(single(plan, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", `${name}-client-sg-to-store`).inputs, {
        securityGroupId: client, referencedSecurityGroupId: store,
        ipProtocol: "tcp", fromPort: port, toPort: port, description: `${service} to the store`,
    });
    return { store, client };
}
