import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isoWeekKey, planRotation, vnDay, type RotationEntry } from './rotation';

function daily(iso: string): RotationEntry {
  return { fileName: `dondoc-${iso}-daily.ddbak`, createdAt: iso, reason: 'daily' };
}

/** One automatic backup a day at 08:00 Vietnam time, for n days ending on `last`. */
function everyDay(last: string, n: number): RotationEntry[] {
  const out: RotationEntry[] = [];
  const end = Date.parse(`${last}T01:00:00.000Z`);
  for (let i = 0; i < n; i++) out.push(daily(new Date(end - i * 86_400_000).toISOString()));
  return out;
}

describe('vnDay and isoWeekKey', () => {
  it('counts days in UTC+7', () => {
    expect(vnDay('2025-07-01T16:59:59.000Z')).toBe('2025-07-01');
    expect(vnDay('2025-07-01T17:00:00.000Z')).toBe('2025-07-02');
  });
  it('numbers ISO weeks, including the year boundary', () => {
    expect(isoWeekKey('2025-01-01')).toBe('2025-W01');
    expect(isoWeekKey('2024-12-30')).toBe('2025-W01');
    expect(isoWeekKey('2021-01-03')).toBe('2020-W53');
    expect(isoWeekKey('2025-07-07')).toBe('2025-W28');
    expect(isoWeekKey('2025-07-06')).toBe('2025-W27');
  });
});

describe('planRotation', () => {
  it('keeps 7 daily, 4 weekly and 12 monthly out of two years of daily backups', () => {
    const entries = everyDay('2025-07-10', 730);
    const { keep, remove } = planRotation(entries);
    expect(keep.length + remove.length).toBe(730);
    const days = keep.map((e) => vnDay(e.createdAt)).sort();
    // The last 7 days.
    for (const d of ['2025-07-04', '2025-07-05', '2025-07-06', '2025-07-07', '2025-07-08', '2025-07-09', '2025-07-10']) expect(days).toContain(d);
    // Newest of each of the last 4 ISO weeks: Sundays 06/07, 29/06 and the current week's newest (10/07), 27/07 covered by week 27.
    expect(days).toContain('2025-06-29');
    expect(days).toContain('2025-06-22');
    // Newest of each of the last 12 months: the last day of each earlier month.
    for (const d of [
      '2025-06-30',
      '2025-05-31',
      '2025-04-30',
      '2025-03-31',
      '2025-02-28',
      '2025-01-31',
      '2024-12-31',
      '2024-11-30',
      '2024-10-31',
      '2024-09-30',
      '2024-08-31',
    ]) {
      expect(days).toContain(d);
    }
    expect(days).not.toContain('2024-07-31');
    expect(new Set(days).size).toBe(days.length);
    expect(keep.length).toBe(7 + 2 + 11);
  });

  it('keeps the newest of several backups on the same day', () => {
    const entries = [daily('2025-07-10T01:00:00.000Z'), daily('2025-07-10T09:00:00.000Z'), daily('2025-07-10T03:00:00.000Z')];
    const { keep, remove } = planRotation(entries);
    expect(keep.map((e) => e.createdAt)).toEqual(['2025-07-10T09:00:00.000Z']);
    expect(remove).toHaveLength(2);
  });

  it('keeps the newest 10 of every other kind and never deletes an entry with an unreadable date', () => {
    const other = Array.from({ length: 15 }, (_, i) => ({
      fileName: `m${i}`,
      createdAt: new Date(Date.UTC(2025, 0, 1 + i)).toISOString(),
      reason: 'pre-migration',
    }));
    const weird = { fileName: 'x', createdAt: 'không rõ', reason: 'daily' };
    const { keep, remove } = planRotation([...other, weird]);
    expect(remove.map((e) => e.fileName).sort()).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(keep).toContain(weird);
  });

  it('partitions its input and is independent of input order', () => {
    const entry = fc.record({
      fileName: fc.uuid(),
      createdAt: fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }).map((t) => new Date(t).toISOString()),
      reason: fc.constantFrom('daily', 'manual', 'pre-migration', 'pre-restore'),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 300 }), (entries) => {
        const a = planRotation(entries);
        const b = planRotation([...entries].reverse());
        expect(a.keep.length + a.remove.length).toBe(entries.length);
        expect(new Set(a.remove.map((e) => e.fileName))).toEqual(new Set(b.remove.map((e) => e.fileName)));
        const keptDaily = a.keep.filter((e) => e.reason === 'daily');
        expect(keptDaily.length).toBeLessThanOrEqual(7 + 4 + 12);
        // The newest backup of all is always kept.
        const newest = [...entries].sort((x, y) => Date.parse(y.createdAt) - Date.parse(x.createdAt))[0];
        if (newest)
          expect(
            a.remove.some((e) => e.createdAt === newest.createdAt && e.reason === newest.reason && a.keep.every((k) => k.createdAt !== newest.createdAt)),
          ).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
