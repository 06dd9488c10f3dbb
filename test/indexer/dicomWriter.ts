/** A minimal explicit VR little endian Part 10 writer for crafting test objects the tools cannot make. */

export type TestElement =
    | { tag: number; vr: string; value: Buffer | string }
    | { tag: number; vr: "SQ"; items: TestElement[][]; undefinedLength?: boolean };

const LONG_LENGTH_VRS = new Set(["OB", "OD", "OF", "OL", "OV", "OW", "SQ", "UC", "UN", "UR", "UT", "SV", "UV"]);

function tagBytes(tag: number): Buffer {
    const out = Buffer.alloc(4);
    out.writeUInt16LE(tag >>> 16, 0);
    out.writeUInt16LE(tag & 0xffff, 2);
    return out;
}

function header(tag: number, vr: string, length: number): Buffer {
    if (!LONG_LENGTH_VRS.has(vr)) {
        const out = Buffer.alloc(8);
        tagBytes(tag).copy(out);
        out.write(vr, 4, "latin1");
        out.writeUInt16LE(length, 6);
        return out;
    }
    const out = Buffer.alloc(12);
    tagBytes(tag).copy(out);
    out.write(vr, 4, "latin1");
    out.writeUInt32LE(length >>> 0, 8);
    return out;
}

function padded(value: Buffer | string, vr: string): Buffer {
    const bytes = typeof value === "string" ? Buffer.from(value, "utf8") : value;
    if (bytes.length % 2 === 0) return bytes;
    return Buffer.concat([bytes, Buffer.from([vr === "UI" || !(typeof value === "string") ? 0 : 0x20])]);
}

export function encodeElements(elements: TestElement[]): Buffer {
    return Buffer.concat(elements.map((element) => {
        if ("items" in element) {
            const items = element.items.map((item) => {
                const body = encodeElements(item);
                const head = Buffer.alloc(8);
                head.writeUInt32LE(0xe000fffe, 0);
                head.writeUInt32LE(element.undefinedLength ? 0xffffffff : body.length, 4);
                const delimiter = element.undefinedLength ? Buffer.from([0xfe, 0xff, 0x0d, 0xe0, 0, 0, 0, 0]) : Buffer.alloc(0);
                return Buffer.concat([head, body, delimiter]);
            });
            const body = Buffer.concat(items);
            if (element.undefinedLength) {
                return Buffer.concat([header(element.tag, "SQ", 0xffffffff), body, Buffer.from([0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0])]);
            }
            return Buffer.concat([header(element.tag, "SQ", body.length), body]);
        }
        const value = padded(element.value, element.vr);
        return Buffer.concat([header(element.tag, element.vr, value.length), value]);
    }));
}

/** The UIDs every test instance has: SOP Class (Secondary Capture), SOP Instance, Study and Series (checked by completeness.ts). */
export const TEST_INSTANCE = { sopClassUid: "1.2.840.10008.5.1.4.1.1.7", sopInstanceUid: "1.2.3.4.1", studyUid: "1.2.3.4.2", seriesUid: "1.2.3.4.3" };

/**
 * The two parts of a Part 10 object: preamble and meta group (with its group length, the transfer syntax and
 * TEST_INSTANCE's SOP Class and Instance), and the data set: TEST_INSTANCE's identifying elements merged in
 * tag order with `elements`, encoded explicit VR little endian.
 */
export function part10Parts(elements: TestElement[], transferSyntaxUid = "1.2.840.10008.1.2.1"): { meta: Buffer; dataset: Buffer } {
    const metaElements = encodeElements([
        { tag: 0x00020002, vr: "UI", value: TEST_INSTANCE.sopClassUid },
        { tag: 0x00020003, vr: "UI", value: TEST_INSTANCE.sopInstanceUid },
        { tag: 0x00020010, vr: "UI", value: transferSyntaxUid },
    ]);
    const groupLength = Buffer.alloc(4);
    groupLength.writeUInt32LE(metaElements.length);
    const meta = Buffer.concat([Buffer.alloc(128), Buffer.from("DICM", "latin1"),
        encodeElements([{ tag: 0x00020000, vr: "UL", value: groupLength }]), metaElements]);
    const identity: TestElement[] = [
        { tag: 0x00080016, vr: "UI", value: TEST_INSTANCE.sopClassUid },
        { tag: 0x00080018, vr: "UI", value: TEST_INSTANCE.sopInstanceUid },
        { tag: 0x0020000d, vr: "UI", value: TEST_INSTANCE.studyUid },
        { tag: 0x0020000e, vr: "UI", value: TEST_INSTANCE.seriesUid },
    ];
    const merged = [...identity.filter((i) => !elements.some((e) => e.tag === i.tag)), ...elements].sort((a, b) => a.tag - b.tag);
    return { meta, dataset: encodeElements(merged) };
}

/** A whole Part 10 object (see part10Parts). */
export function encodePart10(elements: TestElement[], transferSyntaxUid = "1.2.840.10008.1.2.1"): Buffer {
    const { meta, dataset } = part10Parts(elements, transferSyntaxUid);
    return Buffer.concat([meta, dataset]);
}
