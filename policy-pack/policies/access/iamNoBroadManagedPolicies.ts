import { ResourceValidationPolicy } from "@pulumi/policy";
import { safeguard } from "../../lib/hipaa";
import { IAM_POLICY_ATTACHMENT, IAM_POLICY_ATTACHMENTS_EXCLUSIVE, IAM_ROLE } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";
import { asArray } from "../../lib/values";

/**
 * AWS-managed policies that grant whole services (`*FullAccess`), everything (`AdministratorAccess`,
 * `PowerUserAccess`) or reading every resource, PHI buckets included (`ReadOnlyAccess`). Narrow AWS-managed policies
 * (e.g. `service-role/AmazonECSTaskExecutionRolePolicy`) stay allowed.
 */
const BROAD_MANAGED_POLICY =
    /^arn:aws[a-z-]*:iam::aws:policy\/(?:[\w-]+\/)*(AdministratorAccess|PowerUserAccess|ReadOnlyAccess|\w*FullAccess[\w-]*)$/;

/** The broad AWS-managed policy ARNs among `arns`. */
export function broadManagedPolicies(arns: unknown[]): string[] {
    return arns.filter((arn): arn is string => typeof arn === "string" && BROAD_MANAGED_POLICY.test(arn));
}

const ATTACHING_TYPES = [...IAM_POLICY_ATTACHMENT, ...IAM_POLICY_ATTACHMENTS_EXCLUSIVE, ...IAM_ROLE];

/** The managed-policy ARNs a resource attaches, whichever of the attaching shapes it is. */
function attachedPolicyArns(type: string, props: Record<string, unknown>): unknown[] {
    if (IAM_ROLE.includes(type)) {
        return asArray(props.managedPolicyArns);
    }
    return IAM_POLICY_ATTACHMENTS_EXCLUSIVE.includes(type) ? asArray(props.policyArns) : [props.policyArn];
}

export const forbidBroadManagedPolicies: ResourceValidationPolicy = {
    name: "orthanc-iam-no-broad-managed-policies",
    ...safeguard("accessControl", "critical", `roles, users and groups must not be given AWS-managed `
        + "policies that grant whole services or the account (AdministratorAccess, PowerUserAccess, ReadOnlyAccess, "
        + "*FullAccess), whether by attachment, exclusive attachment list or `Role.managedPolicyArns`."),
    remediationSteps: "Replace the managed policy with an inline or customer-managed policy scoped to the resources used.",
    validateResource: validateResourceOfTypes(ATTACHING_TYPES, (props, args, reportViolation) => {
        const arns = attachedPolicyArns(args.type, props);
        for (const arn of broadManagedPolicies(arns)) {
            reportViolation(`'${args.name}' attaches the AWS-managed policy ${arn}.`);
        }
    }),
};
