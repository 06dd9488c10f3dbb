/**
 * The CloudTrail trail's decisions as data: its name and ARN, the bucket policy CloudTrail needs, the bucket's
 * lifecycle, and the advanced event selectors (management events, S3 data events on the image bucket, DynamoDB
 * data events on the header table).
 */
import { denyInsecureBucketTransport } from "../data";
import { PolicyDocument } from "../security";

/** HIPAA keeps documentation six years (45 CFR §164.316(b)(2)(i)): the trail's bucket keeps log files at least that long. */
export const TRAIL_MIN_RETENTION_DAYS = 2192;
/** Key prefix of the log files (`<prefix>/AWSLogs/<account>/CloudTrail/…`). */
export const TRAIL_S3_PREFIX = "cloudtrail";

/** `<prefix>-trail`: CloudTrail names are 3–128 letters, digits and ._- (CreateTrail, Name); the prefix is at most 28. */
export function trailName(prefix: string): string {
    return `${prefix}-trail`;
}

export function trailArn(partition: string, region: string, accountId: string, name: string): string {
    return `arn:${partition}:cloudtrail:${region}:${accountId}:trail/${name}`;
}

/**
 * The trail bucket's policy: TLS only; CloudTrail may read the ACL and write under `<prefix>/AWSLogs/<account>/`,
 * for this trail only (`aws:SourceArn`, the CloudTrail user guide's "Amazon S3 bucket policy for CloudTrail");
 * with `protect`, nobody deletes a log file or a version of one (lifecycle expiry is not subject to bucket policies).
 */
export function trailBucketPolicy(bucketArn: string, accountId: string, sourceTrailArn: string, protect: boolean): PolicyDocument {
    const fromThisTrail = { StringEquals: { "aws:SourceArn": sourceTrailArn } };
    return {
        Version: "2012-10-17",
        Statement: [
            denyInsecureBucketTransport(bucketArn),
            {
                Sid: "CloudTrailAclCheck",
                Effect: "Allow",
                Principal: { Service: "cloudtrail.amazonaws.com" },
                Action: "s3:GetBucketAcl",
                Resource: bucketArn,
                Condition: fromThisTrail,
            },
            {
                Sid: "CloudTrailWrite",
                Effect: "Allow",
                Principal: { Service: "cloudtrail.amazonaws.com" },
                Action: "s3:PutObject",
                Resource: `${bucketArn}/${TRAIL_S3_PREFIX}/AWSLogs/${accountId}/*`,
                Condition: { StringEquals: { ...fromThisTrail.StringEquals, "s3:x-amz-acl": "bucket-owner-full-control" } },
            },
            ...(protect ? [{
                Sid: "DenyLogFileDeletion",
                Effect: "Deny" as const,
                Principal: "*" as const,
                Action: ["s3:DeleteObject", "s3:DeleteObjectVersion"],
                Resource: `${bucketArn}/*`,
            }] : []),
        ],
    };
}

/** What the trail records besides management events. */
export interface TrailDataResources {
    /** The image bucket (`storage.backend: s3`). */
    imageBucketArn?: string;
    /** The DICOM header table (metadata pipeline on). */
    headerTableArn?: string;
}

export interface FieldSelector { field: string; equals?: string[]; startsWiths?: string[] }
export interface AdvancedEventSelector { name: string; fieldSelectors: FieldSelector[] }

/**
 * Advanced event selectors: every management event (read and write), and data events — object-level for the image
 * bucket (who read, wrote or deleted which object), item-level for the header table. Only these resources: data
 * events are billed per event (CloudTrail user guide, "Logging data events"; field names from
 * AdvancedFieldSelector in the CloudTrail API reference).
 */
export function trailEventSelectors(resources: TrailDataResources): AdvancedEventSelector[] {
    const selectors: AdvancedEventSelector[] = [
        { name: "Management events", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] },
    ];
    if (resources.imageBucketArn !== undefined) {
        selectors.push({
            name: "Image bucket object events",
            fieldSelectors: [
                { field: "eventCategory", equals: ["Data"] },
                { field: "resources.type", equals: ["AWS::S3::Object"] },
                { field: "resources.ARN", startsWiths: [`${resources.imageBucketArn}/`] },
            ],
        });
    }
    if (resources.headerTableArn !== undefined) {
        selectors.push({
            name: "Header table item events",
            fieldSelectors: [
                { field: "eventCategory", equals: ["Data"] },
                { field: "resources.type", equals: ["AWS::DynamoDB::Table"] },
                { field: "resources.ARN", equals: [resources.headerTableArn] },
            ],
        });
    }
    return selectors;
}
