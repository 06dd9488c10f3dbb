/**
 * orthanc-aws: wires the components together. Every decision lives in `config/` and the components; this file
 * only passes one component's outputs to the next.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { loadStackConfig } from "./config/load";
import { defaultTags } from "./config/tags";
import { EncryptionKeys } from "./components/keys";
import { Network } from "./components/network";
import { interfaceEndpointServices } from "./components/networkLayout";

const config = loadStackConfig();
const prefix = `${config.namespace}-${config.stack}`;

const provider = new aws.Provider(`${prefix}-aws`, {
    region: config.region as aws.Region,
    defaultTags: { tags: defaultTags(config, pulumi.getProject()) },
});
const withProvider: pulumi.ComponentResourceOptions = { providers: { aws: provider } };

const keys = new EncryptionKeys(`${prefix}-keys`, { aliasPrefix: prefix, region: config.region }, withProvider);

const network = new Network(`${prefix}-network`, {
    cidrBlock: config.network.cidrBlock,
    availabilityZones: config.network.availabilityZones,
    natGateways: config.network.natGateways,
    interfaceEndpointServices: interfaceEndpointServices(config.network, config.compute.launchType),
    region: config.region,
    logsKeyArn: keys.logs.arn,
    logRetentionDays: config.logRetentionDays,
}, withProvider);

export const vpcId = network.vpcId;
export const dataKeyArn = keys.data.arn;
