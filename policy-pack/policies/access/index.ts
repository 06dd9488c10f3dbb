import { Policies } from "@pulumi/policy";
import { forbidPrivilegedContainers } from "./ecsContainersNotPrivileged";
import { forbidBroadManagedPolicies } from "./iamNoBroadManagedPolicies";
import { forbidIamWildcardPermissions } from "./iamNoWildcardPermissions";
import { requireImdsV2 } from "./imdsV2Required";
import { forbidPlaintextSecretsInEnvironment } from "./noPlaintextSecretsInEnvironment";

/** §164.312(a)(1): least privilege and credential handling. */
export const accessPolicies: Policies = [
    forbidIamWildcardPermissions,
    forbidBroadManagedPolicies,
    forbidPlaintextSecretsInEnvironment,
    forbidPrivilegedContainers,
    requireImdsV2,
];
