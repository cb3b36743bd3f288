import { describe, expect, it } from 'vitest';
import { DondocDb } from './db';
import { auditEntries, auditOf, verifyAuditChain, visible, withWrites, type WriteContext } from './repository';
import { countOps, readAllOps } from './opLog';

function freshDb() {
  return new DondocDb(`repo-${Math.random()}`);
}
const ctx: WriteContext = { site: 'site-test', actor: 'lan.vt (Nông Thị Lan)', now: () => new Date('2026-11-29T03:00:00Z') };

describe('repository', () => {
  it('writes the row, its op and a chained audit entry in one transaction', async () => {
    const db = freshDb();
    await withWrites(db, ctx, ['units'], async (w) => {
      await w.set('units', 'u1', { name: 'Phòng Kinh tế', shortName: 'PKT' }, 'Thêm đơn vị', 'Phòng Kinh tế');
      await w.set('units', 'u1', { name: 'Phòng Kinh tế - Hạ tầng' }, 'Sửa đơn vị', 'Phòng Kinh tế - Hạ tầng');
    });
    const [row] = await db.units.toArray();
    expect(visible<{ name: string; shortName: string }>([row])[0]).toEqual({ id: 'u1', name: 'Phòng Kinh tế - Hạ tầng', shortName: 'PKT' });
    const ops = (await readAllOps(db)).sort((a, b) => (a.hlc < b.hlc ? -1 : 1));
    expect(ops.map((o) => [o.entity, o.rowId, o.site, o.actor])).toEqual([
      ['units', 'u1', 'site-test', ctx.actor],
      ['units', 'u1', 'site-test', ctx.actor],
    ]);
    expect(ops[0].hlc < ops[1].hlc).toBe(true);
    expect(ops[1].prev).toEqual({ name: `${ops[0].hlc}|site-test` });
    expect(row._v.name).toBe(`${ops[1].hlc}|site-test`);
    // One audit record for the transaction, carrying both entries in order.
    const records = await db.audit.orderBy('seq').toArray();
    expect(records).toHaveLength(1);
    expect(records[0].rows).toEqual(['units/u1']);
    const audit = records.flatMap(auditEntries);
    expect(audit.map((a) => [a.seq, a.action, a.before?.name ?? null])).toEqual([
      [1, 'Thêm đơn vị', null],
      [1, 'Sửa đơn vị', 'Phòng Kinh tế'],
    ]);
    expect(await auditOf(db, [['units', 'u1']])).toEqual(audit);
    expect(await verifyAuditChain(db)).toBeNull();
    // The next transaction's record links to it.
    await withWrites(db, ctx, ['units'], (w) => w.set('units', 'u2', { name: 'Phòng Văn hóa' }, 'Thêm đơn vị', 'Phòng Văn hóa'));
    const [first, second] = await db.audit.orderBy('seq').toArray();
    expect([second.seq, second.prevHash, second.more]).toEqual([2, first.hash, undefined]);
    expect(await verifyAuditChain(db)).toBeNull();
  });

  it('rolls everything back when any step fails: no row, no op, no audit entry', async () => {
    const db = freshDb();
    await expect(
      withWrites(db, ctx, ['units'], async (w) => {
        await w.set('units', 'u1', { name: 'A' }, 'Thêm', 'A');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.units.count()).toBe(0);
    expect(await countOps(db)).toBe(0);
    expect(await db.audit.count()).toBe(0);
    expect(await db.meta.get('hlc')).toBeUndefined();
  });

  it('detects an audit entry edited directly in the database', async () => {
    const db = freshDb();
    for (let i = 0; i < 3; i++) await withWrites(db, ctx, ['units'], (w) => w.set('units', `u${i}`, { name: `Đơn vị ${i}` }, 'Thêm đơn vị', `Đơn vị ${i}`));
    expect(await verifyAuditChain(db)).toBeNull();
    await db.audit.update(2, { actor: 'kẻ giả mạo' });
    expect(await verifyAuditChain(db)).toEqual({ seq: 2, reason: 'Mục nhật ký số 2 đã bị sửa.' });
  });

  it('keeps the clock monotonic across transactions even if the wall clock goes back', async () => {
    const db = freshDb();
    let t = Date.parse('2026-11-29T03:00:00Z');
    const c: WriteContext = { ...ctx, now: () => new Date(t) };
    await withWrites(db, c, ['units'], (w) => w.set('units', 'a', { name: 'A' }, 'x', 'x'));
    t -= 3_600_000;
    await withWrites(db, c, ['units'], (w) => w.set('units', 'b', { name: 'B' }, 'x', 'x'));
    const [first, second] = (await readAllOps(db)).sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(second.hlc > first.hlc).toBe(true);
  });

  it('refuses an insert over an existing append-only record', async () => {
    const db = freshDb();
    await withWrites(db, ctx, ['units'], (w) => w.insert('units', 'x', { name: 'A' }, 'x', 'x'));
    await expect(withWrites(db, ctx, ['units'], (w) => w.insert('units', 'x', { name: 'B' }, 'x', 'x'))).rejects.toThrow('Bản ghi đã tồn tại.');
  });
});
