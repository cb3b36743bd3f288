import { afterEach, describe, expect, it } from 'vitest';
import { addWorkingDays, holidaysOf } from '@shared/calendar';
import { DondocDb } from '../../data/db';
import { withWrites, type WriteContext } from '../../data/repository';
import { configFromRows, EMPTY_CALENDAR_CONFIG, loadCalendarConfig, overrideRowId } from './config';

const ctx: WriteContext = { site: 'site-a', actor: 'test (Người thử)' };
const dbs: DondocDb[] = [];
function freshDb(): DondocDb {
  const db = new DondocDb(`calendar-config-${Math.random()}`);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

async function put(db: DondocDb, date: string, kind: string, note: string, id = overrideRowId(date)) {
  await withWrites(db, ctx, ['calendarOverrides'], (w) => w.set('calendarOverrides', id, { date, kind, note, _deleted: 0 }, 'test', date));
}
async function tombstone(db: DondocDb, date: string) {
  await withWrites(db, ctx, ['calendarOverrides'], (w) => w.set('calendarOverrides', overrideRowId(date), { _deleted: 1 }, 'test', date));
}

describe('loadCalendarConfig', () => {
  it('returns the shared empty config when there are no overrides', async () => {
    const db = freshDb();
    expect(await loadCalendarConfig(db)).toBe(EMPTY_CALENDAR_CONFIG);
  });

  it('returns the same object while the overrides are unchanged, a new one when they change', async () => {
    const db = freshDb();
    await put(db, '2026-03-09', 'dayOff', 'Lễ hội đền Kỳ Sầm');
    const first = await loadCalendarConfig(db);
    expect(first.overrides).toEqual([{ date: '2026-03-09', kind: 'dayOff', note: 'Lễ hội đền Kỳ Sầm' }]);
    expect(await loadCalendarConfig(db)).toBe(first);

    // Rewriting the same values (a new op, new _v) is not a change of the calendar.
    await put(db, '2026-03-09', 'dayOff', 'Lễ hội đền Kỳ Sầm');
    expect(await loadCalendarConfig(db)).toBe(first);

    await put(db, '2026-03-09', 'dayOff', 'Lễ hội đền Kỳ Sầm (cả ngày)');
    const renamed = await loadCalendarConfig(db);
    expect(renamed).not.toBe(first);
    expect(renamed.overrides[0].note).toBe('Lễ hội đền Kỳ Sầm (cả ngày)');

    await put(db, '2026-03-14', 'workday', 'Làm bù cho ngày lễ hội');
    const two = await loadCalendarConfig(db);
    expect(two).not.toBe(renamed);
    expect(two.overrides.map((o) => o.date)).toEqual(['2026-03-09', '2026-03-14']);

    await tombstone(db, '2026-03-14');
    const back = await loadCalendarConfig(db);
    expect(back).not.toBe(two);
    expect(back.overrides.map((o) => o.date)).toEqual(['2026-03-09']);
    expect(await loadCalendarConfig(db)).toBe(back);
  });

  it('gives a config the calendar uses: the extra day off moves a deadline by one working day', async () => {
    const db = freshDb();
    // Mon 2026-03-09 + 5 working days = Mon 03-16 without overrides.
    expect(addWorkingDays('2026-03-09', 5)).toBe('2026-03-16');
    await put(db, '2026-03-11', 'dayOff', 'Bầu cử đại biểu');
    const config = await loadCalendarConfig(db);
    expect(addWorkingDays('2026-03-09', 5, config)).toBe('2026-03-17');
    expect(holidaysOf(2026, config).find((h) => h.date === '2026-03-11')).toEqual({ date: '2026-03-11', name: 'Bầu cử đại biểu', kind: 'overrideDayOff' });
  });

  it('is frozen, so nobody can change it behind the calendar cache', async () => {
    const db = freshDb();
    await put(db, '2026-03-09', 'dayOff', 'Lễ hội');
    const config = await loadCalendarConfig(db);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.overrides)).toBe(true);
    expect(() => (config.overrides as unknown as unknown[]).push({})).toThrow();
  });
});

describe('configFromRows', () => {
  const row = (id: string, values: Record<string, unknown>, deleted: 0 | 1 = 0) => ({ id, _v: {}, _deleted: deleted, ...values });

  it('skips tombstones and rows that fail the override schema', () => {
    const config = configFromRows([
      row('a', { date: '2026-03-09', kind: 'dayOff', note: 'Lễ hội' }),
      row('b', { date: '2026-02-30', kind: 'dayOff', note: 'Ngày không có thật' }),
      row('c', { date: '2026-03-10', kind: 'holiday', note: 'Loại lạ' }),
      row('d', { date: '2026-03-11', kind: 'dayOff', note: '   ' }),
      row('e', { date: '2026-03-12', kind: 'dayOff', note: 'Đã bỏ' }, 1),
    ]);
    expect(config.overrides).toEqual([{ date: '2026-03-09', kind: 'dayOff', note: 'Lễ hội' }]);
  });

  it('keeps one override per date, choosing by id so every site picks the same row', () => {
    const rows = [row('z', { date: '2026-03-09', kind: 'dayOff', note: 'Từ máy Z' }), row('m', { date: '2026-03-09', kind: 'workday', note: 'Từ máy M' })];
    expect(configFromRows(rows).overrides).toEqual([{ date: '2026-03-09', kind: 'workday', note: 'Từ máy M' }]);
    expect(configFromRows([...rows].reverse()).overrides).toEqual([{ date: '2026-03-09', kind: 'workday', note: 'Từ máy M' }]);
  });

  it('sorts by date and trims notes as the schema does', () => {
    const config = configFromRows([row('a', { date: '2026-05-04', kind: 'dayOff', note: ' B ' }), row('b', { date: '2026-01-05', kind: 'dayOff', note: 'A' })]);
    expect(config.overrides).toEqual([
      { date: '2026-01-05', kind: 'dayOff', note: 'A' },
      { date: '2026-05-04', kind: 'dayOff', note: 'B' },
    ]);
  });
});
