import { crc32 } from "node:zlib";

/*
 * On-disk format of a file event log.
 *
 * A log is one directory (mode 0700) of segment files (mode 0600), each named by the
 * first id it holds, zero-padded to 20 digits: `00000000000000000042.seg`. Ids grow from
 * one segment to the next, so the segment holding an id is found from the names alone.
 * A segment is a sequence of records, one per line, in ascending id order:
 *
 *   <id> <timestampMs> <type> <data> <crc32>\n
 *
 * `id` and `timestampMs` are decimal, `type` has no white space, `data` is the event's
 * JSON text (which never holds a line break) and `crc32` is 8 lowercase hex digits: the
 * CRC-32 (zlib) of the line's UTF-8 bytes before the space that precedes it, so a torn
 * or garbled record is told from a whole one. A line starts with its id (easy to scan
 * and to grep) and its last 8 bytes before the newline are the checksum, however many
 * spaces the data holds. Only the newest segment is ever appended to; on open, a bad
 * record there and everything after it is cut off.
 */

/** Suffix of segment files. */
const segmentSuffix = ".seg";
const segmentPattern = /^(\d{20})\.seg$/;

/** The file name of the segment whose first id is `firstId`. */
export function segmentFileName(firstId: number): string {
  return `${String(firstId).padStart(20, "0")}${segmentSuffix}`;
}

/** The first id named by a segment file name, or undefined for any other file. */
export function segmentFirstId(name: string): number | undefined {
  const digits = segmentPattern.exec(name)?.[1];
  if (digits === undefined) return undefined;
  const id = Number(digits);
  return Number.isSafeInteger(id) ? id : undefined;
}

/** One record of a segment: the event and when it was appended. */
export interface StoredRecord {
  id: number;
  type: string;
  data: string;
  /** Milliseconds since the epoch, by the log's clock. */
  at: number;
}

const crcDigits = 8;
/** Bytes a record adds beside its id, timestamp, type and data: four spaces, eight digits, a newline. */
const framingBytes = 4 + crcDigits + 1;
const space = 0x20;
const newline = 0x0a;
const hexDigits = Buffer.from("0123456789abcdef", "latin1");

/** The size in bytes of a record's line, newline included. */
export function encodedRecordBytes(record: StoredRecord): number {
  return (
    decimalDigits(record.id) +
    decimalDigits(record.at) +
    Buffer.byteLength(record.type) +
    Buffer.byteLength(record.data) +
    framingBytes
  );
}

/**
 * Writes the line of `record` into `target` at `offset`, which must leave room for
 * {@link encodedRecordBytes} of it. Returns the offset after the line's newline.
 *
 * Called for every event a session streams, so it writes the fields one by one (the
 * numbers digit by digit) rather than building the line as a string first.
 */
export function writeRecord(target: Buffer, offset: number, record: StoredRecord): number {
  let end = writeDecimal(target, offset, record.id);
  target[end++] = space;
  end = writeDecimal(target, end, record.at);
  target[end++] = space;
  end += target.write(record.type, end);
  target[end++] = space;
  end += target.write(record.data, end);
  let crc = crc32Of(target, offset, end);
  target[end] = space;
  for (let i = crcDigits; i > 0; i--) {
    target[end + i] = hexDigits[crc & 0xf] as number;
    crc >>>= 4;
  }
  target[end + crcDigits + 1] = newline;
  return end + crcDigits + 2;
}

/** The line of a record, newline included. */
export function encodeRecord(record: StoredRecord): string {
  const bytes = Buffer.allocUnsafe(encodedRecordBytes(record));
  writeRecord(bytes, 0, record);
  return bytes.toString("utf8");
}

/** Where one well-formed record lies in a buffer, found by {@link locateRecord}. */
export interface RecordSpan {
  id: number;
  at: number;
  typeStart: number;
  typeEnd: number;
  dataStart: number;
  dataEnd: number;
  /** Offset of the byte after the record's newline. */
  end: number;
}

/**
 * Finds the record starting at `start` of `bytes`, looking no further than `limit`.
 * Returns undefined when there is no complete, well-formed record with a matching CRC
 * there (a line with no newline before `limit` counts as torn).
 */
