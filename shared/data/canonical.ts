/**
 * Canonical JSON and its SHA-256: the one serialisation that every hash and signature in the
 * app is computed over (op chains, audit records, report snapshots, sync packages), so that
 * writer and verifier never disagree about how a value was written.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/** JSON with object keys sorted at every level and no whitespace; arrays keep their order, undefined fields are dropped. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const source = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(source).sort()) {
      if (source[key] !== undefined) out[key] = sortKeys(source[key]);
    }
    return out;
  }
  return value;
}

// One encoder for every hash: a local edit hashes each op and its audit record.
const utf8 = new TextEncoder();

/** SHA-256 of the UTF-8 bytes of `text`, lowercase hex. */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8.encode(text)));
}
