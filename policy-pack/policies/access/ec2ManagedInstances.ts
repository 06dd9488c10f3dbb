import { PolicyResource, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { safeguard } from "../../lib/hipaa";
import {
    EC2_INSTANCE, IAM_INSTANCE_PROFILE, IAM_POLICY_ATTACHMENT, IAM_ROLE, LAUNCH_TEMPLATE,
} from "../../lib/resourceTypes";
import { forEachDecidable, resourcesOfTypes, validateStackOfTypes } from "../../lib/validate";
import { asArray, asRecord, asString } from "../../lib/values";

/** The AWS-managed policy Systems Manager needs to manage (inventory, patch, Session Manager) an instance. */
export const SSM_CORE_POLICY = /:iam::aws:policy\/AmazonSSMManagedInstanceCore$/;

/** The instance profile a launch template or instance names (by ARN or by name), as a reference string. */
function profileReference(resource: PolicyResource): string | undefined {
    const profile = resource.props.iamInstanceProfile;
    if (typeof profile === "string") {
        return asString(profile);
    }
    const record = asRecord(profile);
    return asString(record.arn) ?? asString(record.name);
}

/** True when the role (by name) has the SSM core policy: an attachment, or `managedPolicyArns`. */
function roleHasSsmCore(roleName: string, args: StackValidationArgs): boolean {
    const roles = resourcesOfTypes(args, IAM_ROLE).filter(r => [r.props.name, r.props.id, r.props.arn].includes(roleName));
    const attached = resourcesOfTypes(args, IAM_POLICY_ATTACHMENT).some(a =>
        (a.props.role === roleName || asArray(a.props.roles).includes(roleName)) && SSM_CORE_POLICY.test(String(a.props.policyArn ?? "")));
    return attached || roles.some(r => asArray(r.props.managedPolicyArns).some(arn => SSM_CORE_POLICY.test(String(arn))));
}

/**
 * AWS Config ec2-instance-profile-attached and ec2-instance-managed-by-systems-manager: every instance the stack
 * launches has an instance profile of the stack whose role lets Systems Manager manage it (patching, inventory,
 * Session Manager instead of SSH).
 */
export const requireEc2ManagedInstances: StackValidationPolicy = {
    name: "orthanc-ec2-managed-instances",
    ...safeguard("accessControl", "medium", "launch templates and instances must name an instance profile of the "
        + "stack whose role has AmazonSSMManagedInstanceCore (Systems Manager manages and patches them)."),
    remediationSteps: "Set `iamInstanceProfile` to an `aws.iam.InstanceProfile` whose role has a RolePolicyAttachment "
        + "of `arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore`.",
    validateStack: validateStackOfTypes([...LAUNCH_TEMPLATE, ...EC2_INSTANCE], (launchers, args, reportViolation) => {
        const profiles = resourcesOfTypes(args, IAM_INSTANCE_PROFILE);
        forEachDecidable(launchers, launcher => {
            const reference = profileReference(launcher);
            if (reference === undefined) {
                reportViolation(`'${launcher.name}' has no instance profile (iamInstanceProfile).`, launcher.urn);
                return;
            }
            const profile = profiles.find(p => [p.props.arn, p.props.name, p.props.id].includes(reference));
            const role = asString(profile?.props.role);
            if (profile === undefined || role === undefined) {
                reportViolation(`'${launcher.name}' uses instance profile ${reference}, which is not one of the stack's.`, launcher.urn);
            } else if (!roleHasSsmCore(role, args)) {
                reportViolation(`'${launcher.name}' instance profile '${profile.name}' role ${role} lacks AmazonSSMManagedInstanceCore.`, launcher.urn);
            }
        });
    }),
};
