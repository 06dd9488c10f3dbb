/** Security: the stack's KMS keys and their policies, IAM policy documents, paired access security groups. */
export { EncryptionKeys } from "./keys";
export type { EncryptionKeysArgs } from "./keys";
export { policyDocument, denyInsecureTransport, serviceTrustPolicy } from "./policyDocument";
export type { PolicyDocument, PolicyStatement } from "./policyDocument";
export { createAccessSecurityGroups } from "./accessSecurityGroups";
export type { AccessSecurityGroups, AccessSecurityGroupsArgs } from "./accessSecurityGroups";
