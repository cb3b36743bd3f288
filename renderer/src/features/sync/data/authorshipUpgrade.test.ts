/**
 * Databases written before proven authorship: at the first export or import the site chains its
 * own earlier ops in hlc order, forgets its peers' acknowledgements and drops received ops held
 * back without proof; its next package carries everything again, proven, and a peer that
 * already held those ops (unproven) recognises them and takes the chain.
 */
import { describe, expect, it } from 'vitest';
import { ORGANISATION_SETTINGS_ID, type Organisation } from '@shared/registries/organisation';
import type { JsonValue, Op } from '@shared/data/ops';
import { DondocDb } from '../../../data/db';
import { withWrites, type WriteContext } from '../../../data/repository';
import { allHeads, OWN_CHAIN_KEY, upgradeForAuthorship } from '../../../data/chain';
import { appendOps, makeSegment, readAllOps } from '../../../data/opLog';
import { exportPackage } from './exportPackage';
import { importPackage } from './importPackage';
import { previousKeys, trustedKeys } from './peers';
import type { PeerRow } from './types';
import { FakeMain, readAs, siteKey } from '../../../../../tests/unit/syncMain';

let clock = Date.parse('2026-05-04T02:00:00Z');
const now = () => new Date((clock += 1000));

async function site(id: string, role: 'coordinator' | 'unit', peer: { id: string; role: 'coordinator' | 'unit' }) {
  const db = new DondocDb(`upgrade-${id}-${Math.random()}`);
  const ctx: WriteContext = { site: id, actor: `admin (${id})`, now };
  const org: Organisation = { authorityName: id, parentName: '', placeName: 'Cao Bằng', authoritySymbol: 'UBND', siteRole: role, actsForUnitIds: [`u-${id}`], authorityUnitId: `u-${id}` };
  await withWrites(db, ctx, ['settings'], (w) => w.set('settings', ORGANISATION_SETTINGS_ID, org as unknown as Record<string, JsonValue>, 'Thiết lập', id));
  const row: PeerRow = { siteId: peer.id, name: peer.id, units: [`u-${peer.id}`], role: peer.role, publicKey: siteKey(peer.id).publicKey, fingerprint: 'F', trustedAt: '2026-05-01T00:00:00Z', trustedBy: 'admin', previousKeys: [], ack: {}, lastReceivedAt: null, lastSentAt: null };
  await db.peers.put(row);
  return { db, ctx, main: new FakeMain(id) };
}

/** Makes the database look as an older version left it: ops without chain fields, no chain head. */
async function makeLegacy(db: DondocDb): Promise<void> {
  const segments = await db.opSegments.toArray();
  const strip = ({ seq, prevHash, ...rest }: Op): Op => (void seq, void prevHash, rest);
  await db.opSegments.bulkPut(segments.map((s) => makeSegment(s.site, s.ops.map(strip), s.id)));
  await db.meta.bulkDelete([OWN_CHAIN_KEY, 'authorshipUpgrade']);
}

describe('upgrading a database written before proven authorship', () => {
  it('chains its own ops, resets acknowledgements, drops unproven held ops, and syncs them proven', async () => {
    const coord = await site('vp', 'coordinator', { id: 'xa', role: 'unit' });
    const xa = await site('xa', 'unit', { id: 'vp', role: 'coordinator' });
    for (const [id, name] of [['u-vp', 'Văn phòng'], ['u-xa', 'Xã'], ['u-khac', 'Đơn vị khác']])
      await withWrites(coord.db, coord.ctx, ['units'], (w) => w.set('units', id, { name, parentId: null }, 'Thêm đơn vị', name));
    await makeLegacy(coord.db);
    // The commune already holds those ops (as an older version would have accepted them), acknowledged.
    const legacyOps = (await readAllOps(coord.db)).filter((o) => o.entity === 'units');
    await appendOps(xa.db, legacyOps);
    const forgedHeld: Op = { ...legacyOps[0], id: 'held-old', values: { name: 'Giữ lại từ trước' } };
    await xa.db.syncRejections.put({ opId: 'held-old', site: 'vp', hlc: forgedHeld.hlc, op: forgedHeld, status: 'pending', code: null, reason: 'chờ', importHash: 'x', from: 'vp', firstSeenAt: '', lastCheckedAt: '' });
    await makeLegacy(xa.db);
    await coord.db.peers.update('xa', { ack: { vp: legacyOps[2].hlc } });

    await upgradeForAuthorship(coord.db, 'vp');
    const chained = (await readAllOps(coord.db)).filter((o) => o.site === 'vp' && o.entity === 'units').sort((a, b) => a.seq! - b.seq!);
    expect(chained.map((o) => o.id)).toEqual(legacyOps.map((o) => o.id));
    expect(chained.map((o) => o.seq)).toEqual([1, 2, 3]);
    expect((await coord.db.peers.get('xa'))?.ack).toEqual({});
    expect((await allHeads(coord.db, 'vp')).get('vp')?.seq).toBe(3);

    // A new write continues the chain.
    await withWrites(coord.db, coord.ctx, ['units'], (w) => w.set('units', 'u-xa', { name: 'Xã (mới)' }, 'Sửa', 'x'));
    expect((await allHeads(coord.db, 'vp')).get('vp')?.seq).toBe(4);

    let bytes: Buffer | null = null;
    await exportPackage(coord.db, coord.ctx, { to: 'xa', name: 'xa' }, async (req) => {
      bytes = await coord.main.pack(req, { seq: 1, prevPackageHash: null, createdAt: now().toISOString() });
      return { canceled: false, path: '/usb/a.dondoc', seq: 1, packageHash: 'a'.repeat(64), prevPackageHash: null, opCount: req.ops.length, bytes: 1 };
    });
    const pkg = readAs('xa', bytes!, await trustedKeys(xa.db), await previousKeys(xa.db));
    expect(pkg.authorship.refused).toEqual([]);
    const report = await importPackage(xa.db, xa.ctx, pkg, 'a.dondoc');
    expect(report.counts).toMatchObject({ applied: 1, alreadyHad: 3, rejected: 0 });
    expect(await xa.db.syncRejections.get('held-old')).toBeUndefined();
    expect((await allHeads(xa.db, 'xa')).get('vp')?.seq).toBe(4);
  });
});
