/** The program's identity wiring: Keycloak on the Orthanc cluster in keycloak mode, nothing of it in basic mode. */
import * as assert from "assert";
import { evaluateStack } from "../../tools/offline/evaluate";
import type { Plan } from "../../tools/offline/planTypes";
import { ofType, single } from "../support/planQueries";

describe("identity in the program (mocks)", function () {
    this.timeout(600_000);
    let keycloak: Plan;
    let basic: Plan;
    before(async () => {
        keycloak = await evaluateStack("dev");
        basic = await evaluateStack("dev", { identity: { mode: "basic", users: [{ name: "it.admin", role: "admin" }] } });
    });

    it("runs Keycloak on the Orthanc service's cluster, reached by the Orthanc tasks, with the database's client group", () => {
        const service = single(keycloak, "aws:ecs/service:Service", "-keycloak-service").inputs;
        assert.strictEqual(service.cluster, single(keycloak, "aws:ecs/cluster:Cluster").outputs.arn);
        const tasks = single(keycloak, "aws:ec2/securityGroup:SecurityGroup", "-orthanc-network-tasks").outputs.id;
        assert.strictEqual(single(keycloak, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "-keycloak-from-orthanc").inputs.referencedSecurityGroupId, tasks);
        assert.strictEqual(single(keycloak, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "-keycloak-orthanc-to-keycloak").inputs.securityGroupId, tasks);
        assert.deepStrictEqual((service.networkConfiguration as { securityGroups: unknown[] }).securityGroups[1],
            single(keycloak, "aws:ec2/securityGroup:SecurityGroup", "-database-client-sg").outputs.id);
        assert.deepStrictEqual(Object.keys(keycloak.outputs.identity as object).sort(), ["bootstrapAdminSecretName", "breakGlass", "internalUrl", "mode", "publicUrl", "userSecretNames"]);
        assert.strictEqual((keycloak.outputs.identity as { internalUrl: string }).internalUrl, "http://keycloak.orthanc-dev.internal:8080/keycloak");
    });

    it("creates nothing of Keycloak in basic mode", () => {
        assert.deepStrictEqual(basic.resources.filter((resource) => resource.type.startsWith("orthanc-aws:identity:") || resource.name.includes("keycloak")), []);
        const identity = basic.outputs.identity as { mode: string; breakGlass: boolean; userSecretNames: Record<string, string> };
        assert.deepStrictEqual([identity.mode, identity.breakGlass, Object.keys(identity.userSecretNames)], ["basic", false, ["it.admin"]]);
        assert.strictEqual(ofType(basic, "aws:ecs/service:Service").length, 1);
    });
});
