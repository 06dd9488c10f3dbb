import { Policies } from "@pulumi/policy";
import { requireEcsServiceNoPublicIp } from "./ecsServiceNoPublicIp";
import { forbidInternetIngress } from "./noInternetIngress";
import { forbidSshIngress } from "./noSshIngress";
import { requireRdsNotPublic } from "./rdsNotPublic";
import { requireS3PublicAccessBlocked } from "./s3PublicAccessBlocked";
import { forbidPublicIpOnLaunch } from "./noPublicIpOnLaunch";
import { requireS3AclsDisabled } from "./s3AclsDisabled";
import { requireVpcDefaultSecurityGroupClosed } from "./vpcDefaultSecurityGroupClosed";
import { requireNetworkAclsNoAdminPorts } from "./networkAclsNoAdminPorts";
import { requireInternetRoutesPublicOnly } from "./internetRoutesPublicOnly";
import { requireResourcePoliciesAccountScoped } from "./resourcePoliciesAccountScoped";
import { requireEc2InVpc } from "./ec2InVpc";
import { requireAlbWaf } from "./albWaf";

/** §164.312(a)(1): no public exposure of PHI systems. */
export const exposurePolicies: Policies = [
    requireS3PublicAccessBlocked,
    requireRdsNotPublic,
    requireEcsServiceNoPublicIp,
    forbidInternetIngress,
    forbidSshIngress,
    forbidPublicIpOnLaunch,
    requireS3AclsDisabled,
    requireVpcDefaultSecurityGroupClosed,
    requireNetworkAclsNoAdminPorts,
    requireInternetRoutesPublicOnly,
    requireResourcePoliciesAccountScoped,
    requireEc2InVpc,
    requireAlbWaf,
];
