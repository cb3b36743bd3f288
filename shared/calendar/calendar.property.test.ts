import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from './dates';
import type { CalendarConfig } from './config';
import { addWorkingDays, isWorkingDay, workingDaysBetween } from './workingDays';
import { lunarToSolar, solarToLunar } from './lunar';

const RUNS = { numRuns: 300 };
const FIRST = '1900-03-01';
const SPAN = daysBetween(FIRST, '2098-12-31');

// Dates late enough to step back and early enough to step forward ~2 years without leaving 1900–2100.
const date = fc.integer({ min: 0, max: SPAN }).map((i) => addDays(FIRST, i));
const count = fc.integer({ min: 1, max: 400 });

const config: CalendarConfig = {
  overrides: [
    { date: '2025-03-04', kind: 'dayOff', note: 'Lễ hội' },
    { date: '2025-03-08', kind: 'workday', note: 'Làm thứ Bảy' },
    { date: '2026-02-23', kind: 'dayOff', note: 'Nghỉ thêm sau Tết' },
  ],
};
const maybeConfig = fc.constantFrom<CalendarConfig | undefined>(undefined, config);
// Dates near the overrides so the config actually matters.
const dateNearOverrides = fc.integer({ min: 0, max: 500 }).map((i) => addDays('2025-01-01', i));
const anyDate = fc.oneof(date, dateNearOverrides);

describe('working-day properties', () => {
  it('addWorkingDays(d, n) is a working day for n ≥ 1', () => {
    fc.assert(
      fc.property(anyDate, count, maybeConfig, (d, n, cfg) => {
        expect(isWorkingDay(addWorkingDays(d, n, cfg), cfg)).toBe(true);
      }),
      RUNS,
    );
  });

  it('addWorkingDays is strictly increasing in n', () => {
    fc.assert(
      fc.property(anyDate, count, count, maybeConfig, (d, a, b, cfg) => {
        fc.pre(a !== b);
        const [lo, hi] = a < b ? [a, b] : [b, a];
        expect(addWorkingDays(d, lo, cfg) < addWorkingDays(d, hi, cfg)).toBe(true);
        expect(addWorkingDays(d, 1, cfg) > d).toBe(true);
      }),
      RUNS,
    );
  });

  it('workingDaysBetween(d, addWorkingDays(d, n)) === n', () => {
    fc.assert(
      fc.property(anyDate, count, maybeConfig, (d, n, cfg) => {
        expect(workingDaysBetween(d, addWorkingDays(d, n, cfg), cfg)).toBe(n);
      }),
      RUNS,
    );
  });

  it('counting back undoes counting forward from a working day', () => {
    fc.assert(
      fc.property(anyDate, count, maybeConfig, (d, n, cfg) => {
        const start = addWorkingDays(d, 0, cfg);
        expect(addWorkingDays(addWorkingDays(start, n, cfg), -n, cfg)).toBe(start);
        expect(workingDaysBetween(addWorkingDays(start, n, cfg), start, cfg)).toBe(-n);
      }),
      RUNS,
    );
  });

  it('workingDaysBetween agrees with a day-by-day count', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 120 }), maybeConfig, (d, span, cfg) => {
        let expected = 0;
        for (let i = 1; i <= span; i++) if (isWorkingDay(addDays(d, i), cfg)) expected++;
        expect(workingDaysBetween(d, addDays(d, span), cfg)).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });
});

describe('lunar properties', () => {
  it('lunarToSolar(solarToLunar(d)) === d on random days', () => {
    fc.assert(
      fc.property(date, (d) => {
        expect(lunarToSolar(solarToLunar(d))).toBe(d);
      }),
      RUNS,
    );
  });
});
