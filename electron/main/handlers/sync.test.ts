import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { syncChannels } from '@shared/ipc/channels/sync';
import { fingerprint } from '@shared/sync/fingerprint';
import type { SecretBox } from '../deps';
import { makeOps } from '../../../tests/fixtures/sync';
import { authorshipMessages, opChainHash } from '@shared/sync/authorship';
import { createKeyStore, type KeyStore } from '../sync/keys';
import { nodeChainCrypto, signCheckpoint } from '../sync/authorship';
import { createSyncHandlers, packageFileName, type SyncHandlers } from './sync';
import { testDeps } from '../../../tests/fixtures/mainDeps';

const ctx = { senderUrl: 'app://dondoc/index.html' };
const identityBox: SecretBox = { available: () => true, encrypt: (b) => Buffer.from(b.map((x) => x ^ 0x33)), decrypt: (b) => Buffer.from(b.map((x) => x ^ 0x33)) };

interface Site {
  siteId: string;
  handlers: SyncHandlers;
  /** Main's key store (a test may keep a key it later replaces, as a thief would). */
  keys: KeyStore;
  /** Paths the next dialogs will return (null = the user cancels). */
  savePaths: (string | null)[];
  openPaths: (string | null)[];
}

let root: string;
let sites: Record<string, Site>;

async function makeSite(siteId: string): Promise<Site> {
  const dataDir = join(root, siteId);
  const site: Site = { siteId, handlers: undefined as unknown as SyncHandlers, keys: undefined as unknown as KeyStore, savePaths: [], openPaths: [] };
  const deps = testDeps(dataDir, () => new Date('2025-07-01T08:00:00.000Z'), {
    dialogs: { pickSavePath: async () => site.savePaths.shift() ?? null, pickOpenPath: async () => site.openPaths.shift() ?? null },
    secretBox: identityBox,
  });
  site.keys = createKeyStore(deps, () => siteId);
  site.handlers = createSyncHandlers(deps, { siteId: () => siteId, keyStore: site.keys });
  return site;
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'dondoc-sync-'));
  sites = { a: await makeSite('xa-a'), b: await makeSite('phong-tc'), c: await makeSite('ubnd-huyen') };
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const vv = { 'xa-a': '001750000000000-0000-xa-a' };

async function exportTo(from: Site, to: string, ops = makeOps(25, from.siteId), path: string | null = join(root, `${from.siteId}-${to}-${Math.random()}.dondoc`)) {
  from.savePaths.push(path);
  const res = await from.handlers['sync:exportPackage']({ to, schemaVersion: 3, versionVector: vv, ops }, ctx);
  expect(syncChannels['sync:exportPackage'].res.safeParse(res).success).toBe(true);
  return res;
}

