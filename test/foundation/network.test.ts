import * as assert from "assert";
import { subnetMasks } from "../../components/network/networkLayout";
import { evaluateStack } from "../../tools/offline/evaluate";
import { Plan } from "../../tools/offline/planTypes";
import { ancestors, ofType, single, subnetIdsOf, vpcIdOf } from "../support/planQueries";
import { allocateSubnets } from "../../components/network/subnetAllocation";
import { DEFAULT_NETWORK_ACL_INGRESS } from "../../components/network/vpcRules";

describe("network component", () => {
    const cases: Array<{ natGateways: string; availabilityZones: number; nats: number }> = [
        { natGateways: "single", availabilityZones: 2, nats: 1 },
        { natGateways: "perAz", availabilityZones: 3, nats: 3 },
        { natGateways: "perAz", availabilityZones: 2, nats: 2 },
        { natGateways: "single", availabilityZones: 3, nats: 1 },
        { natGateways: "none", availabilityZones: 2, nats: 0 },
    ];
    for (const { natGateways, availabilityZones, nats } of cases) {
        it(`builds a ${availabilityZones}-AZ VPC with NAT "${natGateways}" from plain aws.ec2 resources`, async () => {
            const overrides = natGateways === "none"
                ? { network: { natGateways, availabilityZones, interfaceEndpoints: true }, compute: { mirrorImage: true } }
                : { network: { natGateways, availabilityZones } };
            const plan = await evaluateStack("dev", overrides);
            const vpc = single(plan, "aws:ec2/vpc:Vpc");
            assert.deepStrictEqual([vpc.inputs.cidrBlock, vpc.inputs.enableDnsHostnames, vpc.inputs.enableDnsSupport], ["10.20.0.0/16", true, true]);
            const layout = allocateSubnets("10.20.0.0/16", availabilityZones, subnetMasks(16));
            for (const tier of ["public", "private", "isolated"] as const) {
                const subnets = ofType(plan, "aws:ec2/subnet:Subnet").filter((s) => s.name.includes(`-vpc-${tier}-`));
                assert.deepStrictEqual(subnets.map((s) => s.inputs.cidrBlock).sort(), layout.map((az) => az[tier]).sort(), tier);
                assert.ok(subnets.every((s) => s.inputs.mapPublicIpOnLaunch === false), `${tier} subnets assign public IPs`);
            }
            assert.strictEqual(ofType(plan, "aws:ec2/natGateway:NatGateway").length, nats);
            assert.strictEqual(ofType(plan, "aws:ec2/eip:Eip").length, nats);
            const routes = ofType(plan, "aws:ec2/route:Route");
            const igw = single(plan, "aws:ec2/internetGateway:InternetGateway");
            assert.deepStrictEqual(routes.filter((r) => r.inputs.gatewayId === igw.outputs.id).map((r) => r.name).sort(),
                Array.from({ length: availabilityZones }, (_, az) => `orthanc-dev-network-vpc-public-${az + 1}`));
            const natIds = new Set(ofType(plan, "aws:ec2/natGateway:NatGateway").map((n) => n.outputs.id));
            assert.strictEqual(routes.filter((r) => natIds.has(r.inputs.natGatewayId as string)).length, nats === 0 ? 0 : availabilityZones);
            assert.ok(routes.every((r) => !r.name.includes("-isolated-")), "isolated subnets have no route out");
        });
    }

    it("allocates subnets where awsx did for two AZs, and without overlap where awsx's layout could not exist", () => {
        assert.deepStrictEqual(allocateSubnets("10.20.0.0/16", 2, subnetMasks(16)), [
            { public: "10.20.0.0/21", private: "10.20.32.0/19", isolated: "10.20.64.0/21" },
            { public: "10.20.128.0/21", private: "10.20.160.0/19", isolated: "10.20.192.0/21" },
        ]);
        // awsx would put AZ 1's isolated subnet on AZ 2's public one (10.30.64.0/21): largest first instead.
        assert.deepStrictEqual(allocateSubnets("10.30.0.0/16", 3, subnetMasks(16))[0], { public: "10.30.32.0/21", private: "10.30.0.0/19", isolated: "10.30.40.0/21" });
        for (const prefix of [16, 18, 20]) {
            for (const zones of [2, 3]) {
                const blocks = allocateSubnets(`10.0.0.0/${prefix}`, zones, subnetMasks(prefix)).flatMap((az) => Object.values(az));
                const ranges = blocks.map((cidr) => {
                    const [address, bits] = cidr.split("/");
                    const start = address.split(".").reduce((acc, o) => acc * 256 + Number(o), 0);
                    return [start, start + 2 ** (32 - Number(bits)) - 1];
                }).sort((a, b) => a[0] - b[0]);
                ranges.forEach(([start], i) => assert.ok(i === 0 || start > ranges[i - 1][1], `/${prefix}, ${zones} AZs: ${blocks.join(" ")} overlap`));
                assert.ok(ranges[ranges.length - 1][1] < 2 ** 24 * 10 + 2 ** (32 - prefix), `/${prefix}: outside the VPC`);
            }
        }
    });

    it("closes the default security group and keeps SSH and RDP from the internet out of every subnet", async () => {
        const plan = await evaluateStack("dev");
        const vpc = single(plan, "aws:ec2/vpc:Vpc");
        const group = single(plan, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
        assert.deepStrictEqual([group.inputs.vpcId, group.inputs.ingress, group.inputs.egress], [vpc.outputs.id, [], []]);
        const acl = single(plan, "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl");
        assert.strictEqual(acl.inputs.defaultNetworkAclId, vpc.outputs.defaultNetworkAclId);
        assert.deepStrictEqual((acl.inputs.subnetIds as string[]).sort(), ofType(plan, "aws:ec2/subnet:Subnet").map((s) => String(s.outputs.id)).sort());
        assert.deepStrictEqual(acl.inputs.ingress, DEFAULT_NETWORK_ACL_INGRESS);
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
        const routeTableIds = ofType(plan, "aws:ec2/routeTable:RouteTable").map((table) => table.outputs.id);
        for (const service of ["s3", "dynamodb"]) {
            const endpoint = single(plan, "aws:ec2/vpcEndpoint:VpcEndpoint", `-network-${service}`);
            assert.strictEqual(endpoint.inputs.vpcEndpointType, "Gateway");
            assert.strictEqual(endpoint.inputs.serviceName, `com.amazonaws.us-east-1.${service}`);
            assert.deepStrictEqual([...(endpoint.inputs.routeTableIds as string[])].sort(), [...routeTableIds].sort());
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
        const privateSubnetIds = subnetIdsOf(ec2, "private");
        const endpointGroup = single(ec2, "aws:ec2/securityGroup:SecurityGroup", "-network-endpoints");
        assert.deepStrictEqual(endpointGroup.inputs.ingress, [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.20.0.0/16"], description: "HTTPS from the VPC" }]);
        for (const endpoint of ofType(ec2, "aws:ec2/vpcEndpoint:VpcEndpoint").filter((e) => e.inputs.vpcEndpointType === "Interface")) {
            assert.strictEqual(endpoint.inputs.privateDnsEnabled, true);
            assert.deepStrictEqual(endpoint.inputs.subnetIds, privateSubnetIds);
            assert.deepStrictEqual(endpoint.inputs.securityGroupIds, [endpointGroup.outputs.id]);
        }
    });

    it("logs all VPC traffic to a group encrypted with the logs key, with the configured retention", async () => {
        const plan = await evaluateStack("dev", { logRetentionDays: "90" });
        const flowLog = single(plan, "aws:ec2/flowLog:FlowLog");
        const group = single(plan, "aws:cloudwatch/logGroup:LogGroup", "-flow-logs-group");
        const logsKey = single(plan, "aws:kms/key:Key", "-keys-logs");
        assert.strictEqual(flowLog.inputs.trafficType, "ALL");
        assert.strictEqual(flowLog.inputs.vpcId, vpcIdOf(plan));
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
        for (const type of ["aws:ec2/vpc:Vpc", "aws:ec2/subnet:Subnet", "aws:ec2/routeTable:RouteTable", "aws:ec2/natGateway:NatGateway", "aws:ec2/flowLog:FlowLog", "aws:ec2/vpcEndpoint:VpcEndpoint"]) {
            for (const resource of ofType(plan, type)) assert.ok(ancestors(plan, resource).includes(network.urn), `${resource.name} is outside the network component`);
        }
    });
});
