/**
 * orthanc-aws: wires the components together. Every decision lives in `config/` and the components; this file
 * only passes one component's outputs to the next.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { loadStackConfig } from "./config/load";
import { deploymentNotices } from "./config/notices";
import { resourcePrefix, serviceNamePrefix } from "./config/naming";
import { defaultTags } from "./config/tags";
import { AccountCompliance, AuditTrail } from "./components/compliance";
import { ORTHANC_GID, ORTHANC_UID, OrthancService } from "./components/compute";
import { budgetRecipients, ResourceRecorder, StackBudget } from "./components/cost";
import { Backup, BackedUpResource, Database, FileStorage, ObjectStorage } from "./components/data";
import { clientEndpoints, OrthancLoadBalancer, preservesClientAddresses, PrivateDicomLoadBalancer, WebLoadBalancer } from "./components/endpoint";
import { interfaceEndpointServices, Network, PrivateSiteLink } from "./components/network";
import { alarmFacts, AlarmTopic, ServiceMonitoring } from "./components/monitoring";
import { buildIndexerBundle, MetadataPipeline } from "./components/pipeline";
import { EncryptionKeys } from "./components/security";
import { KEYCLOAK_HEALTH_PATH, KEYCLOAK_HTTP_PORT, KEYCLOAK_MANAGEMENT_PORT, keycloakInternalUrl, keycloakNamespaceName, keycloakPublicUrl, KeycloakSecrets, KeycloakService } from "./components/identity";

const config = loadStackConfig();
const prefix = resourcePrefix(config);
// Sees every resource registered from here on; the budget below is set from their estimate.
const costs = new ResourceRecorder();

const tags = defaultTags(config, pulumi.getProject());
const provider = new aws.Provider(`${prefix}-aws`, {
    region: config.region as aws.Region,
    defaultTags: { tags },
});
const withProvider: pulumi.ComponentResourceOptions = { providers: { aws: provider } };

const notices = deploymentNotices(config);

const alarms = new AlarmTopic(`${prefix}-alarms`, { aliasPrefix: prefix, email: config.alarms.email, protect: config.protectDataStores }, withProvider);

const keys = new EncryptionKeys(`${prefix}-keys`, {
    aliasPrefix: prefix,
    region: config.region,
    protect: config.protectDataStores,
    ebsThroughEc2: config.compute.launchType === "ec2",
}, withProvider);

const network = new Network(`${prefix}-network`, {
    cidrBlock: config.network.cidrBlock,
    availabilityZones: config.network.availabilityZones,
    natGateways: config.network.natGateways,
    interfaceEndpointServices: interfaceEndpointServices(config.network, config.compute.launchType),
    region: config.region,
    logsKeyArn: keys.logs.arn,
    logRetentionDays: config.logRetentionDays,
}, withProvider);

const database = new Database(`${prefix}-database`, {
    settings: config.database,
    vpcId: network.vpcId,
    subnetIds: network.isolatedSubnetIds,
    dataKeyArn: keys.data.arn,
    logsKeyArn: keys.logs.arn,
    logRetentionDays: config.logRetentionDays,
    protect: config.protectDataStores,
}, withProvider);

const fileStorage = config.storage.backend === "efs"
    ? new FileStorage(`${prefix}-files`, {
        settings: config.storage,
        vpcId: network.vpcId,
        subnetIds: network.isolatedSubnetIds,
        availabilityZoneCount: config.network.availabilityZones,
        dataKeyArn: keys.data.arn,
        protect: config.protectDataStores,
        posixUid: ORTHANC_UID,
        posixGid: ORTHANC_GID,
    }, withProvider)
    : undefined;
const objectStorage = config.storage.backend === "s3"
    ? new ObjectStorage(`${prefix}-objects`, {
        settings: config.storage,
        dataKeyArn: keys.data.arn,
        accessLogRetentionDays: config.logRetentionDays,
        protect: config.protectDataStores,
    }, withProvider)
    : undefined;

// One recorder, detector and hub per account and region: deployed unless the organization already runs them.
if (config.compliance.accountServices === "stack") {
    new AccountCompliance(`${prefix}-compliance`, {
        prefix,
        region: config.region,
        logsKeyArn: keys.logs.arn,
        logRetentionDays: config.logRetentionDays,
        rules: { backupRetentionDays: config.backup.retentionDays, maxSecretRotationDays: 90 },
        protect: config.protectDataStores,
    }, withProvider);
}

const loadBalancer = new OrthancLoadBalancer(`${prefix}-endpoint`, {
    endpoint: config.endpoint,
    physicalNamePrefix: prefix,
    vpcId: network.vpcId,
    vpcCidrBlock: network.vpcCidrBlock,
    publicSubnetIds: network.publicSubnetIds,
    logsKeyArn: keys.logs.arn,
    logRetentionDays: config.logRetentionDays,
    region: config.region,
    certificateCommonName: `${prefix} Orthanc`,
    protect: config.protectDataStores,
    preserveDicomClientAddresses: preservesClientAddresses(config.dicomNetwork),
}, withProvider);

const web = new WebLoadBalancer(`${prefix}-web`, {
    endpoint: config.endpoint,
    physicalNamePrefix: prefix,
    vpcId: network.vpcId,
    vpcCidrBlock: network.vpcCidrBlock,
    publicSubnetIds: network.publicSubnetIds,
    logsKeyArn: keys.logs.arn,
    logRetentionDays: config.logRetentionDays,
    certificateCommonName: `${prefix} Orthanc`,
    protect: config.protectDataStores,
    waf: config.web.waf,
    keycloak: config.identity.mode === "keycloak"
        ? { port: KEYCLOAK_HTTP_PORT, healthCheckPort: KEYCLOAK_MANAGEMENT_PORT, healthCheckPath: KEYCLOAK_HEALTH_PATH }
        : undefined,
}, withProvider);

const privateDicom = config.privateDicom.enabled
    ? new PrivateDicomLoadBalancer(`${prefix}-private-dicom`, {
        physicalNamePrefix: prefix,
        vpcId: network.vpcId,
        vpcCidrBlock: network.vpcCidrBlock,
        privateSubnetIds: network.privateSubnetIds,
        port: config.privateDicom.port,
        onPremisesCidrs: config.privateDicom.onPremisesCidrs,
        preserveClientAddresses: preservesClientAddresses(config.dicomNetwork),
        accessLogBucketName: loadBalancer.accessLogBucketName,
        deletionProtection: config.protectDataStores,
    }, withProvider)
    : undefined;
const siteLink = config.privateDicom.enabled
    ? new PrivateSiteLink(`${prefix}-site-link`, {
        vpcId: network.vpcId,
        vpcCidrBlock: network.vpcCidrBlock,
        privateRouteTableIds: network.privateRouteTableIds,
        availabilityZoneCount: config.network.availabilityZones,
        settings: config.privateDicom,
        logsKeyArn: keys.logs.arn,
        logRetentionDays: config.logRetentionDays,
    }, withProvider)
    : undefined;

// Before the Orthanc service: its auth-service sidecar reads the client secret and Keycloak's internal URL.
const keycloakSecrets = config.identity.mode === "keycloak"
    ? new KeycloakSecrets(`${prefix}-keycloak-secrets`, { namePrefix: serviceNamePrefix(config), dataKeyArn: keys.data.arn }, withProvider)
    : undefined;

const orthanc = new OrthancService(`${prefix}-orthanc`, {
    namePrefix: serviceNamePrefix(config),
    region: config.region,
    compute: config.compute,
    orthanc: config,
    hostTags: tags,
    logRetentionDays: config.logRetentionDays,
    audit: config.audit,
    vpcId: network.vpcId,
    privateSubnetIds: network.privateSubnetIds,
    dataKeyArn: keys.data.arn,
    logsKeyArn: keys.logs.arn,
    database: {
        address: database.address,
        port: database.port,
        databaseName: database.databaseName,
        secretArn: database.masterUserSecretArn,
        clientSecurityGroupId: database.clientSecurityGroupId,
        maxConnections: database.maxConnections,
    },
    efs: fileStorage && {
        fileSystemId: fileStorage.fileSystemId,
        fileSystemArn: fileStorage.fileSystemArn,
        accessPointId: fileStorage.accessPointId,
        accessPointArn: fileStorage.accessPointArn,
        clientSecurityGroupId: fileStorage.clientSecurityGroupId,
        mountTargets: fileStorage.mountTargets,
    },
    bucket: objectStorage && {
        bucketName: objectStorage.bucketName,
        bucketArn: objectStorage.bucketArn,
        bucketKeyArn: objectStorage.kmsKeyArn,
    },
    loadBalancer: {
        securityGroupId: loadBalancer.securityGroupId,
        dicomTargetGroupArn: loadBalancer.dicomTargetGroupArn,
        listeners: loadBalancer.listeners,
    },
    web: {
        securityGroupId: web.securityGroupId,
        httpTargetGroupArn: web.orthancTargetGroupArn,
        listener: web.listener,
        hostName: web.hostName,
    },
    privateDicom: privateDicom && {
        securityGroupId: privateDicom.securityGroupId,
        dicomTargetGroupArn: privateDicom.dicomTargetGroupArn,
        listeners: privateDicom.listeners,
    },
    // Keycloak's addresses are pure functions of the host and the namespace, so the service can come after Orthanc's.
    keycloak: keycloakSecrets && {
        publicUrl: web.hostName.apply(keycloakPublicUrl),
        internalUrl: keycloakInternalUrl(keycloakNamespaceName(serviceNamePrefix(config))),
        authServiceClientSecretArn: keycloakSecrets.authServiceClientSecretArn,
    },
}, withProvider);

const keycloak = keycloakSecrets !== undefined
    ? new KeycloakService(`${prefix}-keycloak`, {
        namePrefix: serviceNamePrefix(config),
        region: config.region,
        clusterArn: orthanc.clusterArn,
        vpcId: network.vpcId,
        privateSubnetIds: network.privateSubnetIds,
        cpu: config.identity.keycloak.cpu,
        memory: config.identity.keycloak.memory,
        publicHostName: web.hostName,
        loadBalancer: { targetGroupArn: web.keycloakTargetGroupArn!, securityGroupId: web.securityGroupId, listeners: [web.listener] },
        database: {
            address: database.address,
            port: database.port,
            orthancDatabaseName: database.databaseName,
            masterSecretArn: database.masterUserSecretArn,
            clientSecurityGroupId: database.clientSecurityGroupId,
        },
        secrets: keycloakSecrets,
        dataKeyArn: keys.data.arn,
        logsKeyArn: keys.logs.arn,
        logRetentionDays: config.logRetentionDays,
        authServiceSecurityGroupIds: [orthanc.taskSecurityGroupId],
        imageSource: config.compute.imageSource,
    }, withProvider)
    : undefined;

const pipeline = objectStorage !== undefined && config.metadataPipeline.enabled
    ? new MetadataPipeline(`${prefix}-pipeline`, {
        bucketName: objectStorage.bucketName,
        bucketArn: objectStorage.bucketArn,
        dataKeyArn: objectStorage.kmsKeyArn,
        pipelineKeyArn: keys.pipeline.arn,
        logsKeyArn: keys.logs.arn,
        vpcId: network.vpcId,
        privateSubnetIds: network.privateSubnetIds,
        gatewayPrefixListIds: network.gatewayPrefixListIds,
        code: new pulumi.asset.FileArchive(buildIndexerBundle().directory),
        maxConcurrency: config.metadataPipeline.maxConcurrency,
        reservedConcurrency: config.metadataPipeline.reservedConcurrency,
        logRetentionDays: config.logRetentionDays,
        protect: config.protectDataStores,
        alarmTopicArn: alarms.topicArn,
    }, withProvider)
    : undefined;

// The account's trail, unless an organization trail already records the account (cloudTrail.organizationTrailName).
const trail = config.cloudTrail.organizationTrailName === undefined
    ? new AuditTrail(`${prefix}-trail`, {
        prefix,
        region: config.region,
        logsKeyArn: keys.logs.arn,
        logRetentionDays: config.logRetentionDays,
        imageBucketArn: objectStorage?.bucketArn,
        headerTableArn: pipeline?.tableArn,
        protect: config.protectDataStores,
    }, withProvider)
    : undefined;

const backedUp: BackedUpResource[] = [
    { arn: database.instanceArn, kind: "rds" },
    ...(fileStorage ? [{ arn: fileStorage.fileSystemArn, kind: "efs" as const }] : []),
    ...(objectStorage ? [{ arn: objectStorage.bucketArn, kind: "s3" as const }] : []),
    ...(pipeline ? [{ arn: pipeline.tableArn, kind: "dynamodb" as const }] : []),
];
const backup = new Backup(`${prefix}-backup`, {
    retentionDays: config.backup.retentionDays,
    dataKeyArn: keys.data.arn,
    resources: backedUp,
    protect: config.protectDataStores,
    vaultLock: config.backup.vaultLock,
    copy: config.backup.copy && { ...config.backup.copy, tags },
}, withProvider);

const monitoring = new ServiceMonitoring(`${prefix}-monitoring`, {
    namePrefix: prefix,
    region: config.region,
    facts: alarmFacts(config),
    alarmTopicArn: alarms.topicArn,
    clusterArn: orthanc.clusterArn,
    targets: {
        loadBalancer: loadBalancer.loadBalancerArnSuffix,
        webLoadBalancer: web.loadBalancerArnSuffix,
        httpTargetGroup: web.orthancTargetGroupArnSuffix,
        keycloakTargetGroup: web.keycloakTargetGroupArnSuffix,
        dicomTargetGroup: loadBalancer.dicomTargetGroupArnSuffix,
        clusterName: orthanc.clusterName,
        serviceName: orthanc.serviceName,
        rotationStateMachineArn: orthanc.rotationStateMachineArn,
        databaseIdentifier: database.instanceIdentifier,
        fileSystemId: fileStorage?.fileSystemId,
        certificateArn: loadBalancer.certificateArn,
        webCertificateArn: web.certificateArn,
        backupVaultName: backup.vaultName,
    },
    logsKeyArn: keys.logs.arn,
    logRetentionDays: config.logRetentionDays,
    pipeline: pipeline && { queueName: pipeline.queueName, deadLetterQueueName: pipeline.deadLetterQueueName, functionName: pipeline.functionName },
}, withProvider);

// Last, so that the estimate it is set from covers every resource above (a test checks it equals the plan's).
const budget = config.budget.enabled
    ? new StackBudget(`${prefix}-budget`, {
        settings: config.budget,
        estimate: costs.estimate(config),
        tags,
        emails: budgetRecipients(config),
    }, withProvider)
    : undefined;

const endpoints = pulumi.all([web.hostName, loadBalancer.hostName]).apply(([webHost, dicomHost]) => clientEndpoints(webHost, dicomHost, config.endpoint));
export const httpsUrl = endpoints.httpsUrl;
export const dicomWebRoot = endpoints.dicomWebRoot;
export const dicomHost = endpoints.dicomHost;
export const dicomPort = endpoints.dicomPort;
export const dicomAeTitle = endpoints.dicomAeTitle;
/** The break-glass admin's secret: for emergencies only (identity.breakGlass), never for daily use. */
export const adminSecretName = orthanc.adminSecretName;
/**
 * How people sign in: in basic mode each person's password secret by login; in keycloak mode Keycloak's public and
 * in-VPC addresses and the bootstrap administrator's secret.
 */
