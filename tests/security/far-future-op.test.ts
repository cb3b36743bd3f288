/**
 * Attack: acknowledgement suppression with an op stamped far in the future. Before proven
 * authorship, one op "by" the coordinator stamped 23 hours ahead advanced the receiver's
 * acknowledgement for the coordinator, so the coordinator's real ops stamped before that time
 * were never sent to it again. Now: the forged one is refused (its author is not proven), and
 * even an op its real author stamps more than FUTURE_TOLERANCE_MS ahead of the package's
 * creation time is refused for now; neither moves the acknowledgement, and the coordinator's
 * real later ops still reach the commune.
 */
import { describe, expect, it } from 'vitest';
import { FUTURE_TOLERANCE_MS } from '../../shared/sync/authorship';
import { checkpointBy, COORD, craft, expectUnproven, forgedOp, headAt, honestProgress, importBytes, peek, province, send, snapshot, vectorOf, XA_B } from './harness';
import { opsOf, readAllOps } from '../../renderer/src/data/opLog';
import { withWrites } from '../../renderer/src/data/repository';

const DAY_AHEAD = 23 * 3600_000;

describe('an op stamped far ahead of the package', () => {
  it('is refused, moves no acknowledgement, and suppresses none of the real author’s later ops', async () => {
    const { coord, xaA, xaB, taskId } = await province();
    await honestProgress(xaB, taskId, 20);
    const coordHead = await headAt(xaB, COORD);
    const bHead = await headAt(xaB, XA_B);

    // In the coordinator's name, a day ahead, with a checkpoint xa-b signed.
    const forged = forgedOp(COORD, coordHead, { entity: 'units', rowId: 'u-xa-a', values: { name: 'Tên tương lai' } }, peek() + DAY_AHEAD);
    // In xa-b's own name, a day ahead, with xa-b's own valid checkpoint: proven but too far ahead.
    const ownFuture = forgedOp(XA_B, bHead, { entity: 'officials', rowId: 'o-xa-b-1', values: { fullName: 'Cán bộ đến từ tương lai', active: true } }, peek() + DAY_AHEAD);
    const vectorBefore = await vectorOf(xaA);
    const before = await snapshot(xaA.db, ['taskEvents']);
    const { report, refused } = await importBytes(xaA, await craft(xaB, xaA.site, { ops: [forged, ownFuture], checkpoints: [checkpointBy(XA_B, forged), checkpointBy(XA_B, ownFuture)] }));

    expectUnproven(refused, [forged.id, ownFuture.id]);
    expect(refused.find((r) => r.op.id === ownFuture.id)!.reason).toContain(`vượt quá thời điểm tạo gói (hoặc giờ của máy này) hơn ${FUTURE_TOLERANCE_MS / 60000} phút`);
    // xa-b's honest report before it is proven by the same chain and goes in.
    expect(report.counts.applied).toBe(1);
    expect(await snapshot(xaA.db, ['taskEvents'])).toBe(before);
    const vectorAfter = await vectorOf(xaA);
    expect(vectorAfter[COORD]).toBe(vectorBefore[COORD]);
    expect(vectorAfter[XA_B] < ownFuture.hlc).toBe(true);

    // xa-a acknowledges to the coordinator; the coordinator then really renames a unit, stamped before the forged time.
    await send(xaA, coord);
    await withWrites(coord.db, coord.ctx, ['units'], (w) => w.set('units', 'u-xa-a', { name: 'UBND xã Hòa An (mới)' }, 'Sửa đơn vị', 'Đổi tên'));
    const real = (await opsOf(coord.db, COORD)).pop();
    expect(real!.hlc < forged.hlc).toBe(true);
    const { report: next } = await send(coord, xaA);
    expect(next.counts.applied).toBeGreaterThan(0);
    expect(await xaA.db.units.get('u-xa-a')).toMatchObject({ name: 'UBND xã Hòa An (mới)' });
    expect((await readAllOps(xaA.db)).find((o) => o.id === real!.id)).toBeDefined();
  });
});
