import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../data/canonical';
import { base64ToBytes, bytesToBase64 } from './encoding';
import { fingerprint, isPublicKeyBase64 } from './fingerprint';
import { manifestSchema, PACKAGE_FORMAT } from './package';
import { registrySchema } from './registry';

// RFC 8032 §7.1 test 1 public key.
const rfcKeyHex = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
const rfcKey = Buffer.from(rfcKeyHex, 'hex').toString('base64');

describe('fingerprint', () => {
  it('groups the first 8 bytes of SHA-256 of the raw key', () => {
    const hex = createHash('sha256').update(Buffer.from(rfcKeyHex, 'hex')).digest('hex').slice(0, 16).toUpperCase();
    expect(fingerprint(rfcKey)).toBe(`${hex.slice(0, 4)} ${hex.slice(4, 8)} ${hex.slice(8, 12)} ${hex.slice(12)}`);
    expect(fingerprint(base64ToBytes(rfcKey))).toBe(fingerprint(rfcKey));
  });

  it('accepts only 32-byte base64 keys', () => {
    expect(isPublicKeyBase64(rfcKey)).toBe(true);
    expect(isPublicKeyBase64(bytesToBase64(new Uint8Array(31)))).toBe(false);
    expect(isPublicKeyBase64(rfcKey.replace('=', '!'))).toBe(false);
    expect(() => fingerprint(new Uint8Array(33))).toThrow();
  });
});

describe('manifest schema', () => {
  const valid = {
    format: PACKAGE_FORMAT,
    schemaVersion: 2,
    from: 'xa-a',
    to: '*',
    seq: 3,
    prevPackageHash: 'a'.repeat(64),
    createdAt: '2025-07-01T08:00:00.000Z',
    opCount: 0,
    payloadBytes: 0,
    payloadSha256: 'b'.repeat(64),
    versionVector: { 'xa-a': '001750000000000-0000-xa-a' },
    checkpoints: [],
  };

  it('accepts a well-formed manifest and refuses unknown fields, bad hlc and bad hashes', () => {
    expect(manifestSchema.safeParse(valid).success).toBe(true);
    expect(manifestSchema.safeParse({ ...valid, extra: 1 }).success).toBe(false);
    expect(manifestSchema.safeParse({ ...valid, versionVector: { 'xa-a': 'yesterday' } }).success).toBe(false);
    expect(manifestSchema.safeParse({ ...valid, payloadSha256: 'B'.repeat(64) }).success).toBe(false);
    expect(manifestSchema.safeParse({ ...valid, to: 'a b' }).success).toBe(false);
    expect(manifestSchema.safeParse({ ...valid, seq: 0 }).success).toBe(false);
  });

  it('canonical JSON does not depend on key order', () => {
    const shuffled = Object.fromEntries(Object.entries(valid).reverse());
    expect(canonicalJson(shuffled)).toBe(canonicalJson(valid));
  });
});

describe('registry schema', () => {
  it('requires exactly one coordinator matching coordinatorSiteId and unique site ids', () => {
    const site = (siteId: string, role: 'coordinator' | 'unit') => ({ siteId, name: siteId, units: [], publicKey: rfcKey, role });
    const base = { format: 1, createdAt: '2025-07-01T08:00:00.000Z', coordinatorSiteId: 'h' };
    expect(registrySchema.safeParse({ ...base, sites: [site('h', 'coordinator'), site('x', 'unit')] }).success).toBe(true);
    expect(registrySchema.safeParse({ ...base, sites: [site('h', 'unit'), site('x', 'coordinator')] }).success).toBe(false);
    expect(registrySchema.safeParse({ ...base, sites: [site('h', 'coordinator'), site('h', 'unit')] }).success).toBe(false);
  });
});
