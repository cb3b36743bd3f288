import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '@shared/authority';
import { DondocDb } from '../../data/db';
import { visible, type WriteContext } from '../../data/repository';
import { readAllOps } from '../../data/opLog';
import { completeSetup } from '../registries/commands';
import { canEditCalendar, removeCalendarOverride, saveCalendarOverride } from './commands';
import { loadCalendarConfig, overrideRowId } from './config';
import { refusal } from '../../../../tests/fixtures/errors';

const ctx: WriteContext = { site: 'site-a', actor: 'lan.vt (Nông Thị Lan)' };
const admin: Actor = { role: 'admin', unitId: null };
const dbs: DondocDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

async function setUp(siteRole: 'coordinator' | 'unit'): Promise<DondocDb> {
  const db = new DondocDb(`calendar-commands-${Math.random()}`);
  dbs.push(db);
  await completeSetup(db, ctx, {
    authorityName: 'Ủy ban nhân dân xã Hòa An',
    parentName: 'Ủy ban nhân dân tỉnh Cao Bằng',
    placeName: 'Cao Bằng',
    authoritySymbol: 'UBND',
    siteRole,
    office: siteRole === 'coordinator' ? { name: 'Văn phòng HĐND và UBND', shortName: 'VP', symbol: 'VP' } : null,
    today: '2026-01-05',
  });
  return db;
}

describe('canEditCalendar', () => {
  it('allows only administrators of the coordinating site', () => {
    expect(canEditCalendar(admin, { siteRole: 'coordinator' })).toEqual({ allowed: true });
    expect(canEditCalendar(admin, { siteRole: 'unit' }).allowed).toBe(false);
    expect(canEditCalendar({ role: 'unitStaff', unitId: 'u1' }, { siteRole: 'coordinator' }).allowed).toBe(false);
    expect(canEditCalendar(admin, null).allowed).toBe(false);
  });
});

