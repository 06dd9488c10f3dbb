import { ResourceValidationPolicy } from "@pulumi/policy";
import { safeguard } from "../../lib/hipaa";
import { EC2_INSTANCE, LAUNCH_CONFIGURATION, LAUNCH_TEMPLATE, SUBNET } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";
import { asArray, asRecord, isTrue } from "../../lib/values";

/** Where each type asks for a public address (launch-template fields are strings in the AWS API). */
function publicAddressSettings(type: string, props: Record<string, unknown>): string[] {
    if (SUBNET.includes(type)) {
        return isTrue(props.mapPublicIpOnLaunch) ? ["mapPublicIpOnLaunch"] : [];
    }
    if (LAUNCH_TEMPLATE.includes(type)) {
        return asArray(props.networkInterfaces).map(asRecord)
            .flatMap((nic, index) => isTrue(nic.associatePublicIpAddress) ? [`networkInterfaces[${index}].associatePublicIpAddress`] : []);
    }
    return isTrue(props.associatePublicIpAddress) ? ["associatePublicIpAddress"] : [];
}

/**
 * Subnets and launch settings never hand out public addresses: the load balancer and NAT gateways have their own
 * (Elastic IPs), nothing else in the VPC needs one. A launch template that leaves the choice to the subnet is safe
 * because the subnet is checked too.
 */
export const forbidPublicIpOnLaunch: ResourceValidationPolicy = {
    name: "orthanc-no-public-ip-on-launch",
    ...safeguard("accessControl", "high", "subnets must not map public IPs on launch, and launch templates, "
        + "launch configurations and instances must not associate public IP addresses."),
    remediationSteps: "Set `mapPublicIpOnLaunch: false` on subnets and `associatePublicIpAddress: \"false\"` on "
        + "launch-template network interfaces; reach the internet through NAT gateways and the load balancer.",
    validateResource: validateResourceOfTypes([...SUBNET, ...LAUNCH_TEMPLATE, ...LAUNCH_CONFIGURATION, ...EC2_INSTANCE],
        (props, args, reportViolation) => {
            for (const setting of publicAddressSettings(args.type, props)) {
                reportViolation(`'${args.name}' assigns public IP addresses (${setting}).`);
            }
        }),
};