describe('sync handlers', () => {
  it('sync:identity creates the key once and reports its fingerprint', async () => {
    const first = await sites.a.handlers['sync:identity']({}, ctx);
    expect(first.fingerprint).toBe(fingerprint(first.publicKey));
    expect(await sites.a.handlers['sync:identity']({}, ctx)).toEqual(first);
    expect(syncChannels['sync:identity'].res.safeParse(first).success).toBe(true);
  });

  it('exports signed packages with a per-recipient seq chain, and the recipient reads them back', async () => {
    const ops = makeOps(25, 'xa-a');
    const one = await exportTo(sites.a, 'phong-tc', ops);
    const two = await exportTo(sites.a, 'phong-tc');
    const other = await exportTo(sites.a, 'ubnd-huyen');
    expect([one.seq, two.seq, other.seq]).toEqual([1, 2, 1]);
    expect(one.prevPackageHash).toBeNull();
    expect(two.prevPackageHash).toBe(one.packageHash);

    const aKey = (await sites.a.handlers['sync:identity']({}, ctx)).publicKey;
    sites.b.openPaths.push(one.path);
    const read = await sites.b.handlers['sync:readPackage']({ trustedKeys: { 'xa-a': aKey } }, ctx);
    expect(syncChannels['sync:readPackage'].res.safeParse(read).success).toBe(true);
    expect(read.package?.ops).toEqual(ops);
    expect(read.package?.manifest).toMatchObject({ from: 'xa-a', to: 'phong-tc', seq: 1, schemaVersion: 3, versionVector: vv, appVersion: '0.1.0' });
    expect(read.package?.packageHash).toBe(one.packageHash);
    // Main signed this site's checkpoint at its last op: every op is proven as xa-a's.
    expect(read.package?.manifest.checkpoints).toMatchObject([{ site: 'xa-a', seq: 25, key: aKey }]);
    expect(read.package?.authorship).toMatchObject({ refused: [], checkpoints: [{ site: 'xa-a', seq: 25 }] });

    // A package for ubnd-huyen is refused at phong-tc.
    sites.b.openPaths.push(other.path);
    await expect(sites.b.handlers['sync:readPackage']({ trustedKeys: { 'xa-a': aKey } }, ctx)).rejects.toMatchObject({ code: 'not-authorised' });
    // Without the sender's key nothing is accepted.
    sites.b.openPaths.push(one.path);
    await expect(sites.b.handlers['sync:readPackage']({ trustedKeys: {} }, ctx)).rejects.toMatchObject({ code: 'not-authorised' });
  });

  it('a cancelled save uses up no seq and writes nothing', async () => {
    const cancelled = await exportTo(sites.a, 'phong-tc', makeOps(25, 'xa-a'), null);
    expect(cancelled).toMatchObject({ canceled: true, path: null, seq: null });
    expect((await exportTo(sites.a, 'phong-tc')).seq).toBe(1);
    expect((await readdir(root)).filter((f) => f.endsWith('.dondoc'))).toHaveLength(1);
  });

  it('refuses a package to itself and reports a tampered file with a typed error', async () => {
    await expect(exportTo(sites.a, 'xa-a')).rejects.toMatchObject({ code: 'invalid-input' });
    const one = await exportTo(sites.a, 'phong-tc');
    const bytes = await readFile(one.path as string);
    bytes[bytes.length - 5] ^= 0x40;
    await writeFile(one.path as string, bytes);
    const aKey = (await sites.a.handlers['sync:identity']({}, ctx)).publicKey;
    sites.b.openPaths.push(one.path);
    const error = await sites.b.handlers['sync:readPackage']({ trustedKeys: { 'xa-a': aKey } }, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).toData()).toEqual({ code: 'invalid-file', message: 'Nội dung gói đã bị thay đổi hoặc hỏng (mã băm không khớp).' });
  });

  it('after sync:rotateKey, packages carry the announcement and a peer trusting the old key learns the new one', async () => {
    const old = await sites.a.handlers['sync:identity']({}, ctx);
    const rotated = await sites.a.handlers['sync:rotateKey']({}, ctx);
    expect(rotated.publicKey).not.toBe(old.publicKey);
    const pkg = await exportTo(sites.a, 'phong-tc');
    sites.b.openPaths.push(pkg.path);
    const read = await sites.b.handlers['sync:readPackage']({ trustedKeys: { 'xa-a': old.publicKey } }, ctx);
    expect(read.package?.newSignerKey).toEqual({ publicKey: rotated.publicKey, fingerprint: rotated.fingerprint, replaced: [{ publicKey: old.publicKey, lastSeq: 0 }] });
    // The checkpoint signed with the new key proves the ops too.
    expect(read.package?.authorship.refused).toEqual([]);
  });

  it('a key replaced by sync:rotateKey proves only the chain it had signed: a stolen old key cannot extend it', async () => {
    const ops = makeOps(30, 'xa-a');
    await exportTo(sites.a, 'phong-tc', ops.slice(0, 20));
    const old = await sites.a.handlers['sync:identity']({}, ctx);
    const stolen = await sites.a.keys.privateKey();
    await sites.a.handlers['sync:rotateKey']({}, ctx);
    const honest = await exportTo(sites.a, 'phong-tc', ops);
    sites.b.openPaths.push(honest.path);
    const read = await sites.b.handlers['sync:readPackage']({ trustedKeys: { 'xa-a': old.publicKey } }, ctx);
    // The announcement says where the old key stopped; the ops after it are proven by the new key.
    expect(read.package?.newSignerKey?.replaced).toEqual([{ publicKey: old.publicKey, lastSeq: 20 }]);
    expect(read.package?.authorship.refused).toEqual([]);

    // The thief holds the old key and has a trusted site relay a chain in xa-a's name that it signed further.
    const forged = makeOps(30, 'xa-a', 7);
    const checkpoint = signCheckpoint({ site: 'xa-a', seq: 30, head: opChainHash(forged[29], nodeChainCrypto) }, stolen);
    const cKey = (await sites.c.handlers['sync:identity']({}, ctx)).publicKey;
    const relayPath = join(root, 'relay.dondoc');
    sites.c.savePaths.push(relayPath);
    await sites.c.handlers['sync:exportPackage']({ to: 'phong-tc', schemaVersion: 3, versionVector: vv, ops: forged, checkpoints: [checkpoint] }, ctx);
    sites.b.openPaths.push(relayPath);
    const newKey = (await sites.a.handlers['sync:identity']({}, ctx)).publicKey;
    const relayed = await sites.b.handlers['sync:readPackage'](
      { trustedKeys: { 'xa-a': newKey, 'ubnd-huyen': cKey }, previousKeys: { 'xa-a': read.package!.newSignerKey!.replaced } },
      ctx,
    );
    const refused = relayed.package!.authorship.refused;
    expect(refused).toHaveLength(30);
    expect(refused.filter((r) => r.index >= 20).every((r) => r.reason === authorshipMessages.replacedKey('xa-a', 20))).toBe(true);
    expect(refused.filter((r) => r.index < 20).every((r) => r.reason === authorshipMessages.badCheckpoint('xa-a'))).toBe(true);

    // Without the limit (a verifier that never learned it) the same checkpoint would have proven all 30.
    sites.b.openPaths.push(relayPath);
    const unlimited = await sites.b.handlers['sync:readPackage']({ trustedKeys: { 'xa-a': newKey, 'ubnd-huyen': cKey }, previousKeys: { 'xa-a': [old.publicKey] } }, ctx);
    expect(unlimited.package!.authorship.refused).toEqual([]);
  });

  it('main signs only a chain that continues the one it signed, and proves ops claiming this site only with its own key', async () => {
    const ops = makeOps(25, 'xa-a');
    await exportTo(sites.a, 'phong-tc', ops);
    // The same positions with different content: main refuses to sign a second history.
    const other = makeOps(25, 'xa-a', 7);
    await expect(exportTo(sites.a, 'phong-tc', other)).rejects.toThrow('không nối tiếp chuỗi đã ký trước đây');
    // xa-a sends phong-tc ops in phong-tc's name; the renderer even names xa-a's key as phong-tc's.
    const aKey = (await sites.a.handlers['sync:identity']({}, ctx)).publicKey;
    const claim = makeOps(3, 'phong-tc');
    const res = await exportTo(sites.a, 'phong-tc', [...ops, ...claim]);
    sites.b.openPaths.push(res.path);
    const read = await sites.b.handlers['sync:readPackage']({ trustedKeys: { 'xa-a': aKey, 'phong-tc': aKey } }, ctx);
    expect(read.package?.authorship.refused.map((r) => r.index).sort((x, y) => x - y)).toEqual([25, 26, 27]);
  });

  it('the coordinator exports a signed registry; a unit reads it with fingerprints', async () => {
    const keys = Object.fromEntries(
      await Promise.all(Object.values(sites).map(async (s) => [s.siteId, (await s.handlers['sync:identity']({}, ctx)).publicKey] as const)),
    );
    const path = join(root, 'danh-ba.dondoc-registry');
    sites.c.savePaths.push(path);
    const exported = await sites.c.handlers['sync:exportRegistry'](
      {
        sites: [
          { siteId: 'ubnd-huyen', name: 'UBND huyện', units: ['vp'], publicKey: null, role: 'coordinator' },
          { siteId: 'xa-a', name: 'UBND xã A', units: ['xa-a'], publicKey: keys['xa-a'], role: 'unit' },
          { siteId: 'phong-tc', name: 'Phòng Tài chính', units: ['phong-tc'], publicKey: keys['phong-tc'], role: 'unit' },
        ],
      },
      ctx,
    );
    expect(exported.path).toBe(path);
    sites.a.openPaths.push(path);
    const read = await sites.a.handlers['sync:readRegistry']({ trustedCoordinatorKey: null }, ctx);
    expect(syncChannels['sync:readRegistry'].res.safeParse(read).success).toBe(true);
    expect(read.result?.coordinatorFingerprint).toBe(exported.coordinatorFingerprint);
    expect(read.result?.registry.sites.find((s) => s.siteId === 'ubnd-huyen')?.publicKey).toBe(keys['ubnd-huyen']);
    expect(read.result?.fingerprints.find((f) => f.siteId === 'phong-tc')?.fingerprint).toBe(fingerprint(keys['phong-tc']));
    sites.a.openPaths.push(path);
    await expect(sites.a.handlers['sync:readRegistry']({ trustedCoordinatorKey: keys['xa-a'] }, ctx)).rejects.toMatchObject({ code: 'not-authorised' });

    // A unit cannot issue the registry.
    await expect(
      sites.a.handlers['sync:exportRegistry']({ sites: [{ siteId: 'xa-a', name: 'UBND xã A', units: [], publicKey: null, role: 'unit' }] }, ctx),
    ).rejects.toMatchObject({ code: 'not-authorised' });
  });

  it('a unit hands its key to the coordinator with an identity card', async () => {
    const path = join(root, 'khoa-xa-a.dondoc-key');
    sites.a.savePaths.push(path);
    const exported = await sites.a.handlers['sync:exportIdentityCard']({ name: 'UBND xã A', units: ['xa-a'] }, ctx);
    expect(exported.path).toBe(path);
    sites.c.openPaths.push(path);
    const read = await sites.c.handlers['sync:readIdentityCard']({}, ctx);
    expect(syncChannels['sync:readIdentityCard'].res.safeParse(read).success).toBe(true);
    const identity = await sites.a.handlers['sync:identity']({}, ctx);
    expect(read.card).toMatchObject({ siteId: 'xa-a', name: 'UBND xã A', publicKey: identity.publicKey, fingerprint: exported.fingerprint });
  });

  it('forces each file kind’s extension on the chosen path and refuses a Windows device name, consuming no seq', async () => {
    // A package saved as "goi-gui-phong" (the extension deleted in the dialog) is written as .dondoc.
    const bare = join(root, 'goi-gui-phong');
    const saved = await exportTo(sites.a, 'phong-tc', makeOps(3, 'xa-a'), bare);
    expect(saved.path).toBe(`${bare}.dondoc`);
    expect(await readdir(root)).toContain('goi-gui-phong.dondoc');
    expect(await readdir(root)).not.toContain('goi-gui-phong');
    // "goi.txt" keeps its name and gets .dondoc after it: the import dialog lists .dondoc files only.
    expect((await exportTo(sites.a, 'phong-tc', makeOps(3, 'xa-a'), join(root, 'goi.txt'))).path).toBe(join(root, 'goi.txt.dondoc'));
    // A device name is refused, nothing written, and the seq is not used up.
    sites.a.savePaths.push(join(root, 'CON'));
    await expect(sites.a.handlers['sync:exportPackage']({ to: 'ubnd-huyen', schemaVersion: 3, versionVector: vv, ops: makeOps(3, 'xa-a') }, ctx)).rejects.toMatchObject({ code: 'invalid-input' });
    expect((await exportTo(sites.a, 'ubnd-huyen', makeOps(3, 'xa-a'))).seq).toBe(1);

    const card = join(root, 'khoa-xa-a');
    sites.a.savePaths.push(card);
    expect((await sites.a.handlers['sync:exportIdentityCard']({ name: 'UBND xã A', units: ['xa-a'] }, ctx)).path).toBe(`${card}.dondoc-key`);
    sites.a.savePaths.push(join(root, 'nul.dondoc-key'));
    await expect(sites.a.handlers['sync:exportIdentityCard']({ name: 'UBND xã A', units: ['xa-a'] }, ctx)).rejects.toMatchObject({ code: 'invalid-input' });

    const registry = join(root, 'danh-ba');
    sites.c.savePaths.push(registry);
    const exported = await sites.c.handlers['sync:exportRegistry']({ sites: [{ siteId: 'ubnd-huyen', name: 'UBND huyện', units: ['vp'], publicKey: null, role: 'coordinator' }] }, ctx);
    expect(exported.path).toBe(`${registry}.dondoc-registry`);
    expect(await readdir(root)).toContain('danh-ba.dondoc-registry');
  });

  it('suggests ASCII file names safe for USB sticks', () => {
    expect(packageFileName('xa-a', 'phong-tc', 'Phòng Tài chính – Kế hoạch', 17, new Date('2025-07-01T08:00:00Z'))).toBe(
      'dondoc-xa-a-gui-phong-tai-chinh-ke-hoach-so-000017-2025-07-01.dondoc',
    );
    expect(packageFileName('xa-a', '*', undefined, 1, new Date('2025-07-01T08:00:00Z'))).toBe('dondoc-xa-a-gui-tat-ca-so-000001-2025-07-01.dondoc');
  });
});
