/**
 * Attack: a trusted unit office (xa-b) signs a real package whose ops claim the coordinator
 * (vp-tinh) as author: it renames a unit and writes a shared setting, the two things only the
 * coordinator may do. Tried four ways: a checkpoint it signs with its own key, one naming the
 * coordinator's key but signed by itself, none at all, and the coordinator's real checkpoint
 * copied from an earlier package. The commune receiving it (xa-a) refuses every forged op,
 * lists each with a Vietnamese reason, keeps xa-b's own honest op, and changes nothing else.
 */
import { describe, expect, it } from 'vitest';
import { TASK_SETTINGS_ID } from '../../shared/tasks/state';
import { COORD, checkpointBy, craft, expectUnproven, forgedOp, headAt, honestProgress, importBytes, province, snapshot, vectorOf } from './harness';
import { siteKey } from '../unit/syncMain';
import { heldChains } from '../../renderer/src/data/chain';
import { readAllOps } from '../../renderer/src/data/opLog';
import { logOf } from '../../renderer/src/data/taskLogs';

describe('a unit signs a package whose ops claim the coordinator', () => {
  it('is refused op by op; the unit keeps its name, the shared setting is not written, the honest op goes in', async () => {
    const { xaA, xaB, taskId } = await province();
    await honestProgress(xaB, taskId, 40);
    const coordHead = await headAt(xaB, COORD);
    expect(coordHead.seq).toBeGreaterThan(0);

    const rename = forgedOp(COORD, coordHead, { entity: 'units', rowId: 'u-xa-a', values: { name: 'Đơn vị bị đổi tên' } });
    const setting = forgedOp(COORD, coordHead, { entity: 'settings', rowId: TASK_SETTINGS_ID, values: { extensionLimit: 99 } });
    const bare = forgedOp(COORD, coordHead, { entity: 'units', rowId: 'u-xa-b', values: { name: 'Không có xác nhận' } });
    const copied = forgedOp(COORD, coordHead, { entity: 'units', rowId: 'u-vp', values: { name: 'Dùng lại xác nhận thật' } });
    const realCheckpoint = (await heldChains(xaB.db))[COORD].checkpoint;

    const before = await snapshot(xaA.db, ['taskEvents']);
    const vectorBefore = await vectorOf(xaA);
    const bytes = await craft(xaB, xaA.site, {
      ops: [rename, setting, bare, copied],
      checkpoints: [checkpointBy(xaB.site, rename), checkpointBy(xaB.site, setting, siteKey(COORD).publicKey), realCheckpoint],
    });
    const { pkg, report, refused } = await importBytes(xaA, bytes);

    // The package itself is genuine: signed by a trusted unit.
    expect(pkg.manifest.from).toBe(xaB.site);
    expectUnproven(refused, [rename.id, setting.id, bare.id, copied.id]);
    expect(refused.find((r) => r.op.id === rename.id)!.reason).toContain('không có chữ ký hợp lệ bằng khóa của máy đó');
    expect(report.counts.applied).toBe(1);
    expect(await xaA.db.units.get('u-xa-a')).toMatchObject({ name: 'UBND xã Hòa An' });
    expect(await xaA.db.settings.get(TASK_SETTINGS_ID)).toBeUndefined();
    expect((await readAllOps(xaA.db)).find((o) => o.id === rename.id)).toBeUndefined();
    // Only xa-b's report changed anything; the coordinator's acknowledgement did not move.
    const { events } = await logOf(xaA.db, taskId);
    expect(events.map((e) => e.percent)).toEqual([40]);
    expect(await snapshot(xaA.db, ['taskEvents'])).toBe(before);
    expect((await vectorOf(xaA))[COORD]).toBe(vectorBefore[COORD]);
  });
});
