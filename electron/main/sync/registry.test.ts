import { describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { identityCardMessages, registryMessages as msg, type Registry } from '@shared/sync/registry';
import { fingerprint } from '@shared/sync/fingerprint';
import { makeSite } from '../../../tests/fixtures/sync';
import { signIdentityCard, signRegistry, trustedKeysFromRegistry, verifyIdentityCard, verifyRegistry } from './registry';
import { signKeyRotation } from './rotation';

const coord = makeSite('ubnd-huyen');
const unitA = makeSite('xa-a');
const unitB = makeSite('xa-b');

function registry(coordinatorKey = coord.publicKey): Registry {
  return {
    format: 1,
    createdAt: '2025-07-01T08:00:00.000Z',
    coordinatorSiteId: coord.siteId,
    sites: [
      { siteId: coord.siteId, name: 'Văn phòng UBND huyện', units: ['vp', 'phong-tc'], publicKey: coordinatorKey, role: 'coordinator' },
      { siteId: unitA.siteId, name: 'UBND xã A', units: ['xa-a'], publicKey: unitA.publicKey, role: 'unit' },
      { siteId: unitB.siteId, name: 'UBND xã Bình Minh', units: ['xa-b'], publicKey: unitB.publicKey, role: 'unit' },
    ],
  };
}

function code(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return { code: (error as AppError).code, message: (error as AppError).message };
  }
  throw new Error('accepted but should be refused');
}

describe('site registry', () => {
  it('round trips with fingerprints for every site', () => {
    const file = signRegistry(registry(), coord.privateKey);
    const verified = verifyRegistry(file);
    expect(verified.registry).toEqual(registry());
    expect(verified.coordinatorFingerprint).toBe(fingerprint(coord.publicKey));
    expect(verified.fingerprints.map((f) => f.fingerprint)).toEqual([coord, unitA, unitB].map((s) => fingerprint(s.publicKey)));
    expect(verified.signedByTrustedKey).toBe(false);
    expect(verifyRegistry(file, coord.publicKey).signedByTrustedKey).toBe(true);
    expect(trustedKeysFromRegistry(verified.registry)).toEqual({ [coord.siteId]: coord.publicKey, [unitA.siteId]: unitA.publicKey, [unitB.siteId]: unitB.publicKey });
  });

  it('refuses an edited registry (a swapped unit key) as a bad signature', () => {
    const file = JSON.parse(signRegistry(registry(), coord.privateKey).toString('utf8'));
    file.registry.sites[1].publicKey = makeSite('x').publicKey;
    expect(code(() => verifyRegistry(Buffer.from(JSON.stringify(file))))).toEqual({ code: 'invalid-file', message: msg.badSignature });
  });

  it('refuses a registry re-signed by someone other than the trusted coordinator', () => {
    const impostor = makeSite(coord.siteId);
    const file = signRegistry(registry(impostor.publicKey), impostor.privateKey);
    // Self-consistent, so it reads; the fingerprint is what the user compares by phone.
    expect(verifyRegistry(file).coordinatorFingerprint).toBe(fingerprint(impostor.publicKey));
    expect(code(() => verifyRegistry(file, coord.publicKey))).toEqual({ code: 'not-authorised', message: msg.notTrustedCoordinator });
  });

  it('accepts a registry from the coordinator’s new key when the old key announced it', () => {
    const next = makeSite(coord.siteId);
    const rotation = signKeyRotation({ siteId: coord.siteId, oldKey: coord.privateKey, newKey: next.privateKey, createdAt: '2025-07-02T00:00:00.000Z' });
    const file = signRegistry(registry(next.publicKey), next.privateKey, [rotation]);
    expect(verifyRegistry(file, coord.publicKey).signedByTrustedKey).toBe(true);
    expect(code(() => verifyRegistry(signRegistry(registry(next.publicKey), next.privateKey), coord.publicKey)).code).toBe('not-authorised');
  });

  it('refuses malformed registries with a reason', () => {
    const dup = registry();
    dup.sites.push({ ...dup.sites[1] });
    expect(() => signRegistry(dup, coord.privateKey)).toThrow(/bị trùng/);
    expect(() => signRegistry(registry(), unitA.privateKey)).toThrow(msg.notCoordinator);
    const file = JSON.parse(signRegistry(registry(), coord.privateKey).toString('utf8'));
    expect(code(() => verifyRegistry(Buffer.from(JSON.stringify({ ...file, format: 2 })))).message).toBe(msg.newerFormat);
    expect(code(() => verifyRegistry(Buffer.from('{"hello":1}'))).message).toBe(msg.notRegistry);
    expect(code(() => verifyRegistry(Buffer.alloc(0))).message).toBe(msg.notRegistry);
    file.registry.sites[2].name = '';
    expect(code(() => verifyRegistry(Buffer.from(JSON.stringify(file)))).message).toMatch(/^Danh bạ đơn vị không hợp lệ: sites\.2\.name/);
  });
});

describe('identity card', () => {
  const card = { siteId: unitA.siteId, name: 'UBND xã A', units: ['xa-a'], publicKey: unitA.publicKey, createdAt: '2025-07-01T08:00:00.000Z' };

  it('round trips with the fingerprint to compare by phone', () => {
    expect(verifyIdentityCard(signIdentityCard(card, unitA.privateKey))).toEqual({ ...card, fingerprint: fingerprint(unitA.publicKey) });
  });

  it('refuses a card whose key was swapped after signing, or one signed for a key the signer does not hold', () => {
    const file = JSON.parse(signIdentityCard(card, unitA.privateKey).toString('utf8'));
    file.card.publicKey = unitB.publicKey;
    expect(code(() => verifyIdentityCard(Buffer.from(JSON.stringify(file))))).toEqual({ code: 'invalid-file', message: identityCardMessages.badSignature });
    expect(() => signIdentityCard({ ...card, publicKey: unitB.publicKey }, unitA.privateKey)).toThrow(AppError);
    expect(code(() => verifyIdentityCard(signRegistry(registry(), coord.privateKey))).message).toBe(identityCardMessages.notCard);
  });
});
