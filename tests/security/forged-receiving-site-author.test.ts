/**
 * Attack: a trusted unit office (xa-b) sends the commune xa-a ops that claim to be xa-a's own:
 * one at the next position of xa-a's chain as far as xa-b knows it, one beyond xa-a's real
 * chain, each with a checkpoint xa-b signed (once naming xa-a's key). xa-a takes an op in its
 * own name only with its own key's proof and within the chain it wrote: both are refused and
 * nothing changes. xa-a's real ops coming back through xa-b, with xa-a's own checkpoint, are
 * recognised as already held.
 */
import { describe, expect, it } from 'vitest';
import { checkpointBy, craft, expectUnproven, forgedOp, headAt, importBytes, province, send, snapshot, vectorOf, XA_A } from './harness';
import { siteKey } from '../unit/syncMain';
import { withWrites } from '../../renderer/src/data/repository';

describe('ops claiming the receiving site as author', () => {
  it('are refused unless this site’s own key proves them', async () => {
    const { xaA, xaB } = await province();
    // xa-a writes something of its own and sends it to xa-b, so xa-b holds xa-a's chain and checkpoint.
    await withWrites(xaA.db, xaA.ctx, ['officials'], (w) => w.set('officials', 'o-xa-a-1', { fullName: 'Nguyễn Văn An', active: true }, 'Thêm cán bộ', 'Nguyễn Văn An'));
    await send(xaA, xaB);
    const mine = await headAt(xaA, XA_A);
    const seenByB = await headAt(xaB, XA_A);
    expect(seenByB).toEqual(mine);

    const next = forgedOp(XA_A, seenByB, { entity: 'officials', rowId: 'o-xa-a-1', values: { fullName: 'Tên bị sửa' } });
    const early = forgedOp(XA_A, { seq: 0, hash: '0'.repeat(64), hlc: '' }, { entity: 'units', rowId: 'u-xa-a', values: { name: 'Xã bị đổi tên' } });
    const before = await snapshot(xaA.db);
    const headBefore = await headAt(xaA, XA_A);
    // xa-b relays everything it holds, xa-a's own ops included.
    await xaB.db.peers.update(XA_A, { ack: {} });
    const bytes = await craft(xaB, xaA.site, { ops: [next, early], checkpoints: [checkpointBy(xaB.site, next), checkpointBy(xaB.site, early, siteKey(XA_A).publicKey)] });
    const { pkg, report, refused } = await importBytes(xaA, bytes);

    // The genuine ops of xa-a that xa-b relays back are proven by xa-a's own checkpoint and already held.
    expect(pkg.ops.filter((o) => o.site === XA_A && !o.id.startsWith('forged-')).length).toBeGreaterThan(0);
    expectUnproven(refused, [next.id, early.id]);
    for (const r of refused) expect(r.reason).toBe('Thao tác ghi là của chính máy này nhưng không có trong chuỗi thao tác do máy này ký; bị từ chối.');
    expect(report.counts.applied).toBe(0);
    expect(report.counts.alreadyHad).toBeGreaterThan(0);
    expect(await snapshot(xaA.db)).toBe(before);
    expect(await headAt(xaA, XA_A)).toEqual(headBefore);
    expect((await vectorOf(xaA))[XA_A]).toBe(headBefore.hlc);
    expect(await xaA.db.officials.get('o-xa-a-1')).toMatchObject({ fullName: 'Nguyễn Văn An' });
  });
});
