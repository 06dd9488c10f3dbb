/** Broken cases of the AWS Config HIPAA parity policies: one misconfiguration each, on the compliant baseline. */
import { containerDefinitions, identityPolicy } from "./baseline";
import { ACCOUNT, logDeliveryGrant } from "./baselineParity";
import { AUDIT_AND_CONTINGENCY_CASES } from "./brokenCasesParityData";
import { BrokenCase, add, find, patch, remove } from "./specEdits";

const FOREIGN = "210987654321";

function resourcePolicyCase(title: string, statement: Record<string, unknown>, message: string): BrokenCase {
    return {
        policy: "orthanc-resource-policies-account-scoped", title, environment: "dev", resource: "queue-policy",
        mutate: patch("queue-policy", { policy: identityPolicy({ Resource: `arn:aws:sqs:eu-west-1:${ACCOUNT}:queue`, ...statement }) }),
        message: `'queue-policy' policy statement 0 ${message}.`,
    };
}

const RESOURCE_POLICY_CASES: BrokenCase[] = [
    resourcePolicyCase("queue open to every principal", { Effect: "Allow", Principal: "*", Action: "sqs:SendMessage" },
        "grants principal \"*\" without a condition limiting it to the stack's accounts"),
    resourcePolicyCase("queue shared with a foreign account", { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${FOREIGN}:root` }, Action: "sqs:*" },
        `grants account ${FOREIGN}, outside the stack's accounts`),
    resourcePolicyCase("service principal without a source condition", { Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Action: "sqs:SendMessage" },
        "grants service sns.amazonaws.com without aws:SourceAccount or aws:SourceArn of the stack's accounts"),
    resourcePolicyCase("source account condition naming another account", {
        Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sqs:SendMessage",
        Condition: { StringEquals: { "aws:SourceAccount": FOREIGN } },
    }, "grants service s3.amazonaws.com without aws:SourceAccount or aws:SourceArn of the stack's accounts"),
    resourcePolicyCase("IfExists condition that passes when the key is absent", {
        Effect: "Allow", Principal: "*", Action: "sqs:SendMessage", Condition: { StringEqualsIfExists: { "aws:SourceAccount": ACCOUNT } },
    }, "grants principal \"*\" without a condition limiting it to the stack's accounts"),
    resourcePolicyCase("NotPrincipal allow", { Effect: "Allow", NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sqs:*" },
        "allows every principal but its NotPrincipal"),
    {
        policy: "orthanc-resource-policies-account-scoped", title: "S3 log delivery without the source account", environment: "dev",
        resource: "alb-logs-policy", mutate: patch("alb-logs-policy", { policy: logDeliveryGrant({}) }),
        message: "'alb-logs-policy' policy statement 0 grants service logging.s3.amazonaws.com without aws:SourceAccount or aws:SourceArn of the stack's accounts.",
    },
    {
        policy: "orthanc-resource-policies-account-scoped", title: "KMS key policy trusting a foreign root", environment: "prod", resource: "data-key",
        mutate: patch("data-key", { policy: identityPolicy({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${FOREIGN}:root` }, Action: "kms:Decrypt", Resource: "*" }) }),
        message: `'data-key' policy statement 0 grants account ${FOREIGN}, outside the stack's accounts.`,
    },
    {
        policy: "orthanc-resource-policies-account-scoped", title: "role trust of a foreign account", environment: "dev", resource: "task-role",
        mutate: patch("task-role", { assumeRolePolicy: identityPolicy({ Effect: "Allow", Principal: { AWS: FOREIGN }, Action: "sts:AssumeRole" }) }),
        message: `'task-role' assumeRolePolicy statement 0 grants account ${FOREIGN}, outside the stack's accounts.`,
    },
    {
        policy: "orthanc-resource-policies-account-scoped", title: "OIDC trust without conditions", environment: "dev", resource: "task-role",
        mutate: patch("task-role", { assumeRolePolicy: identityPolicy({ Effect: "Allow", Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` }, Action: "sts:AssumeRoleWithWebIdentity" }) }),
        message: `'task-role' assumeRolePolicy statement 0 lets every identity of arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com assume it (no condition on audience or subject).`,
    },
    {
        policy: "orthanc-resource-policies-account-scoped", title: "Lambda permission without a source account", environment: "dev", resource: "indexer-from-s3",
        mutate: patch("indexer-from-s3", { sourceAccount: undefined }),
        message: "'indexer-from-s3' grants \"s3.amazonaws.com\" without sourceAccount, a sourceArn or principalOrgId of the stack's accounts.",
    },
    {
        policy: "orthanc-resource-policies-account-scoped", title: "public function URL", environment: "dev", resource: "indexer-url",
        mutate: add({ type: "aws:lambda/functionUrl:FunctionUrl", name: "indexer-url", inputs: { functionName: "indexer", authorizationType: "NONE" } }),
        message: "'indexer-url' function URL with authorization NONE (must be AWS_IAM).",
    },
    {
        policy: "orthanc-resource-policies-account-scoped", title: "secret policy of a resource type added later", environment: "dev", resource: "db-secret-policy",
        mutate: add({
            type: "aws:secretsmanager/secretPolicy:SecretPolicy", name: "db-secret-policy",
            inputs: { secretArn: "db-secret-id", policy: identityPolicy({ Effect: "Allow", Principal: { AWS: "*" }, Action: "secretsmanager:GetSecretValue", Resource: "*" }) },
        }),
        message: "'db-secret-policy' policy statement 0 grants principal \"*\" without a condition limiting it to the stack's accounts.",
    },
];

const VPC_CASES: BrokenCase[] = [
    {
        policy: "orthanc-no-public-ip-on-launch", title: "subnet mapping public IPs", environment: "dev", resource: "public-a",
        mutate: patch("public-a", { mapPublicIpOnLaunch: true }), message: "'public-a' assigns public IP addresses (mapPublicIpOnLaunch).",
    },
    {
        policy: "orthanc-no-public-ip-on-launch", title: "launch template with a public address", environment: "dev", resource: "hosts",
        mutate: patch("hosts", { networkInterfaces: [{ associatePublicIpAddress: "true" }] }),
        message: "'hosts' assigns public IP addresses (networkInterfaces[0].associatePublicIpAddress).",
    },
    {
        policy: "orthanc-vpc-default-security-group-closed", title: "default security group left unmanaged", environment: "dev", resource: "vpc",
        mutate: remove("vpc-default-sg"), message: "VPC 'vpc' leaves its default security group unmanaged (it admits traffic between its members and all egress).",
    },
    {
        policy: "orthanc-vpc-default-security-group-closed", title: "default security group with an egress rule", environment: "dev", resource: "vpc",
        mutate: patch("vpc-default-sg", { egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] }),
        message: "VPC 'vpc' default security group 'vpc-default-sg' has rules; it must have none.",
    },
    {
        policy: "orthanc-vpc-default-security-group-closed", title: "awsx VPC hiding its default group", environment: "dev", resource: "network",
        mutate: add({ type: "awsx:ec2:Vpc", name: "network", inputs: { cidrBlock: "10.1.0.0/16" }, outputs: { vpcId: "vpc-awsx" } }),
        message: "VPC 'network' is an awsx component: its default security group cannot be checked before it is built.",
    },
    {
        policy: "orthanc-network-acls-no-admin-ports", title: "default network ACL left unmanaged", environment: "dev", resource: "vpc",
        mutate: remove("vpc-default-acl"), message: "VPC 'vpc' leaves its default network ACL unmanaged (it admits all traffic, SSH and RDP included).",
    },
    {
        policy: "orthanc-network-acls-no-admin-ports", title: "SSH deny numbered after the allow-all entry", environment: "dev", resource: "vpc-default-acl",
        mutate: specs => {
            const acl = find(specs, "vpc-default-acl");
            const ingress = (acl.inputs.ingress as Record<string, unknown>[]).map(e => e.fromPort === 22 ? { ...e, ruleNo: 300 } : e);
            patch("vpc-default-acl", { ingress })(specs);
        },
        message: "Network ACL 'vpc-default-acl' admits TCP 22 from the internet.",
    },
    {
        policy: "orthanc-network-acls-no-admin-ports", title: "custom ACL rule admitting RDP from a /1", environment: "dev", resource: "vpc-default-acl",
        mutate: add({
            type: "aws:ec2/networkAclRule:NetworkAclRule", name: "rdp",
            inputs: { networkAclId: "acl-default", ruleNumber: 10, egress: false, protocol: "6", ruleAction: "allow", fromPort: 3389, toPort: 3389, cidrBlock: "0.0.0.0/1" },
        }),
        message: "Network ACL 'vpc-default-acl' admits TCP 3389 from the internet.",
    },
    {
        policy: "orthanc-internet-routes-public-subnets-only", title: "workload subnet routed to the internet gateway", environment: "dev", resource: "private-rt",
        mutate: patch("private-rt", { routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-0abc" }] }),
        message: "Route table 'private-rt' sends 0.0.0.0/0 to an internet gateway from subnet subnet-a, where 'orthanc' runs.",
    },
    {
        policy: "orthanc-internet-routes-public-subnets-only", title: "internet gateway attached to a foreign VPC", environment: "dev", resource: "igw",
        mutate: patch("igw", { vpcId: "vpc-elsewhere" }), message: "Internet gateway 'igw' attaches to VPC vpc-elsewhere, which is not one of the stack's.",
    },
    {
        policy: "orthanc-ec2-in-vpc", title: "Auto Scaling group without subnets", environment: "dev", resource: "hosts-group",
        mutate: patch("hosts-group", { vpcZoneIdentifiers: undefined }), message: "'hosts-group' names no subnet and would launch in the default VPC.",
    },
];

const IAM_CASES: BrokenCase[] = [
    {
        policy: "orthanc-iam-pass-role-scoped", title: "iam:PassRole on every role", environment: "dev", resource: "kms-use",
        mutate: patch("kms-use", { policy: identityPolicy({ Effect: "Allow", Action: "iam:PassRole", Resource: `arn:aws:iam::${ACCOUNT}:role/*` }) }),
        message: `'kms-use' policy statement 0 allows iam:PassRole on "arn:aws:iam::${ACCOUNT}:role/*", not a named role.`,
    },
    {
        policy: "orthanc-iam-pass-role-scoped", title: "iam:Pass* pattern on *", environment: "dev", resource: "task-s3",
        mutate: patch("task-s3", { policy: identityPolicy({ Effect: "Allow", Action: ["iam:Pass*"], Resource: "*" }) }),
        message: "'task-s3' policy statement 0 allows iam:PassRole on \"*\", not a named role.",
    },
    {
        policy: "orthanc-iam-no-service-wide-actions", title: "s3:* on one bucket", environment: "dev", resource: "task-s3",
        mutate: patch("task-s3", { policy: identityPolicy({ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::orthanc-images/*" }) }),
        message: "'task-s3' policy statement 0 allows s3:*.",
    },
    {
        policy: "orthanc-iam-kms-decrypt-scoped", title: "kms:Decrypt on every key", environment: "dev", resource: "kms-use",
        mutate: patch("kms-use", { policy: identityPolicy({ Effect: "Allow", Action: ["kms:Decrypt"], Resource: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/*` }) }),
        message: "'kms-use' policy statement 0 allows kms:Decrypt on every key.",
    },
    {
        policy: "orthanc-iam-kms-decrypt-scoped", title: "kms:ReEncrypt* on *", environment: "dev", resource: "kms-use",
        mutate: patch("kms-use", { policy: identityPolicy({ Effect: "Allow", Action: "kms:ReEncrypt*", Resource: "*" }) }),
        message: "'kms-use' policy statement 0 allows kms:ReEncryptFrom, kms:ReEncryptTo on every key.",
    },
    {
        policy: "orthanc-ec2-managed-instances", title: "launch template without instance profile", environment: "dev", resource: "hosts",
        mutate: patch("hosts", { iamInstanceProfile: undefined }), message: "'hosts' has no instance profile (iamInstanceProfile).",
    },
    {
        policy: "orthanc-ec2-managed-instances", title: "host role without the SSM core policy", environment: "dev", resource: "hosts",
        mutate: remove("hosts-ssm"), message: "'hosts' instance profile 'hosts-profile' role hosts-role lacks AmazonSSMManagedInstanceCore.",
    },
];

const CONTAINER_CASES: BrokenCase[] = [
    {
        policy: "orthanc-ecs-readonly-root-filesystem", level: "advisory", title: "writable root file system", environment: "dev", resource: "orthanc-task",
        mutate: patch("orthanc-task", { containerDefinitions: containerDefinitions({ readonlyRootFilesystem: false }) }),
        message: "'orthanc-task' container orthanc has a writable root file system.",
    },
    {
        policy: "orthanc-ecs-host-network-non-root", title: "host network as root", environment: "dev", resource: "orthanc-task",
        mutate: patch("orthanc-task", { networkMode: "host", containerDefinitions: containerDefinitions({ user: "0:0" }) }),
        message: "'orthanc-task' container orthanc shares the host network as 0:0.",
    },
    {
        policy: "orthanc-ecs-host-network-non-root", title: "host network with the image's user", environment: "dev", resource: "orthanc-task",
        mutate: patch("orthanc-task", { networkMode: "host" }),
        message: "'orthanc-task' container orthanc shares the host network as the image's user (not set).",
    },
    {
        policy: "orthanc-asg-elb-health-check", title: "group behind a target group on EC2 checks", environment: "dev", resource: "hosts-group",
        mutate: patch("hosts-group", { targetGroupArns: ["tg-arn"] }),
        message: "'hosts-group' is behind a load balancer but uses health checks of type EC2 (not set).",
    },
];

export const PARITY_CASES: BrokenCase[] = [
    ...RESOURCE_POLICY_CASES, ...VPC_CASES, ...IAM_CASES, ...CONTAINER_CASES, ...AUDIT_AND_CONTINGENCY_CASES,
];
