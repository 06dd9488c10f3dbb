import * as assert from "assert";
import { subnetMasks } from "../../components/network/networkLayout";
import { evaluateStack } from "../../tools/offline/evaluate";
import { Plan } from "../../tools/offline/planTypes";
import { ancestors, ofType, single } from "../support/planQueries";

describe("network component", () => {
    const cases: Array<{ natGateways: string; availabilityZones: number; strategy: string }> = [
        { natGateways: "single", availabilityZones: 2, strategy: "Single" },
        { natGateways: "perAz", availabilityZones: 3, strategy: "OnePerAz" },
        { natGateways: "perAz", availabilityZones: 2, strategy: "OnePerAz" },
        { natGateways: "single", availabilityZones: 3, strategy: "Single" },
    ];
    for (const { natGateways, availabilityZones, strategy } of cases) {
        it(`builds a ${availabilityZones}-AZ VPC with NAT "${natGateways}"`, async () => {
            const plan = await evaluateStack("dev", { network: { natGateways, availabilityZones } });
            const vpc = single(plan, "awsx:ec2:Vpc");
            assert.strictEqual(vpc.inputs.numberOfAvailabilityZones, availabilityZones);
            assert.deepStrictEqual(vpc.inputs.natGateways, { strategy });
            assert.strictEqual(vpc.inputs.cidrBlock, "10.20.0.0/16");
            assert.deepStrictEqual(vpc.inputs.subnetSpecs, [
                { type: "Public", name: "public", cidrMask: 21 },
                { type: "Private", name: "private", cidrMask: 19 },
                { type: "Isolated", name: "isolated", cidrMask: 21 },
            ]);
            assert.strictEqual(vpc.inputs.enableDnsHostnames, true);
        });
    }

    it("builds a VPC without NAT when endpoints and a mirrored image replace the internet route", async () => {
        const plan = await evaluateStack("dev", { network: { natGateways: "none", interfaceEndpoints: true }, compute: { mirrorImage: true } });
        assert.deepStrictEqual(single(plan, "awsx:ec2:Vpc").inputs.natGateways, { strategy: "None" });
    });

    it("sizes subnets so three AZs fit in the VPC with room to spare", () => {
        for (const prefix of [16, 18, 20]) {
            const masks = subnetMasks(prefix);
            const share = (mask: number) => 2 ** (prefix - mask);
            const used = 3 * (share(masks.public) + share(masks.private) + share(masks.isolated));
            assert.ok(used <= 0.6, `a /${prefix} VPC uses ${used} of its range`);
            assert.ok(masks.private <= 27 && masks.isolated <= 28, "AWS subnets must be /28 or larger");
        }
    });

    it("always routes S3 and DynamoDB through gateway endpoints on every route table", async () => {
        const plan = await evaluateStack("dev");
        const vpcOutputs = single(plan, "awsx:ec2:Vpc").outputs as { routeTables: Array<{ id: string }> };
        for (const service of ["s3", "dynamodb"]) {
            const endpoint = single(plan, "aws:ec2/vpcEndpoint:VpcEndpoint", `-network-${service}`);
            assert.strictEqual(endpoint.inputs.vpcEndpointType, "Gateway");
            assert.strictEqual(endpoint.inputs.serviceName, `com.amazonaws.us-east-1.${service}`);
            assert.deepStrictEqual(endpoint.inputs.routeTableIds, vpcOutputs.routeTables.map((table) => table.id));
        }
    });

    function interfaceServices(plan: Plan): string[] {
        return ofType(plan, "aws:ec2/vpcEndpoint:VpcEndpoint")
            .filter((endpoint) => endpoint.inputs.vpcEndpointType === "Interface")
            .map((endpoint) => String(endpoint.inputs.serviceName).replace("com.amazonaws.us-east-1.", ""))
            .sort();
    }

    it("creates no interface endpoints when they are off", async () => {
        const plan = await evaluateStack("dev", { network: { interfaceEndpoints: false } });
        assert.deepStrictEqual(interfaceServices(plan), []);
        assert.strictEqual(ofType(plan, "aws:ec2/securityGroup:SecurityGroup").filter((sg) => sg.name.endsWith("-network-endpoints")).length, 0);
    });

    it("creates private interface endpoints for Fargate tasks, plus the ECS agent's for EC2 hosts", async () => {
        const fargate = await evaluateStack("dev", { network: { interfaceEndpoints: true } });
        assert.deepStrictEqual(interfaceServices(fargate), ["ecr.api", "ecr.dkr", "kms", "logs", "secretsmanager", "ssm", "sts"]);
        const ec2 = await evaluateStack("dev", { network: { interfaceEndpoints: true }, compute: { launchType: "ec2" } });
        assert.deepStrictEqual(interfaceServices(ec2), ["ecr.api", "ecr.dkr", "ecs", "ecs-agent", "ecs-telemetry", "kms", "logs", "secretsmanager", "ssm", "sts"]);
        const vpcOutputs = single(ec2, "awsx:ec2:Vpc").outputs as { privateSubnetIds: string[] };
        const endpointGroup = single(ec2, "aws:ec2/securityGroup:SecurityGroup", "-network-endpoints");
        assert.deepStrictEqual(endpointGroup.inputs.ingress, [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.20.0.0/16"], description: "HTTPS from the VPC" }]);
        for (const endpoint of ofType(ec2, "aws:ec2/vpcEndpoint:VpcEndpoint").filter((e) => e.inputs.vpcEndpointType === "Interface")) {
            assert.strictEqual(endpoint.inputs.privateDnsEnabled, true);
            assert.deepStrictEqual(endpoint.inputs.subnetIds, vpcOutputs.privateSubnetIds);
            assert.deepStrictEqual(endpoint.inputs.securityGroupIds, [endpointGroup.outputs.id]);
        }
    });

    it("logs all VPC traffic to a group encrypted with the logs key, with the configured retention", async () => {
        const plan = await evaluateStack("dev", { logRetentionDays: "90" });
        const flowLog = single(plan, "aws:ec2/flowLog:FlowLog");
        const group = single(plan, "aws:cloudwatch/logGroup:LogGroup", "-flow-logs-group");
        const logsKey = single(plan, "aws:kms/key:Key", "-keys-logs");
        assert.strictEqual(flowLog.inputs.trafficType, "ALL");
        assert.strictEqual(flowLog.inputs.vpcId, single(plan, "awsx:ec2:Vpc").outputs.vpcId);
        assert.strictEqual(flowLog.inputs.logDestination, group.outputs.arn);
        assert.strictEqual(group.inputs.kmsKeyId, logsKey.outputs.arn);
        assert.strictEqual(group.inputs.retentionInDays, 90);
        const role = single(plan, "aws:iam/role:Role", "-flow-logs-role");
        assert.strictEqual(flowLog.inputs.iamRoleArn, role.outputs.arn);
        const write = JSON.parse(single(plan, "aws:iam/rolePolicy:RolePolicy", "-flow-logs-write").inputs.policy as string);
        assert.deepStrictEqual(write.Statement[0].Resource, [group.outputs.arn, `${group.outputs.arn}:*`]);
    });

    it("parents everything to the network component", async () => {
        const plan = await evaluateStack("dev");
        const network = single(plan, "orthanc-aws:network:Network");
        for (const type of ["awsx:ec2:Vpc", "aws:ec2/flowLog:FlowLog", "aws:ec2/vpcEndpoint:VpcEndpoint"]) {
            for (const resource of ofType(plan, type)) assert.ok(ancestors(plan, resource).includes(network.urn), `${resource.name} is outside the network component`);
        }
    });
});
