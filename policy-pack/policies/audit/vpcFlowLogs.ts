import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { settingsFor } from "../../lib/correlate";
import { safeguard } from "../../lib/hipaa";
import { AWSX_VPC, FLOW_LOG, VPC } from "../../lib/resourceTypes";
import { forEachDecidable, resourcesOfTypes, validateStackOfTypes } from "../../lib/validate";

/**
 * The VPCs to check: every `aws.ec2.Vpc`, and each awsx VPC component whose child VPC is not visible (offline, the
 * remote component registers no children; in a real preview the child is checked instead).
 */
function vpcsToCheck(vpcs: PolicyResource[]): PolicyResource[] {
    const awsxWithChild = new Set(vpcs.filter(v => VPC.includes(v.type) && v.parent !== undefined).map(v => v.parent!.urn));
    return vpcs.filter(v => VPC.includes(v.type) || !awsxWithChild.has(v.urn));
}

/**
 * Flow logs of a VPC: by `propertyDependencies.vpcId` (the VPC itself, or the awsx component whose `vpcId` the
 * program passed), else by value (an `aws.ec2.Vpc`'s `id`, an awsx component's `vpcId` output).
 */
function flowLogsOf(vpc: PolicyResource, flowLogs: PolicyResource[]): PolicyResource[] {
    const component = vpc.parent !== undefined && AWSX_VPC.includes(vpc.parent.type) ? [vpc.parent] : [];
    return [vpc, ...component].flatMap(target =>
        settingsFor(target, flowLogs, "vpcId", AWSX_VPC.includes(target.type) ? ["vpcId"] : []));
}

export const requireVpcFlowLogs: StackValidationPolicy = {
    name: "orthanc-vpc-flow-logs",
    ...safeguard("auditControls", "medium", `every VPC must have a flow log (aws.ec2.FlowLog with `
        + "its `vpcId`) recording all traffic."),
    remediationSteps: "Add `aws.ec2.FlowLog` with `vpcId`, `trafficType: \"ALL\"` and an encrypted log destination.",
    validateStack: validateStackOfTypes([...VPC, ...AWSX_VPC], (vpcs, args, reportViolation) => {
        const flowLogs = resourcesOfTypes(args, FLOW_LOG);
        forEachDecidable(vpcsToCheck(vpcs), vpc => {
            const logs = flowLogsOf(vpc, flowLogs);
            if (logs.length === 0) {
                reportViolation(`VPC '${vpc.name}' has no flow log.`, vpc.urn);
            } else if (!logs.some(log => String(log.props.trafficType ?? "").toUpperCase() === "ALL")) {
                reportViolation(`VPC '${vpc.name}' flow logs do not record ALL traffic (trafficType).`, vpc.urn);
            }
        });
    }),
};
