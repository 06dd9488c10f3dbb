import { PolicyPack } from "@pulumi/policy";
import { PACK_ENFORCEMENT_LEVEL, PACK_NAME, allPolicies } from "./policies";

// Constructing the pack starts the analyzer's gRPC server: nothing else may import this file.
new PolicyPack(PACK_NAME, {
    policies: allPolicies,
    enforcementLevel: PACK_ENFORCEMENT_LEVEL,
    displayName: "Orthanc on AWS: HIPAA technical safeguards",
    description: "Encryption, transmission security, access control, audit, integrity and contingency checks "
        + "for the orthanc-aws program (@pulumi/aws 7).",
    provider: "aws",
    tags: ["hipaa", "aws", "orthanc"],
});
