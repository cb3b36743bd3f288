/**
 * The small piece of ASN.1 DER that a CMS SignedData for a PDF signature needs: encoding a few
 * universal types and walking a DER tree to read certificates and received signatures.
 * Anything beyond definite-length DER (BER, indefinite lengths) is refused as malformed.
 */

export interface DerNode {
  /** The identifier octet (class, constructed bit and tag number < 31). */
  tag: number;
  /** The whole TLV, header included. */
  raw: Buffer;
  /** The value octets. */
  value: Buffer;
  /** Children of a constructed node; empty for primitives. */
  children: DerNode[];
}

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

function lengthOctets(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, value: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), lengthOctets(value.length), value]);
}

export const seq = (...items: Buffer[]): Buffer => tlv(TAG.SEQUENCE, Buffer.concat(items));
/** DER SET OF: the elements sorted by their encodings (X.690 11.6). */
export const setOf = (...items: Buffer[]): Buffer => tlv(TAG.SET, Buffer.concat([...items].sort(Buffer.compare)));
export const octets = (b: Buffer): Buffer => tlv(TAG.OCTET_STRING, b);
export const nullValue = (): Buffer => Buffer.from([TAG.NULL, 0]);
/** [n] EXPLICIT or IMPLICIT constructed context tag around already-encoded content. */
export const context = (n: number, content: Buffer): Buffer => tlv(0xa0 | n, content);

export function integer(n: number | bigint): Buffer {
  let hex = BigInt(n).toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let bytes = Buffer.from(hex, 'hex');
  if (bytes[0] & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return tlv(TAG.INTEGER, bytes);
}

export function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const out: number[] = [parts[0] * 40 + parts[1]];
  for (const p of parts.slice(2)) {
    const groups: number[] = [];
    let v = p;
    do {
      groups.unshift(v & 0x7f);
      v = Math.floor(v / 128);
    } while (v > 0);
    for (let i = 0; i < groups.length - 1; i++) groups[i] |= 0x80;
    out.push(...groups);
  }
  return tlv(TAG.OID, Buffer.from(out));
}

export function decodeOid(value: Buffer): string {
  const parts: number[] = [Math.floor(value[0] / 40), value[0] % 40];
  let acc = 0;
  for (const b of value.subarray(1)) {
    acc = acc * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      parts.push(acc);
      acc = 0;
    }
  }
  return parts.join('.');
}

export class DerError extends Error {}

function parseAt(buf: Buffer, offset: number, depth: number): DerNode {
  if (depth > 40) throw new DerError('DER nested too deeply');
  if (offset + 2 > buf.length) throw new DerError('DER truncated');
  const tag = buf[offset];
  if ((tag & 0x1f) === 0x1f) throw new DerError('DER high tag numbers are not used here');
  let len = buf[offset + 1];
  let header = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) throw new DerError('DER length form not supported');
    if (offset + 2 + n > buf.length) throw new DerError('DER truncated');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[offset + 2 + i];
    header += n;
  }
  const end = offset + header + len;
  if (end > buf.length) throw new DerError('DER truncated');
  const value = buf.subarray(offset + header, end);
  const children: DerNode[] = [];
  if (tag & 0x20) {
    let p = 0;
    while (p < value.length) {
      const child = parseAt(value, p, depth + 1);
      children.push(child);
      p += child.raw.length;
    }
  }
  return { tag, raw: buf.subarray(offset, end), value, children };
}

/** Parses one DER element; trailing bytes after it are ignored when `allowTrailing` (PDF /Contents is zero-padded). */
export function parseDer(buf: Buffer, allowTrailing = false): DerNode {
  const node = parseAt(buf, 0, 0);
  if (!allowTrailing && node.raw.length !== buf.length) throw new DerError('DER has trailing bytes');
  return node;
}

export function child(node: DerNode, index: number): DerNode {
  const c = node.children[index];
  if (!c) throw new DerError('DER element missing');
  return c;
}
