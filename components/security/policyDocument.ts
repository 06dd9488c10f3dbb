/**
 * IAM-style policy documents shared by every component: the types, a trust policy for an AWS service, and the
 * deny-without-TLS statement that bucket, file-system and queue policies all carry.
 */

export interface PolicyStatement {
    Sid?: string;
    Effect: "Allow" | "Deny";
    Principal?: "*" | Record<string, string | string[]>;
    Action: string | string[];
    Resource?: string | string[];
    Condition?: Record<string, Record<string, string | string[] | boolean>>;
}

export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: PolicyStatement[];
}

export function policyDocument(...statements: PolicyStatement[]): PolicyDocument {
    return { Version: "2012-10-17", Statement: statements };
}

/** Denies `action` on `resource` over any connection without TLS (transmission security). */
export function denyInsecureTransport(action: string, resource: string | string[], principal: PolicyStatement["Principal"] = "*"): PolicyStatement {
    return {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: principal,
        Action: action,
        Resource: resource,
        Condition: { Bool: { "aws:SecureTransport": false } },
    };
}

/** Lets an AWS service assume a role, optionally only under `condition` (e.g. this account's resources). */
export function serviceTrustPolicy(service: string, condition?: PolicyStatement["Condition"]): PolicyDocument {
    return policyDocument({
        Effect: "Allow",
        Principal: { Service: service },
        Action: "sts:AssumeRole",
        ...(condition !== undefined ? { Condition: condition } : {}),
    });
}