export const identity = {
    mode: config.identity.mode,
    breakGlass: config.identity.breakGlass,
    userSecretNames: orthanc.userSecretNames,
    ...(keycloak && keycloakSecrets
        ? { publicUrl: keycloak.publicUrl, internalUrl: keycloak.internalUrl, bootstrapAdminSecretName: keycloakSecrets.bootstrapAdminSecretName }
        : {}),
};
export const region = config.region;
/** The self-signed certificate modalities must trust (absent with an ACM certificate). */
export const certificatePem = loadBalancer.certificatePem;
/** The web tier's self-signed certificate, which browsers and DICOMweb clients must trust (absent with ACM). */
export const webCertificatePem = web.certificatePem;
/** The stack's alarm topic: other alarms and budgets publish here. */
export const alarmTopicArn = alarms.topicArn;
export const dashboardName = monitoring.dashboardName;
/** What to know before changing or destroying the stack: `pulumi preview` and `npm run plan` show it with the outputs. */
export const operatorNotices = notices.map((notice) => `${notice.level}: ${notice.topic}: ${notice.text}`);
export const dicomTlsCertificate = orthanc.dicomTlsCertificate
    ? { generated: true, certificatePem: orthanc.dicomTlsCertificate }
    : { generated: false };
export const privateDicomEndpoint = privateDicom
    ? { host: privateDicom.dnsName, port: config.privateDicom.port, aeTitle: config.endpoint.aeTitle, vpnConnectionId: siteLink?.vpnConnectionId }
    : { enabled: false };
export const orthancLogGroup = orthanc.logGroupName;
export const auditQueryName = orthanc.auditQueryName;
export const vpcId = network.vpcId;
export const dataKeyArn = keys.data.arn;
export const databaseAddress = database.address;
export const databaseSecretArn = database.masterUserSecretArn;
export const fileStore = fileStorage
    ? { backend: "efs", fileSystemId: fileStorage.fileSystemId, accessPointId: fileStorage.accessPointId }
    : { backend: "s3", bucketName: objectStorage?.bucketName };
export const backupVaultName = backup.vaultName;
export const cloudTrail = trail
    ? { trailArn: trail.trailArn, bucketName: trail.bucketName, logGroupName: trail.logGroupName }
    : { organizationTrailName: config.cloudTrail.organizationTrailName };
export const backupCopyVaultArn = backup.copyVaultArn.apply((arn) => arn ?? "none");
export const metadataPipeline = pipeline
    ? { enabled: true, tableName: pipeline.tableName, deadLetterQueueUrl: pipeline.deadLetterQueueUrl }
    : { enabled: false };
export const costBudget = budget
    ? { enabled: true, name: budget.budgetName, monthlyLimitUsd: budget.monthlyLimitUsd }
    : { enabled: false };
