import { EnforcementLevel, Policies } from "@pulumi/policy";
import { accessPolicies } from "./access";
import { auditPolicies } from "./audit";
import { contingencyPolicies } from "./contingency";
import { encryptionPolicies } from "./encryption";
import { exposurePolicies } from "./exposure";
import { integrityPolicies } from "./integrity";
import { taggingPolicies } from "./tagging";
import { transmissionPolicies } from "./transmission";

export const PACK_NAME = "orthanc-hipaa";
/** The pack's own level: a policy without a level of its own blocks the deployment. */
export const PACK_ENFORCEMENT_LEVEL: EnforcementLevel = "mandatory";

/** Every policy of the pack, grouped by HIPAA safeguard. */
export const allPolicies: Policies = [
    ...encryptionPolicies,
    ...transmissionPolicies,
    ...exposurePolicies,
    ...accessPolicies,
    ...auditPolicies,
    ...integrityPolicies,
    ...contingencyPolicies,
    ...taggingPolicies,
];
