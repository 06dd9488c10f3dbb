/**
 * The Orthanc service and its load balancer as the whole program wires them: the data stores' secret, client
 * groups and storage reach the tasks, and the stack outputs tell users where to connect (never a secret value).
 */
import * as assert from "assert";
import { evaluateStack } from "../../tools/offline/evaluate";
import { Plan, PlannedResource } from "../../tools/offline/planTypes";
import { jsonInput, named, ofType, single } from "../support/planQueries";

function orthancContainer(plan: Plan): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any
    return jsonInput<Array<Record<string, any>>>(single(plan, "aws:ecs/taskDefinition:TaskDefinition", "-orthanc-task-definition"), "containerDefinitions")[0]; // eslint-disable-line @typescript-eslint/no-explicit-any
}

function securityGroupsOfService(plan: Plan): string[] {
    return (single(plan, "aws:ecs/service:Service", "-orthanc-service").inputs.networkConfiguration as { securityGroups: string[] }).securityGroups;
}

const idOf = (resource: PlannedResource): unknown => resource.outputs.id;

describe("Orthanc in the offline plan", function () {
    this.timeout(120_000);

    describe("dev: Fargate, EFS, self-signed certificate", () => {
        let plan: Plan;
        before(async () => { plan = await evaluateStack("dev"); });

        it("injects the RDS-managed secret and carries the data stores' client groups", () => {
            const rds = single(plan, "aws:rds/instance:Instance");
            const secretArn = (rds.outputs.masterUserSecrets as Array<{ secretArn: string }>)[0].secretArn;
            const secrets = orthancContainer(plan).secrets as Array<{ name: string; valueFrom: string }>;
            assert.deepStrictEqual(secrets.slice(0, 2).map((secret) => secret.valueFrom), [`${secretArn}:username::`, `${secretArn}:password::`]);
            const groups = securityGroupsOfService(plan);
            assert.ok(groups.includes(idOf(single(plan, "aws:ec2/securityGroup:SecurityGroup", "-database-client-sg")) as string));
            assert.ok(groups.includes(idOf(single(plan, "aws:ec2/securityGroup:SecurityGroup", "-files-client-sg")) as string));
        });

        it("starts the service only after every zone's EFS mount target", () => {
            const mountTargets = ofType(plan, "aws:efs/mountTarget:MountTarget");
            assert.strictEqual(mountTargets.length, 2);
            const dependsOn = single(plan, "aws:ecs/service:Service", "-orthanc-service").options.dependsOn;
            assert.deepStrictEqual(mountTargets.filter((target) => !dependsOn.includes(target.urn)).map((target) => target.name), []);
        });

        it("mounts the stack's file system through its access point and points Orthanc at the RDS endpoint over TLS", () => {
            const definition = single(plan, "aws:ecs/taskDefinition:TaskDefinition", "-orthanc-task-definition");
            const [volume] = definition.inputs.volumes as Array<{ efsVolumeConfiguration: Record<string, any> }>; // eslint-disable-line @typescript-eslint/no-explicit-any
            assert.strictEqual(volume.efsVolumeConfiguration.fileSystemId, idOf(single(plan, "aws:efs/fileSystem:FileSystem")));
            assert.strictEqual(volume.efsVolumeConfiguration.authorizationConfig.accessPointId, idOf(single(plan, "aws:efs/accessPoint:AccessPoint")));
            const document = JSON.parse(orthancContainer(plan).environment[0].value);
            const rds = single(plan, "aws:rds/instance:Instance");
            assert.deepStrictEqual([document.PostgreSQL.Host, document.PostgreSQL.EnableSsl, document.DicomAet], [rds.outputs.address, true, "ORTHANC_DEV"]);
        });

        it("outputs where to connect and the admin secret's name, nothing secret", () => {
            const web = named(plan, "orthanc-dev-web-alb").outputs.dnsName;
            const dicom = named(plan, "orthanc-dev-endpoint-nlb").outputs.dnsName;
            assert.deepStrictEqual(
                [plan.outputs.httpsUrl, plan.outputs.dicomWebRoot, plan.outputs.dicomHost, plan.outputs.dicomPort, plan.outputs.dicomAeTitle],
                [`https://${web}`, `https://${web}/dicom-web`, dicom, 11112, "ORTHANC_DEV"]);
            assert.strictEqual(plan.outputs.adminSecretName, single(plan, "aws:secretsmanager/secret:Secret", "-orthanc-admin-secret").outputs.name);
            assert.strictEqual(plan.outputs.orthancLogGroup, "/ecs/orthanc-dev-orthanc");
            assert.ok(!JSON.stringify(plan.outputs).includes("[secret]"));
        });
    });

    describe("dev on EC2 with S3 and a Route 53 domain", () => {
        let plan: Plan;
        before(async () => {
            plan = await evaluateStack("dev", {
                compute: { launchType: "ec2", instanceType: "m7i.large" },
                storage: { backend: "s3" },
                endpoint: { domainName: "pacs.example.org", hostedZoneId: "Z0123456789ABCDEFGHIJ" },
            });
        });

        it("stores into the stack's image bucket and carries no file-system group", () => {
            const document = JSON.parse(orthancContainer(plan).environment[0].value);
            assert.strictEqual(document.AwsS3Storage.BucketName, single(plan, "aws:s3/bucket:Bucket", "-objects-images").outputs.bucket);
            assert.strictEqual(securityGroupsOfService(plan).length, 2);
            assert.strictEqual(ofType(plan, "aws:efs/fileSystem:FileSystem").length, 0);
        });

        it("tags the container hosts with exactly the provider's default tags", () => {
            const providerTags = JSON.parse(String(single(plan, "pulumi:providers:aws").inputs.defaultTags)).tags;
            assert.strictEqual(providerTags.Stack, "dev");
            const specifications = single(plan, "aws:ec2/launchTemplate:LaunchTemplate").inputs.tagSpecifications as Array<{ tags: Record<string, string> }>;
            assert.deepStrictEqual(specifications.map((specification) => specification.tags), [providerTags, providerTags, providerTags]);
            const groupTags = single(plan, "aws:autoscaling/group:Group").inputs.tags as Array<{ key: string; value: string; propagateAtLaunch: boolean }>;
            assert.deepStrictEqual(groupTags.filter((tag) => tag.key !== "AmazonECSManaged"),
                Object.entries(providerTags).map(([key, value]) => ({ key, value, propagateAtLaunch: true })));
        });

        it("runs on the EC2 capacity provider and answers at the domain", () => {
            assert.strictEqual(single(plan, "aws:ecs/service:Service", "-orthanc-service").inputs.launchType, undefined);
            assert.strictEqual(ofType(plan, "aws:autoscaling/group:Group").length, 1);
            assert.strictEqual(plan.outputs.httpsUrl, "https://pacs.example.org");
            assert.strictEqual(plan.outputs.dicomHost, "dicom.pacs.example.org");
            // One alias and one ACM certificate per load balancer: the domain for the web tier, dicom.<domain> for DICOM TLS.
            assert.deepStrictEqual(ofType(plan, "aws:route53/record:Record").filter((record) => record.inputs.type === "A").map((record) => [record.name, record.inputs.name]).sort(),
                [["orthanc-dev-endpoint-alias", "dicom.pacs.example.org"], ["orthanc-dev-web-alias", "pacs.example.org"]]);
            assert.deepStrictEqual(ofType(plan, "aws:acm/certificate:Certificate").map((certificate) => certificate.inputs.domainName).sort(), ["dicom.pacs.example.org", "pacs.example.org"]);
        });
    });
});
