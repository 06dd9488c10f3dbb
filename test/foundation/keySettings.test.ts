import * as assert from "assert";
import { parseStackConfig } from "../../config/parse";
import { vpcContents, vpcResourceCount } from "../../components/network";
import { keySettings, renderBlock, vpcLines } from "../../tools/keySettings";
import { isPlaceholder, MOCK_ACCOUNT_ID, stableHex } from "../../tools/offline/mockOutputs";
import { markPlaceholders } from "../../tools/planReport";
import { readStackFile } from "../../tools/offline/stackFile";
import { PROJECT_DIR } from "../../tools/offline/evaluate";

describe("the plan's key settings and VPC contents", () => {
    it("show prod's choices as a reviewer checks them", () => {
        const prod = parseStackConfig(readStackFile(PROJECT_DIR, "prod").config, "prod");
        const withDomain = { ...prod, endpoint: { ...prod.endpoint, domainName: "pacs.example.org", hostedZoneId: "Z0123456789ABCDEFGHIJ" } };
        assert.deepStrictEqual(new Map(keySettings(withDomain)), new Map([
            ["region", "us-east-1"],
            ["availability zones", "3 (the region's first 3)"],
            ["NAT", "perAz: 3 NAT gateways (one per zone)"],
            ["task", "ec2, 1024 CPU units (1 vCPU), 3072 MiB; 2 running, 2–6 with autoscaling"],
            ["container hosts", "m6i.large (2 vCPUs, 8192 MiB; 2 tasks per host)"],
            ["database", "db.m7g.large, Multi-AZ, PostgreSQL 17, 100–1000 GiB"],
            ["storage", "S3; Glacier Instant Retrieval after 90 days, Deep Archive never, replaced versions removed after 90 days"],
            ["certificate", "ACM, DNS-validated for pacs.example.org in zone Z0123456789ABCDEFGHIJ"],
            ["allowed networks", "198.51.100.0/24, 203.0.113.0/24"],
            ["image", "orthancteam/orthanc:26.8.1 (mirrored into the account's ECR)"],
        ]));
    });

    it("count what the VPC holds from the network settings, for every NAT strategy", () => {
        const network = { cidrBlock: "10.30.0.0/16", availabilityZones: 3, interfaceEndpoints: true };
        const none = vpcContents({ ...network, natGateways: "none" });
        const perAz = vpcContents({ ...network, natGateways: "perAz" });
        assert.deepStrictEqual(none, {
            subnets: { public: 3, private: 3, isolated: 3 }, masks: { public: 21, private: 19, isolated: 21 },
            natGateways: 0, elasticIps: 0, internetGateways: 1, routeTables: 9, routeTableAssociations: 9, routes: 3, vpcs: 1,
        });
        assert.deepStrictEqual([perAz.natGateways, perAz.elasticIps, perAz.routes], [3, 3, 6]);
        assert.deepStrictEqual([vpcResourceCount(none), vpcResourceCount(perAz)], [32, 41]);
        assert.strictEqual(vpcContents({ ...network, availabilityZones: 2, natGateways: "single" }).natGateways, 1);
        assert.strictEqual(renderBlock("VPC:", vpcLines(none)), [
            "VPC:",
            "  subnets           3 public (/21), 3 private (/19), 3 isolated (/21)",
            "  NAT gateways      0",
            "  Elastic IPs       0",
            "  internet gateway  1",
            "  route tables      9, with 9 associations and 3 default routes",
        ].join("\n"));
    });

    it("mark what the mocks invented as placeholders, and only that", () => {
        const invented = `vpc-${stableHex(17, "key-settings-test")}`;
        assert.ok(isPlaceholder(invented) && isPlaceholder(`arn:aws:kms:us-east-1:${MOCK_ACCOUNT_ID}:key/x`));
        assert.deepStrictEqual(markPlaceholders({ vpcId: invented, port: 11112, name: "orthanc-dev-backup-vault", list: [invented] }),
            { vpcId: `${invented} ‹placeholder›`, port: 11112, name: "orthanc-dev-backup-vault", list: [`${invented} ‹placeholder›`] });
    });
});
