import { StackValidationPolicy } from "@pulumi/policy";
import { safeguard } from "../../lib/hipaa";
import { AWSX_VPC, FLOW_LOG, VPC } from "../../lib/resourceTypes";
import { resourcesOfTypes, validateStackOfTypes } from "../../lib/validate";
import { asString } from "../../lib/values";

/**
 * VPCs are identified by id: an `aws:ec2/vpc:Vpc`'s `id`, an awsx VPC component's `vpcId` output (its child VPC is
 * invisible offline; in a real preview both appear with the same id and count once).
 */
export const requireVpcFlowLogs: StackValidationPolicy = {
    name: "orthanc-vpc-flow-logs",
    ...safeguard("auditControls", "medium", `every VPC must have a flow log (aws.ec2.FlowLog with `
        + "its `vpcId`) recording all traffic."),
    remediationSteps: "Add `aws.ec2.FlowLog` with `vpcId`, `trafficType: \"ALL\"` and an encrypted log destination.",
    validateStack: validateStackOfTypes([...VPC, ...AWSX_VPC], (vpcs, args, reportViolation) => {
        const flowLogs = resourcesOfTypes(args, FLOW_LOG);
        const seen = new Set<string>();
        for (const vpc of vpcs) {
            const vpcId = asString(AWSX_VPC.includes(vpc.type) ? vpc.props.vpcId : vpc.props.id);
            if (vpcId !== undefined && seen.has(vpcId)) {
                continue;
            }
            if (vpcId !== undefined) {
                seen.add(vpcId);
            }
            const logs = flowLogs.filter(log => {
                const dependencies = log.propertyDependencies?.vpcId ?? [];
                return dependencies.some(d => d.urn === vpc.urn || d.parent?.urn === vpc.urn)
                    || (vpcId !== undefined && log.props.vpcId === vpcId);
            });
            if (logs.length === 0) {
                reportViolation(`VPC '${vpc.name}' has no flow log.`, vpc.urn);
            } else if (!logs.some(log => String(log.props.trafficType ?? "").toUpperCase() === "ALL")) {
                reportViolation(`VPC '${vpc.name}' flow logs do not record ALL traffic (trafficType).`, vpc.urn);
            }
        }
    }),
};
