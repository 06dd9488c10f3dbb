import { ResourceValidationPolicy } from "@pulumi/policy";
import { safeguard } from "../../lib/hipaa";
import { AUTOSCALING_GROUP, EC2_INSTANCE } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";
import { asArray, isSet } from "../../lib/values";

/**
 * AWS Config instances-in-vpc: an instance or Auto Scaling group without subnets lands in the default VPC, whose
 * subnets assign public addresses and which none of the stack's flow logs, security groups or ACLs govern.
 */
export const requireEc2InVpc: ResourceValidationPolicy = {
    name: "orthanc-ec2-in-vpc",
    ...safeguard("accessControl", "high", "EC2 instances (`subnetId`) and Auto Scaling groups (`vpcZoneIdentifiers`) "
        + "must be placed in subnets of the stack's VPC."),
    remediationSteps: "Set `subnetId` / `vpcZoneIdentifiers` to the VPC's private subnets.",
    validateResource: validateResourceOfTypes([...EC2_INSTANCE, ...AUTOSCALING_GROUP], (props, args, reportViolation) => {
        const placed = AUTOSCALING_GROUP.includes(args.type) ? asArray(props.vpcZoneIdentifiers).length > 0 : isSet(props.subnetId);
        if (!placed) {
            reportViolation(`'${args.name}' names no subnet and would launch in the default VPC.`);
        }
    }),
};
