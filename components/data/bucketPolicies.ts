/**
 * Bucket policy documents of the object storage component. Pure builders over plain ARNs so that tests can
 * compare whole documents.
 */

import { denyInsecureTransport, PolicyDocument, PolicyStatement } from "../security";

/** Denies every request made over plain HTTP, to the bucket and to its objects. */
export function denyInsecureBucketTransport(bucketArn: string): PolicyStatement {
    return denyInsecureTransport("s3:*", [bucketArn, `${bucketArn}/*`]);
}

/**
 * The image bucket's policy: TLS only, and no object written with any encryption other than SSE-KMS under the
 * storage key. The conditions use `IfExists`: a PUT without encryption headers gets the bucket's default
 * encryption (the same key, enforced by the bucket), and requiring the header would reject clients such as
 * Orthanc's S3 plugin that rely on the default.
 */
export function imageBucketPolicy(bucketArn: string, kmsKeyArn: string): PolicyDocument {
    const objects = `${bucketArn}/*`;
    return {
        Version: "2012-10-17",
        Statement: [
            denyInsecureBucketTransport(bucketArn),
            {
                Sid: "DenyNonKmsEncryption",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:PutObject",
                Resource: objects,
                Condition: { StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption": "aws:kms" } },
            },
            {
                Sid: "DenyOtherKmsKey",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:PutObject",
                Resource: objects,
                Condition: {
                    StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption-aws-kms-key-id": kmsKeyArn },
                },
            },
        ],
    };
}

/**
 * The access-log bucket's policy: TLS only, and S3 log delivery may write under `prefix` only for the image bucket.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html#grant-log-delivery-permissions-general
 */
export function accessLogBucketPolicy(logBucketArn: string, sourceBucketArn: string, prefix: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            denyInsecureBucketTransport(logBucketArn),
            {
                Sid: "AllowS3ServerAccessLogDelivery",
                Effect: "Allow",
                Principal: { Service: "logging.s3.amazonaws.com" },
                Action: "s3:PutObject",
                Resource: `${logBucketArn}/${prefix}*`,
                Condition: { ArnLike: { "aws:SourceArn": sourceBucketArn } },
            },
        ],
    };
}
