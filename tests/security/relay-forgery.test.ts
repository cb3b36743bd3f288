/**
 * Attack through a relay: the unit office xa-b sends the coordinator a real package with its own
 * honest progress report and an op forged in the name of a third site (xa-a). The coordinator
 * refuses the forgery and relays the honest op onward to xa-a with xa-b's checkpoint unchanged,
 * where it is proven by xa-b's key. A relay that alters what it forwards (here a compromised
 * coordinator: its own key signs the package) or slips the forgery in again gets nothing
 * through at xa-a, and the honest op still arrives afterwards (nothing acknowledged for it).
 */
import { describe, expect, it } from 'vitest';
import { checkpointBy, COORD, craft, expectUnproven, exportBytes, forgedOp, headAt, honestProgress, importBytes, province, snapshot, XA_A, XA_B } from './harness';
import { heldChains } from '../../renderer/src/data/chain';
import { opsOf, readAllOps } from '../../renderer/src/data/opLog';
import { rowStore } from '../../renderer/src/data/taskLogs';

describe('relayed through the coordinator to a third site', () => {
  it('forgeries are refused at the relay and at the third site; honest relayed ops are accepted', async () => {
    const { coord, xaA, xaB, taskId } = await province();
    await honestProgress(xaB, taskId, 60);
    const progress = (await opsOf(xaB.db, XA_B)).find((o) => o.entity === 'taskEvents')!;
    const forged = forgedOp(XA_A, await headAt(xaB, XA_A), { entity: 'officials', rowId: 'o-gia', values: { fullName: 'Cán bộ không có thật', active: true } });

    // xa-b → coordinator: the forgery is refused there, the report goes in.
    const atRelay = await importBytes(coord, await craft(xaB, COORD, { ops: [forged], checkpoints: [checkpointBy(XA_B, forged)] }));
    expectUnproven(atRelay.refused, [forged.id]);
    expect((await readAllOps(coord.db)).find((o) => o.id === progress.id)).toEqual(progress);
    expect(await coord.db.officials.get('o-gia')).toBeUndefined();

    // A relay that alters xa-b's report and adds the forgery back, under its own signature.
    const before = await snapshot(xaA.db);
    const tampered = await craft(coord, XA_A, {
      ops: [forged],
      checkpoints: [checkpointBy(COORD, forged)],
      alter: (ops) => ops.map((o) => (o.id === progress.id ? { ...o, values: { ...o.values, percent: 100, text: 'Đã hoàn thành' } } : o)),
    });
    const atThird = await importBytes(xaA, tampered);
    expectUnproven(atThird.refused, [forged.id, progress.id]);
    expect(atThird.refused.find((r) => r.op.id === progress.id)!.reason).toContain('không thuộc chuỗi mà máy "xa-b" đã ký');
    expect(await snapshot(xaA.db)).toBe(before);
    expect((await headAt(xaA, XA_B)).seq).toBe(0);

    // The honest relay: the same coordinator exports with the app; xa-b's checkpoint travels unchanged.
    const honest = await importBytes(xaA, await exportBytes(coord, XA_A));
    const relayed = honest.pkg.manifest.checkpoints.find((c) => c.site === XA_B);
    expect(relayed).toEqual((await heldChains(coord.db))[XA_B].checkpoint);
    expect(honest.refused).toEqual([]);
    expect((await readAllOps(xaA.db)).find((o) => o.id === progress.id)).toEqual(progress);
    expect((await rowStore(xaA.db, 'taskEvents').get(progress.rowId))?.percent).toBe(60);
    expect(await xaA.db.officials.get('o-gia')).toBeUndefined();
    expect(await headAt(xaA, XA_B)).toEqual(await headAt(coord, XA_B));
  });
});
