import { describe, expect, it } from 'vitest';
import * as calendar from './index';

describe('shared/calendar public API', () => {
  it('works through the index and gives the same answers after the caches are dropped', () => {
    const before = {
      tet: calendar.lunarToSolar({ year: 2030, month: 1, day: 1, leap: false }),
      holidays: calendar.holidaysOf(2026),
      due: calendar.resolveDeadline({ kind: 'workingDays', days: 10, from: '2026-02-10' }),
    };
    calendar.clearCalendarCaches();
    expect(calendar.lunarToSolar({ year: 2030, month: 1, day: 1, leap: false })).toBe(before.tet);
    expect(calendar.holidaysOf(2026)).toEqual(before.holidays);
    expect(calendar.resolveDeadline({ kind: 'workingDays', days: 10, from: '2026-02-10' })).toBe(before.due);
    // 10 working days from Tuesday 10/02/2026 skip the 9-day Tết break (14–22/02).
    expect(before.due).toBe('2026-03-03'); // 11, 12, 13 Feb; 23–27 Feb; 2, 3 Mar
  });

  it('exposes the shipped years and their status', () => {
    expect(calendar.announcedYears()).toEqual([2024, 2025, 2026]);
    for (const y of calendar.announcedYears()) expect(calendar.yearStatus(y)).toBe('official');
    expect(calendar.yearStatus(2023)).toBe('provisional');
  });
});
