/**
 * The inputs the estimate reads, per resource type: the priced types' own and those of the resources they refer to
 * (a service's task definition, a group's launch template). The program's recorder waits on these only, so an
 * input no price depends on (an image digest, a policy document) being unknown at preview cannot make the budget
 * unknown. A test prices every committed stack with only these inputs and with all of them: the figures must agree.
 */
export const PRICED_INPUTS: Readonly<Record<string, readonly string[]>> = {
    "aws:ec2/natGateway:NatGateway": ["connectivityType"],
    "aws:ec2/eip:Eip": [],
    "aws:ec2/vpcEndpoint:VpcEndpoint": ["vpcEndpointType", "subnetIds"],
    "aws:lb/loadBalancer:LoadBalancer": ["loadBalancerType", "subnets", "subnetMappings", "internal"],
    "aws:rds/instance:Instance": ["engine", "multiAz", "instanceClass", "storageType", "allocatedStorage", "manageMasterUserPassword"],
    "aws:ecs/service:Service": ["desiredCount", "capacityProviderStrategies", "launchType", "taskDefinition"],
    "aws:ecs/taskDefinition:TaskDefinition": ["cpu", "memory", "runtimePlatform"],
    "aws:autoscaling/group:Group": ["launchTemplate", "desiredCapacity", "minSize", "maxSize"],
    "aws:ec2/launchTemplate:LaunchTemplate": ["instanceType", "blockDeviceMappings"],
    "aws:ec2/instance:Instance": ["instanceType"],
    "aws:kms/key:Key": [],
    "aws:secretsmanager/secret:Secret": [],
    "aws:ec2/vpnConnection:VpnConnection": [],
    "aws:ec2clientvpn/networkAssociation:NetworkAssociation": [],
    "aws:cloudwatch/metricAlarm:MetricAlarm": ["metricQueries", "period"],
    "aws:cloudwatch/compositeAlarm:CompositeAlarm": [],
    "aws:cloudwatch/dashboard:Dashboard": [],
    "aws:ecr/repository:Repository": [],
    "aws:wafv2/webAcl:WebAcl": ["rules"],
    "aws:cloudtrail/trail:Trail": ["eventSelectors", "advancedEventSelectors"],
    "aws:cfg/recorder:Recorder": [],
    "aws:cfg/rule:Rule": [],
    "aws:guardduty/detector:Detector": ["enable"],
    "aws:securityhub/account:Account": [],
    // Keycloak's Cloud Map namespace and service: a flat monthly charge each, read from no input.
    "aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace": [],
    "aws:servicediscovery/service:Service": [],
};

/** `inputs` reduced to what the estimate reads of a resource of `type` (nothing for a type it does not price). */
export function pricedInputs(type: string, inputs: Record<string, unknown>): Record<string, unknown> {
    const keys = PRICED_INPUTS[type] ?? [];
    return Object.fromEntries(keys.filter((key) => inputs[key] !== undefined).map((key) => [key, inputs[key]]));
}
