/**
 * One-change mutations generated per rule class over the program's real plans: every resource of the class gets
 * its own broken copy of the plan, and the pack must report that resource. Hand-picked cases prove the messages;
 * these prove the rules hold for every instance the program creates (and will create), not only the cases at hand.
 */
import * as assert from "assert";
import { evaluateStack } from "../../tools/offline/evaluate";
import { Plan, PlannedResource } from "../../tools/offline/planTypes";
import { checkPlan } from "../../tools/policy/checkPlan";
import { defaultPackConfig } from "../../tools/policy/defaultPackConfig";
import { grantDocuments } from "../../policy-pack/lib/resourcePolicies";
import { identityDocuments } from "../../policy-pack/policies/access/iamNoWildcardPermissions";

const FOREIGN_ROOT = "arn:aws:iam::210987654321:root";

interface Mutation {
    /** The policy that must report it, and the resource it must report it on (default: the mutated one). */
    policy: string;
    target: PlannedResource;
    reportedOn?: (plan: Plan) => string;
    /** Changes the copy of the target (inputs and the outputs stack policies read). */
    apply: (resource: PlannedResource) => void;
}

/** Sets a property in inputs and outputs alike. */
function set(resource: PlannedResource, key: string, value: unknown): void {
    resource.inputs[key] = value;
    resource.outputs[key] = value;
}

function withStatement(document: unknown, statement: Record<string, unknown>): string {
    const parsed = typeof document === "string" ? JSON.parse(document) : document;
    return JSON.stringify({ ...parsed, Statement: [...[parsed.Statement].flat(), statement] });
}

/** The rule classes, each generating one mutation per matching resource of the plan. */
const CLASSES: { name: string; generate: (plan: Plan) => Mutation[] }[] = [
    {
        name: "every resource-based policy document grants a foreign account",
        generate: plan => plan.resources.filter(r => r.type.startsWith("aws:")).flatMap(target =>
            grantDocuments(target.type, target.outputs).map(({ property }) => ({
                policy: "orthanc-resource-policies-account-scoped", target,
                apply: (r: PlannedResource) => set(r, property, withStatement(r.outputs[property],
                    { Effect: "Allow", Principal: { AWS: FOREIGN_ROOT }, Action: "*", Resource: "*" })),
            }))),
    },
    {
        name: "every identity policy may pass any role",
        generate: plan => plan.resources.filter(r => ["aws:iam/rolePolicy:RolePolicy", "aws:iam/policy:Policy"].includes(r.type)
            && identityDocuments(r.type, r.inputs).length > 0).map(target => ({
            policy: "orthanc-iam-pass-role-scoped", target,
            apply: r => set(r, "policy", withStatement(r.inputs.policy, { Effect: "Allow", Action: "iam:PassRole", Resource: "*" })),
        })),
    },
    {
        name: "every TLS listener falls back to a TLS 1.0 security policy",
        generate: plan => plan.resources.filter(r => r.type === "aws:lb/listener:Listener" && ["TLS", "HTTPS"].includes(String(r.inputs.protocol)))
            .map(target => ({ policy: "orthanc-lb-listener-tls", target, apply: r => set(r, "sslPolicy", "ELBSecurityPolicy-2016-08") })),
    },
    {
        name: "every database parameter group accepts TLS 1.0",
        generate: plan => plan.resources.filter(r => r.type === "aws:rds/parameterGroup:ParameterGroup").map(target => ({
            policy: "orthanc-rds-forces-ssl", target,
            reportedOn: p => p.resources.find(r => r.type === "aws:rds/instance:Instance")!.urn,
            apply: r => set(r, "parameters", (r.inputs.parameters as { name: string; value: string }[])
                .map(p => p.name === "ssl_min_protocol_version" ? { ...p, value: "TLSv1" } : p)),
        })),
    },
    {
        name: "every backup rule keeps recovery points one day less than the floor",
        generate: plan => plan.resources.filter(r => r.type === "aws:backup/plan:Plan").map(target => ({
            policy: "orthanc-backup-plan-retention", target,
            apply: r => {
                const floor = Number((defaultPackConfig(plan.stack)["orthanc-backup-plan-retention"] as { minimumRetentionDays: number }).minimumRetentionDays);
                set(r, "rules", (r.inputs.rules as Record<string, unknown>[]).map(rule => ({ ...rule, lifecycle: { deleteAfter: floor - 1 } })));
            },
        })),
    },
    {
        name: "every subnet maps public IPs",
        generate: plan => plan.resources.filter(r => r.type === "aws:ec2/subnet:Subnet").map(target => ({
            policy: "orthanc-no-public-ip-on-launch", target, apply: r => set(r, "mapPublicIpOnLaunch", true),
        })),
    },
    {
        name: "every launch template associates public IPs",
        generate: plan => plan.resources.filter(r => r.type === "aws:ec2/launchTemplate:LaunchTemplate").map(target => ({
            policy: "orthanc-no-public-ip-on-launch", target,
            apply: r => set(r, "networkInterfaces", ((r.inputs.networkInterfaces as Record<string, unknown>[] | undefined) ?? [{}])
                .map(nic => ({ ...nic, associatePublicIpAddress: "true" }))),
        })),
    },
];

describe("one-change mutations of the program's plans, per rule class", function () {
    this.timeout(600_000);
    const plans: Plan[] = [];
    before(async () => {
        for (const stack of ["dev", "prod"]) {
            plans.push(await evaluateStack(stack));
        }
    });

    for (const ruleClass of CLASSES) {
        it(ruleClass.name, async () => {
            let count = 0;
            const missed: string[] = [];
            for (const plan of plans) {
                for (const mutation of ruleClass.generate(plan)) {
                    count += 1;
                    const copy: Plan = JSON.parse(JSON.stringify(plan));
                    mutation.apply(copy.resources.find(r => r.urn === mutation.target.urn)!);
                    const reportedOn = mutation.reportedOn?.(copy) ?? mutation.target.urn;
                    const violations = await checkPlan(copy, defaultPackConfig(plan.stack));
                    if (!violations.some(v => v.policy === mutation.policy && v.urn === reportedOn && v.enforcementLevel === "mandatory")) {
                        missed.push(`${plan.stack} ${mutation.target.name}: ${JSON.stringify(violations.filter(v => v.policy === mutation.policy))}`);
                    }
                }
            }
            // Each class has instances in the committed stacks (launch templates only in prod's EC2 capacity).
            assert.ok(count > 0, "no resource of this class in the dev and prod plans");
            assert.deepStrictEqual(missed, [], `${missed.length} of ${count} mutations not caught`);
        });
    }
});
