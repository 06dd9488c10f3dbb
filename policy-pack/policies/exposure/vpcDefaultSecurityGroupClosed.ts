import { StackValidationPolicy } from "@pulumi/policy";
import { settingsFor } from "../../lib/correlate";
import { safeguard } from "../../lib/hipaa";
import { AWSX_VPC, DEFAULT_SECURITY_GROUP, VPC } from "../../lib/resourceTypes";
import { forEachDecidable, resourcesOfTypes, validateStackOfTypes } from "../../lib/validate";
import { asArray } from "../../lib/values";

/**
 * AWS creates every VPC with a default security group that admits all traffic from itself and all egress. The stack
 * must adopt it (`aws.ec2.DefaultSecurityGroup`, which removes every rule it does not declare) and declare none,
 * so nothing placed in it by mistake can talk (AWS Config vpc-default-security-group-closed).
 */
export const requireVpcDefaultSecurityGroupClosed: StackValidationPolicy = {
    name: "orthanc-vpc-default-security-group-closed",
    ...safeguard("accessControl", "high", "every VPC must manage its default security group "
        + "(aws.ec2.DefaultSecurityGroup) with no ingress and no egress rules."),
    remediationSteps: "Add `new aws.ec2.DefaultSecurityGroup(name, { vpcId, ingress: [], egress: [] })`; build the "
        + "VPC from aws.ec2 resources (awsx's VPC component hides its default group).",
    validateStack: validateStackOfTypes([...VPC, ...AWSX_VPC], (vpcs, args, reportViolation) => {
        const groups = resourcesOfTypes(args, DEFAULT_SECURITY_GROUP);
        forEachDecidable(vpcs, vpc => {
            if (AWSX_VPC.includes(vpc.type)) {
                reportViolation(`VPC '${vpc.name}' is an awsx component: its default security group cannot be checked before it is built.`, vpc.urn);
                return;
            }
            const managed = settingsFor(vpc, groups, "vpcId", []);
            if (managed.length === 0) {
                reportViolation(`VPC '${vpc.name}' leaves its default security group unmanaged (it admits traffic between its members and all egress).`, vpc.urn);
            }
            for (const group of managed) {
                if (asArray(group.props.ingress).length > 0 || asArray(group.props.egress).length > 0) {
                    reportViolation(`VPC '${vpc.name}' default security group '${group.name}' has rules; it must have none.`, vpc.urn);
                }
            }
        });
    }),
};
