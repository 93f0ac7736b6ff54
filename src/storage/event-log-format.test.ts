import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  decodeRecord,
  encodedRecordBytes,
  encodeRecord,
  locateRecord,
  type StoredRecord,
  writeRecord,
} from "./event-log-format.js";

/** The line the format defines, built the plain way: fields, then zlib's CRC of their bytes. */
function expectedLine(record: StoredRecord): string {
  const fields = `${record.id} ${record.at} ${record.type} ${record.data}`;
  const crc = crc32(Buffer.from(fields, "utf8")).toString(16).padStart(8, "0");
  return `${fields} ${crc}\n`;
}

const records: StoredRecord[] = [
  { id: 1, at: 0, type: "agent_start", data: '{"type":"agent_start"}' },
  { id: 9, at: 9, type: "x", data: "{}" },
  { id: 10, at: 1_796_051_042_557, type: "message_update", data: '{"delta":"token "}' },
  { id: 4_242, at: 1_000_000, type: "message_update", data: '{"delta":"é€😀 naïve"}' },
  { id: Number.MAX_SAFE_INTEGER, at: 1, type: "t", data: '"max id"' },
  // Every length modulo four, for the CRC computed four bytes at a time.
  ...Array.from({ length: 8 }, (_, n) => ({
    id: 100 + n,
    at: 7,
    type: "x",
    data: `"${"y".repeat(n)}"`,
  })),
  // Longer than the span whose CRC is computed in JavaScript: zlib's serves it.
  { id: 77, at: 5, type: "message_end", data: JSON.stringify({ text: "token ".repeat(400) }) },
];

describe("event log record format", () => {
  it("writes each record as its fields and the CRC-32 of their bytes, sized as announced", () => {
    for (const record of records) {
      const line = encodeRecord(record);
      expect(line).toBe(expectedLine(record));
      expect(Buffer.byteLength(line)).toBe(encodedRecordBytes(record));
    }
  });

  it("writes records back to back into one buffer, each found and decoded again", () => {
    const size = records.reduce((total, record) => total + encodedRecordBytes(record), 0);
    const buffer = Buffer.alloc(size + 7, 0xff);
    let offset = 3;
    for (const record of records) offset = writeRecord(buffer, offset, record);
    expect(offset).toBe(size + 3);
    let start = 3;
    for (const record of records) {
      const span = locateRecord(buffer, start, offset);
      expect(span).toBeDefined();
      if (!span) return;
      expect(decodeRecord(buffer, span)).toEqual(record);
      start = span.end;
    }
  });

  it("finds no record where one byte of it changed, on either side of the JavaScript CRC", () => {
    for (const record of [records[3], records[5]] as StoredRecord[]) {
      const bytes = Buffer.from(encodeRecord(record), "utf8");
      const dataAt = bytes.indexOf(" {") + 2;
      bytes[dataAt] = (bytes[dataAt] as number) ^ 0x01;
      expect(locateRecord(bytes, 0, bytes.length)).toBeUndefined();
    }
  });
});
