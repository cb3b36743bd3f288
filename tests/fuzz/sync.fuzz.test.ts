/** Input surfaces: sync packages (.dondoc, verifyPackage), site registry files and identity cards. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { packPackage, verifyPackage } from '../../electron/main/sync/pack';
import { signIdentityCard, signRegistry, verifyIdentityCard, verifyRegistry } from '../../electron/main/sync/registry';
import { makeOps, makeSite, manifestFieldsFor } from '../fixtures/sync';
import type { Registry } from '@shared/sync/registry';
import { applyMutations, expectSafe, mutationArb } from './mutate';

const a = makeSite('xa-a');
const b = makeSite('ubnd-huyen');
const trustedKeys = { [a.siteId]: a.publicKey, [b.siteId]: b.publicKey };
const ops = makeOps(20, a.siteId);
const pkg = packPackage({ manifestFields: manifestFieldsFor(a.siteId, b.siteId), ops, privateKey: a.privateKey });

const registry: Registry = {
  format: 1,
  createdAt: '2025-07-01T08:00:00.000Z',
  coordinatorSiteId: b.siteId,
  sites: [
    { siteId: b.siteId, name: 'Văn phòng UBND huyện', units: ['vp'], publicKey: b.publicKey, role: 'coordinator' },
    { siteId: a.siteId, name: 'UBND xã A', units: ['xa-a'], publicKey: a.publicKey, role: 'unit' },
  ],
};
const registryFile = signRegistry(registry, b.privateKey);

describe('fuzz: sync packages', () => {
  it('the valid package verifies (the fuzzed input is a real one)', () => {
    expect(verifyPackage(pkg, { trustedKeys, mySiteId: b.siteId }).ops).toHaveLength(20);
  });

  it('random bytes are refused with a Vietnamese AppError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (bytes) => {
        const r = await expectSafe(() => verifyPackage(bytes, { trustedKeys, mySiteId: b.siteId }));
        expect(r.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('a mutated package verifies only if its signed manifest and ops are unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 4 }), async (mutations) => {
        const r = await expectSafe(() => verifyPackage(applyMutations(pkg, mutations), { trustedKeys, mySiteId: b.siteId }));
        if (r.ok) expect(r.value.ops).toEqual(ops);
      }),
      { numRuns: 400 },
    );
  });
});

describe('fuzz: registry files and identity cards', () => {
  it('a mutated registry file is refused or verifies to the same registry', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 4 }), async (mutations) => {
        const r = await expectSafe(() => verifyRegistry(applyMutations(registryFile, mutations), b.publicKey));
        if (r.ok) expect(r.value.registry).toEqual(registry);
      }),
      { numRuns: 300 },
    );
  });

  it('random JSON is never accepted as a registry or an identity card', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const bytes = Buffer.from(JSON.stringify(value) ?? 'null', 'utf8');
        expect((await expectSafe(() => verifyRegistry(bytes))).ok).toBe(false);
        expect((await expectSafe(() => verifyIdentityCard(bytes))).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('a mutated identity card is refused or reads back unchanged', async () => {
    const file = signIdentityCard({ siteId: a.siteId, name: 'UBND xã A', units: ['xa-a'], publicKey: a.publicKey, createdAt: '2025-07-01T08:00:00.000Z' }, a.privateKey);
    expect(verifyIdentityCard(file).publicKey).toBe(a.publicKey);
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 4 }), async (mutations) => {
        const r = await expectSafe(() => verifyIdentityCard(applyMutations(file, mutations)));
        if (r.ok) expect(r.value.publicKey).toBe(a.publicKey);
      }),
      { numRuns: 200 },
    );
  });
});
