/** S3 event notifications as they arrive in SQS message bodies. */

export interface ObjectChange {
    kind: "created" | "removed";
    eventName: string;
    bucket: string;
    /** The object key, URL-decoded. */
    key: string;
    /** The event's sequencer, normalized so that string order is event order (see normalizeSequencer). */
    sequencer: string;
    eTag?: string;
    size?: number;
    eventTime?: string;
}

export type MessageContent = { kind: "test" } | { kind: "changes"; changes: ObjectChange[] };

/** Thrown for a message that is not an S3 event notification: it goes back to the queue and on to the DLQ. */
export class MalformedMessageError extends Error {
    override name = "MalformedMessageError";
}

/** S3 sequencers are hex strings of varying length; left-padded to one width, string order is event order. */
const SEQUENCER_WIDTH = 32;

export function normalizeSequencer(sequencer: string): string {
    if (!/^[0-9A-Fa-f]{1,32}$/.test(sequencer)) throw new MalformedMessageError("the event's sequencer is not a hex string of at most 32 digits");
    return sequencer.toUpperCase().padStart(SEQUENCER_WIDTH, "0");
}

/** S3 URL-encodes keys in events, with "+" for a space (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html). */
export function decodeKey(encoded: string): string {
    try {
        return decodeURIComponent(encoded.replace(/\+/g, " "));
    } catch {
        throw new MalformedMessageError("the event's object key is not URL-encoded");
    }
}

function field<T>(value: unknown, type: string, name: string): T {
    if (typeof value !== type) throw new MalformedMessageError(`the event has no ${name}`);
    return value as T;
}

function parseRecord(record: unknown): ObjectChange {
    const r = (record ?? {}) as Record<string, any>;
    if (r.eventSource !== "aws:s3") throw new MalformedMessageError("a record is not from aws:s3");
    const eventName = field<string>(r.eventName, "string", "eventName");
    const kind = eventName.startsWith("ObjectCreated:") ? "created" : eventName.startsWith("ObjectRemoved:") ? "removed" : undefined;
    if (kind === undefined) throw new MalformedMessageError(`unsupported event ${eventName}`);
    const s3 = (r.s3 ?? {}) as Record<string, any>;
    const object = (s3.object ?? {}) as Record<string, any>;
    const change: ObjectChange = {
        kind,
        eventName,
        bucket: field<string>(s3.bucket?.name, "string", "bucket name"),
        key: decodeKey(field<string>(object.key, "string", "object key")),
        sequencer: normalizeSequencer(field<string>(object.sequencer, "string", "sequencer")),
    };
    if (typeof object.eTag === "string" && object.eTag !== "") change.eTag = object.eTag;
    if (typeof object.size === "number") change.size = object.size;
    if (typeof r.eventTime === "string") change.eventTime = r.eventTime;
    return change;
}

/** Parses an SQS message body: an S3 test event, or S3 event records. */
export function parseMessageBody(body: string): MessageContent {
    let parsed: Record<string, unknown>;
    try {
        parsed = JSON.parse(body) as Record<string, unknown>;
    } catch {
        throw new MalformedMessageError("the message body is not JSON");
    }
    if (parsed === null || typeof parsed !== "object") throw new MalformedMessageError("the message body is not an object");
    // Sent once when a notification configuration is saved (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html).
    if (parsed.Event === "s3:TestEvent") return { kind: "test" };
    if (!Array.isArray(parsed.Records) || parsed.Records.length === 0) throw new MalformedMessageError("the message has no S3 event records");
    return { kind: "changes", changes: parsed.Records.map(parseRecord) };
}