export function locateRecord(bytes: Buffer, start: number, limit: number): RecordSpan | undefined {
  const lineEnd = bytes.indexOf(newline, start);
  if (lineEnd < 0 || lineEnd >= limit) return undefined;
  const crcStart = lineEnd - crcDigits;
  const dataEnd = crcStart - 1;
  const idEnd = bytes.indexOf(space, start);
  if (idEnd < 0 || idEnd >= dataEnd) return undefined;
  const atEnd = bytes.indexOf(space, idEnd + 1);
  if (atEnd < 0 || atEnd >= dataEnd) return undefined;
  const typeEnd = bytes.indexOf(space, atEnd + 1);
  if (typeEnd < 0 || typeEnd >= dataEnd || typeEnd === atEnd + 1) return undefined;
  if (bytes[dataEnd] !== space) return undefined;
  const id = parseDecimal(bytes, start, idEnd);
  const at = parseDecimal(bytes, idEnd + 1, atEnd);
  const crc = parseHex(bytes, crcStart, lineEnd);
  if (id === undefined || at === undefined || crc === undefined) return undefined;
  if (crc32Of(bytes, start, dataEnd) !== crc) return undefined;
  return {
    id,
    at,
    typeStart: atEnd + 1,
    typeEnd,
    dataStart: typeEnd + 1,
    dataEnd,
    end: lineEnd + 1,
  };
}

/** The record a span of `bytes` holds. */
export function decodeRecord(bytes: Buffer, span: RecordSpan): StoredRecord {
  return {
    id: span.id,
    at: span.at,
    type: bytes.toString("utf8", span.typeStart, span.typeEnd),
    data: bytes.toString("utf8", span.dataStart, span.dataEnd),
  };
}

/** How many decimal digits a non-negative integer is written with. */
function decimalDigits(value: number): number {
  let digits = 1;
  for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
  return digits;
}

/** Writes a non-negative safe integer in decimal at `offset`; returns the offset after it. */
function writeDecimal(target: Buffer, offset: number, value: number): number {
  const end = offset + decimalDigits(value);
  let rest = value;
  for (let i = end - 1; i >= offset; i--) {
    const next = Math.floor(rest / 10);
    target[i] = 0x30 + (rest - next * 10);
    rest = next;
  }
  return end;
}

/** Below this many bytes a CRC is computed here; above, zlib's is faster despite its call's cost. */
const nativeCrcBytes = 512;

/**
 * Tables of the CRC-32 (zlib's polynomial) computed four bytes at a time: `crcTables[0]`
 * is the usual byte table, `crcTables[k]` the same CRC pushed through `k` zero bytes more.
 */
const crcTables = (() => {
  const tables = new Int32Array(256 * 4);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    tables[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    let c = tables[n] as number;
    for (let k = 1; k < 4; k++) {
      c = (tables[c & 0xff] as number) ^ (c >>> 8);
      tables[k * 256 + n] = c;
    }
  }
  return tables;
})();

/** The CRC-32 (zlib's) of `bytes[start, end)`, without a view of it for short spans. */
function crc32Of(bytes: Buffer, start: number, end: number): number {
  if (end - start > nativeCrcBytes) return crc32(bytes.subarray(start, end));
  const t = crcTables;
  let crc = -1;
  let i = start;
  for (; i + 4 <= end; i += 4) {
    crc ^=
      (bytes[i] as number) |
      ((bytes[i + 1] as number) << 8) |
      ((bytes[i + 2] as number) << 16) |
      ((bytes[i + 3] as number) << 24);
    crc =
      (t[768 + (crc & 0xff)] as number) ^
      (t[512 + ((crc >>> 8) & 0xff)] as number) ^
      (t[256 + ((crc >>> 16) & 0xff)] as number) ^
      (t[crc >>> 24] as number);
  }
  for (; i < end; i++) crc = (t[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

function parseDecimal(bytes: Buffer, start: number, end: number): number | undefined {
  if (end <= start || end - start > 16) return undefined;
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = (bytes[i] as number) - 0x30;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
  }
  return Number.isSafeInteger(value) ? value : undefined;
}

function parseHex(bytes: Buffer, start: number, end: number): number | undefined {
  let value = 0;
  for (let i = start; i < end; i++) {
    const byte = bytes[i] as number;
    const digit =
      byte >= 0x30 && byte <= 0x39 ? byte - 0x30 : byte >= 0x61 && byte <= 0x66 ? byte - 0x57 : -1;
    if (digit < 0) return undefined;
    value = value * 16 + digit;
  }
  return value;
}
