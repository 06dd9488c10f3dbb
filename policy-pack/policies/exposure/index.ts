import { Policies } from "@pulumi/policy";
import { requireEcsServiceNoPublicIp } from "./ecsServiceNoPublicIp";
import { forbidInternetIngress } from "./noInternetIngress";
import { forbidSshIngress } from "./noSshIngress";
import { requireRdsNotPublic } from "./rdsNotPublic";
import { requireS3PublicAccessBlocked } from "./s3PublicAccessBlocked";

/** §164.312(a)(1): no public exposure of PHI systems. */
export const exposurePolicies: Policies = [
    requireS3PublicAccessBlocked,
    requireRdsNotPublic,
    requireEcsServiceNoPublicIp,
    forbidInternetIngress,
    forbidSshIngress,
];
