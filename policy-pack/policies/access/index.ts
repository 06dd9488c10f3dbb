import { Policies } from "@pulumi/policy";
import { forbidPrivilegedContainers } from "./ecsContainersNotPrivileged";
import { forbidBroadManagedPolicies } from "./iamNoBroadManagedPolicies";
import { forbidIamWildcardPermissions } from "./iamNoWildcardPermissions";
import { requireImdsV2 } from "./imdsV2Required";
import { forbidPlaintextSecretsInEnvironment } from "./noPlaintextSecretsInEnvironment";
import { requireIamPassRoleScoped } from "./iamPassRoleScoped";
import { forbidIamServiceWideActions } from "./iamNoServiceWideActions";
import { requireIamKmsDecryptScoped } from "./iamKmsDecryptScoped";
import { requireEcsReadonlyRootFilesystem } from "./ecsReadonlyRootFilesystem";
import { requireEcsHostNetworkNonRoot } from "./ecsHostNetworkNonRoot";
import { requireEc2ManagedInstances } from "./ec2ManagedInstances";

/** §164.312(a)(1): least privilege and credential handling. */
export const accessPolicies: Policies = [
    forbidIamWildcardPermissions,
    forbidBroadManagedPolicies,
    forbidPlaintextSecretsInEnvironment,
    forbidPrivilegedContainers,
    requireImdsV2,
    requireIamPassRoleScoped,
    forbidIamServiceWideActions,
    requireIamKmsDecryptScoped,
    requireEcsReadonlyRootFilesystem,
    requireEcsHostNetworkNonRoot,
    requireEc2ManagedInstances,
];
