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

/** A Part 10 object: preamble, meta group with the transfer syntax, then `elements` encoded explicit VR little endian. */
export function encodePart10(elements: TestElement[], transferSyntaxUid = "1.2.840.10008.1.2.1"): Buffer {
    const meta = encodeElements([{ tag: 0x00020010, vr: "UI", value: transferSyntaxUid }]);
    return Buffer.concat([Buffer.alloc(128), Buffer.from("DICM", "latin1"), meta, encodeElements(elements)]);
}
