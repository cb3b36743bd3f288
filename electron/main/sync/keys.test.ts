import { createHash, createPublicKey, sign, verify } from 'node:crypto';
import { mkdtemp, readFile, stat, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import type { SecretBox } from '../deps';
import { publicKeyBase64 } from './ed25519';
import { makeOps, makeSite, manifestFieldsFor } from '../../../tests/fixtures/sync';
import { IDENTITY_FILE, createKeyStore, fingerprint } from './keys';
import { packPackage, verifyPackage } from './pack';
import { isValidKeyRotation } from './rotation';

/** Stands in for Electron safeStorage: a reversible transform that hides the plaintext. */
function fakeSecretBox(available = true): SecretBox & { sealed: number } {
  const box = {
    sealed: 0,
    available: () => available,
    encrypt(plain: Buffer) {
      box.sealed++;
      return Buffer.concat([Buffer.from('SEALED1:'), Buffer.from(plain.map((b, i) => b ^ (0xa5 + i) % 256))]);
    },
    decrypt(sealed: Buffer) {
      if (!sealed.subarray(0, 8).equals(Buffer.from('SEALED1:'))) throw new Error('not sealed by this box');
      return Buffer.from(sealed.subarray(8).map((b, i) => b ^ (0xa5 + i) % 256));
    },
  };
  return box;
}

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'dondoc-keys-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const now = () => new Date('2025-07-01T08:00:00.000Z');

describe('key store', () => {
  it('creates the key pair once and loads the same key afterwards', async () => {
    const store = createKeyStore({ dataDir, secretBox: fakeSecretBox(), now }, () => 'xa-a');
    const first = await store.identity();
    expect(await store.identity()).toEqual(first);
    const reopened = createKeyStore({ dataDir, secretBox: fakeSecretBox(), now }, () => 'xa-a');
    expect((await reopened.identity()).publicKey).toBe(first.publicKey);
    // The reloaded private key really is the pair of the published public key.
    const signature = sign(null, Buffer.from('x'), await reopened.privateKey());
    expect(verify(null, Buffer.from('x'), createPublicKey(await reopened.privateKey()), signature)).toBe(true);
    expect(publicKeyBase64(createPublicKey(await reopened.privateKey()))).toBe(first.publicKey);
  });

  it('never writes the raw private key when the OS secret store is available', async () => {
    const box = fakeSecretBox();
    const store = createKeyStore({ dataDir, secretBox: box, now }, () => 'xa-a');
    const identity = await store.identity();
    expect(identity.osEncrypted).toBe(true);
    expect(box.sealed).toBe(1);
    const jwk = (await store.privateKey()).export({ format: 'jwk' });
    const seed = Buffer.from(jwk.d as string, 'base64url');
    expect(seed).toHaveLength(32);
    const der = (await store.privateKey()).export({ format: 'der', type: 'pkcs8' });
    const file = await readFile(join(dataDir, IDENTITY_FILE));
    const text = file.toString('latin1');
    for (const needle of [seed.toString('base64'), seed.toString('base64url'), seed.toString('hex'), der.toString('base64'), seed.toString('latin1')]) {
      expect(text.includes(needle)).toBe(false);
    }
  });

  it('without an OS secret store, writes an owner-only file and says it is not OS-encrypted', async () => {
    const store = createKeyStore({ dataDir, secretBox: fakeSecretBox(false), now }, () => 'xa-a');
    expect((await store.identity()).osEncrypted).toBe(false);
    if (process.platform !== 'win32') expect((await stat(join(dataDir, IDENTITY_FILE))).mode & 0o777).toBe(0o600);
    // Once the secret store appears, the key is sealed on next load.
    const later = createKeyStore({ dataDir, secretBox: fakeSecretBox(true), now }, () => 'xa-a');
    const identity = await later.identity();
    expect(identity.osEncrypted).toBe(true);
    const stored = JSON.parse(await readFile(join(dataDir, IDENTITY_FILE), 'utf8'));
    expect(stored.osEncrypted).toBe(true);
    expect(Buffer.from(stored.privateKey, 'base64').subarray(0, 8).toString()).toBe('SEALED1:');
  });

  it('refuses to open a sealed key when the secret store is gone, or a key of another site', async () => {
    await createKeyStore({ dataDir, secretBox: fakeSecretBox(), now }, () => 'xa-a').identity();
    await expect(createKeyStore({ dataDir, secretBox: fakeSecretBox(false), now }, () => 'xa-a').identity()).rejects.toMatchObject({ code: 'storage' });
    await expect(createKeyStore({ dataDir, secretBox: fakeSecretBox(), now }, () => 'xa-b').identity()).rejects.toBeInstanceOf(AppError);
  });

  it('fingerprint is the first 8 bytes of SHA-256 of the raw key in 4 groups of 4 hex characters', async () => {
    const identity = await createKeyStore({ dataDir, secretBox: fakeSecretBox(), now }, () => 'xa-a').identity();
    const hex = createHash('sha256').update(Buffer.from(identity.publicKey, 'base64')).digest('hex').slice(0, 16).toUpperCase();
    expect(identity.fingerprint).toBe(hex.match(/.{4}/g)?.join(' '));
    expect(identity.fingerprint).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){3}$/);
    expect(fingerprint(makeSite('x').publicKey)).not.toBe(identity.fingerprint);
  });
});

describe('key rotation', () => {
  it('announces the new key signed by the old one; peers trusting the old key accept packages from the new one', async () => {
    const store = createKeyStore({ dataDir, secretBox: fakeSecretBox(), now }, () => 'xa-a');
    const before = await store.identity();
    const { identity, rotation } = await store.rotate();
    expect(identity.publicKey).not.toBe(before.publicKey);
    expect(rotation).toMatchObject({ siteId: 'xa-a', oldPublicKey: before.publicKey, newPublicKey: identity.publicKey });
    expect(isValidKeyRotation(rotation, 'xa-a', before.publicKey)).toBe(true);
    // Only the key the peer trusts can vouch: against any other key the same announcement is refused.
    expect(isValidKeyRotation(rotation, 'xa-a', makeSite('xa-a').publicKey)).toBe(false);
    expect(isValidKeyRotation(rotation, 'xa-b', before.publicKey)).toBe(false);

    const reopened = createKeyStore({ dataDir, secretBox: fakeSecretBox(), now }, () => 'xa-a');
    expect((await reopened.identity()).rotations).toEqual([rotation]);
    const bytes = packPackage({
      manifestFields: manifestFieldsFor('xa-a', 'phong-tc', 1, { keyRotations: identity.rotations }),
      ops: makeOps(3, 'xa-a'),
      privateKey: await reopened.privateKey(),
    });
    const verified = verifyPackage(bytes, { trustedKeys: { 'xa-a': before.publicKey }, mySiteId: 'phong-tc' });
    expect(verified.newSignerKey?.publicKey).toBe(identity.publicKey);
    // Without the announcement the old-key peer refuses the new key.
    const bare = packPackage({ manifestFields: manifestFieldsFor('xa-a', 'phong-tc'), ops: [], privateKey: await reopened.privateKey() });
    expect(() => verifyPackage(bare, { trustedKeys: { 'xa-a': before.publicKey }, mySiteId: 'phong-tc' })).toThrow(AppError);
  });
});