describe('saveCalendarOverride / removeCalendarOverride', () => {
  it('stores an override through the repository with its op and audit entry', async () => {
    const db = await setUp('coordinator');
    await saveCalendarOverride(db, ctx, admin, { date: '2026-03-11', kind: 'dayOff', note: '  Bầu cử đại biểu  ' });
    const rows = visible<{ date: string; kind: string; note: string }>(await db.calendarOverrides.toArray());
    expect(rows).toEqual([{ id: overrideRowId('2026-03-11'), date: '2026-03-11', kind: 'dayOff', note: 'Bầu cử đại biểu' }]);
    const ops = (await readAllOps(db)).filter((o) => o.entity === 'calendarOverrides' && o.rowId === overrideRowId('2026-03-11'));
    expect(ops).toHaveLength(1);
    const audit = await db.audit.where('[entity+rowId]').equals(['calendarOverrides', overrideRowId('2026-03-11')]).toArray();
    expect(audit.map((a) => [a.action, a.summary])).toEqual([['Thêm điều chỉnh lịch làm việc', '11/03/2026: Ngày nghỉ thêm – Bầu cử đại biểu']]);
  });

  it('refuses invalid input with the schema messages and writes nothing', async () => {
    const db = await setUp('coordinator');
    expect((await refusal(saveCalendarOverride(db, ctx, admin, { date: '2026-02-30', kind: 'dayOff', note: 'x' }))).message).toContain('Ngày không hợp lệ');
    expect((await refusal(saveCalendarOverride(db, ctx, admin, { date: '2026-03-11', kind: 'dayOff', note: '   ' }))).message).toBe('Cần ghi chú lý do.');
    expect((await refusal(saveCalendarOverride(db, ctx, admin, { date: '2026-03-11', kind: 'dayOff', note: 'x'.repeat(201) }))).message).toBe('Ghi chú tối đa 200 ký tự.');
    expect((await refusal(saveCalendarOverride(db, ctx, admin, { date: '2101-01-03', kind: 'dayOff', note: 'Ngoài phạm vi' }))).message).toContain('1900–2100');
    expect(await db.calendarOverrides.count()).toBe(0);
  });

  it('refuses an override that changes nothing', async () => {
    const db = await setUp('coordinator');
    // Tue 2026-02-17 is a Tết day; Sat 2026-03-14 is an ordinary weekend; Sat 2026-08-22 is a make-up Saturday.
    const offAlready = await refusal(saveCalendarOverride(db, ctx, admin, { date: '2026-02-17', kind: 'dayOff', note: 'Nghỉ thêm' }));
    expect(offAlready.message).toBe('Ngày 17/02/2026 vốn đã là ngày nghỉ, không cần thêm ngày nghỉ.');
    await refusal(saveCalendarOverride(db, ctx, admin, { date: '2026-03-14', kind: 'dayOff', note: 'Nghỉ thêm' }));
    const workedAlready = await refusal(saveCalendarOverride(db, ctx, admin, { date: '2026-08-22', kind: 'workday', note: 'Làm thêm' }));
    expect(workedAlready.message).toBe('Ngày 22/08/2026 vốn đã là ngày làm việc, không cần thêm ngày làm bù.');
    expect(await db.calendarOverrides.count()).toBe(0);
    // The meaningful opposites are accepted.
    await saveCalendarOverride(db, ctx, admin, { date: '2026-03-14', kind: 'workday', note: 'Làm bù' });
    await saveCalendarOverride(db, ctx, admin, { date: '2026-08-22', kind: 'dayOff', note: 'Không làm bù' });
    expect((await loadCalendarConfig(db)).overrides.map((o) => [o.date, o.kind])).toEqual([
      ['2026-03-14', 'workday'],
      ['2026-08-22', 'dayOff'],
    ]);
  });

  it('lets an override on a date be replaced by the opposite kind (judged without itself)', async () => {
    const db = await setUp('coordinator');
    await saveCalendarOverride(db, ctx, admin, { date: '2026-03-11', kind: 'dayOff', note: 'Bầu cử' });
    await refusal(saveCalendarOverride(db, ctx, admin, { date: '2026-03-11', kind: 'workday', note: 'Đổi ý' }));
    await saveCalendarOverride(db, ctx, admin, { date: '2026-03-11', kind: 'dayOff', note: 'Bầu cử đại biểu HĐND' });
    expect((await loadCalendarConfig(db)).overrides).toEqual([{ date: '2026-03-11', kind: 'dayOff', note: 'Bầu cử đại biểu HĐND' }]);
    const audit = await db.audit.where('[entity+rowId]').equals(['calendarOverrides', overrideRowId('2026-03-11')]).toArray();
    expect(audit.map((a) => a.action)).toEqual(['Thêm điều chỉnh lịch làm việc', 'Sửa điều chỉnh lịch làm việc']);
  });

  it('removes with a tombstone and can add the date again', async () => {
    const db = await setUp('coordinator');
    await saveCalendarOverride(db, ctx, admin, { date: '2026-03-11', kind: 'dayOff', note: 'Bầu cử' });
    await removeCalendarOverride(db, ctx, admin, '2026-03-11');
    expect((await loadCalendarConfig(db)).overrides).toEqual([]);
    expect((await db.calendarOverrides.get(overrideRowId('2026-03-11')))?._deleted).toBe(1);
    expect((await refusal(removeCalendarOverride(db, ctx, admin, '2026-03-11'))).code).toBe('not-found');
    await saveCalendarOverride(db, ctx, admin, { date: '2026-03-11', kind: 'dayOff', note: 'Bầu cử lại' });
    expect((await loadCalendarConfig(db)).overrides).toEqual([{ date: '2026-03-11', kind: 'dayOff', note: 'Bầu cử lại' }]);
  });

  it('refuses non-administrators and unit sites', async () => {
    const coordinator = await setUp('coordinator');
    const staff = await refusal(saveCalendarOverride(coordinator, ctx, { role: 'unitStaff', unitId: null }, { date: '2026-03-11', kind: 'dayOff', note: 'x' }));
    expect(staff.code).toBe('not-authorised');
    const unitSite = await setUp('unit');
    const refused = await refusal(saveCalendarOverride(unitSite, ctx, admin, { date: '2026-03-11', kind: 'dayOff', note: 'x' }));
    expect(refused.code).toBe('not-authorised');
    expect(refused.message).toContain('Văn phòng điều phối');
    expect(await unitSite.calendarOverrides.count()).toBe(0);
  });
});
