import { describe, expect, it } from 'vitest';
import { calendarConfigSchema, calendarOverrideSchema, type CalendarConfig } from './config';
import {
  addWorkingDays,
  dayKind,
  holidaysOf,
  isWorkingDay,
  nextWorkingDay,
  previousWorkingDay,
  workingDayOnOrAfter,
  workingDaysBetween,
} from './workingDays';
import { deadlineRuleSchema, isOverdue, overdueDays, remainingWorkingDays, resolveDeadline } from './deadlines';
import { calendarError } from '../../tests/fixtures/errors';

describe('isWorkingDay', () => {
  it('knows ordinary weekdays and weekends', () => {
    expect(isWorkingDay('2025-03-03')).toBe(true); // Monday
    expect(isWorkingDay('2025-03-07')).toBe(true); // Friday
    expect(isWorkingDay('2025-03-08')).toBe(false); // Saturday
    expect(isWorkingDay('2025-03-09')).toBe(false); // Sunday
  });

  it('knows holidays and make-up Saturdays', () => {
    expect(isWorkingDay('2025-09-02')).toBe(false);
    expect(isWorkingDay('2025-04-26')).toBe(true);
  });
});

describe('addWorkingDays (the day of assignment is not counted)', () => {
  it('counts from the next day', () => {
    expect(addWorkingDays('2025-03-03', 1)).toBe('2025-03-04');
    expect(addWorkingDays('2025-03-03', 3)).toBe('2025-03-06');
    expect(addWorkingDays('2025-03-06', 2)).toBe('2025-03-10'); // over a weekend
  });

  it('assigned on a Saturday, 1 working day is Monday', () => {
    expect(addWorkingDays('2025-03-08', 1)).toBe('2025-03-10');
  });

  it('skips the whole Tết break of 2025', () => {
    expect(addWorkingDays('2025-01-24', 1)).toBe('2025-02-03');
    expect(addWorkingDays('2025-01-23', 2)).toBe('2025-02-03');
  });

  it('counts a make-up Saturday as a working day', () => {
    // Friday 25/04/2025 + 1 = Saturday 26/04 (worked); + 2 = Monday 28/04.
    expect(addWorkingDays('2025-04-25', 1)).toBe('2025-04-26');
    expect(addWorkingDays('2025-04-25', 2)).toBe('2025-04-28');
    // 28, 29 April, then 30/4–4/5 off: the 3rd working day after the 26th is 5 May.
    expect(addWorkingDays('2025-04-26', 3)).toBe('2025-05-05');
  });

  it('crosses years', () => {
    expect(addWorkingDays('2025-12-31', 1)).toBe('2026-01-05');
    expect(addWorkingDays('2025-12-31', 5)).toBe('2026-01-09');
    expect(addWorkingDays('2025-12-31', 6)).toBe('2026-01-10'); // make-up Saturday
    expect(addWorkingDays('2024-01-02', 260)).toBe(addWorkingDays(addWorkingDays('2024-01-02', 200), 60));
  });

  it('n = 0 gives the day itself, or the next working day when it is a day off', () => {
    expect(addWorkingDays('2025-03-05', 0)).toBe('2025-03-05');
    expect(addWorkingDays('2025-03-08', 0)).toBe('2025-03-10');
    expect(addWorkingDays('2025-09-01', 0)).toBe('2025-09-03');
  });

  it('counts backwards for negative n', () => {
    expect(addWorkingDays('2025-03-10', -1)).toBe('2025-03-07');
    expect(addWorkingDays('2025-02-03', -1)).toBe('2025-01-24');
    expect(addWorkingDays('2026-01-05', -1)).toBe('2025-12-31');
    expect(previousWorkingDay('2025-05-05')).toBe('2025-04-29');
  });

  it('refuses non-integers and dates outside 1900–2100', () => {
    expect(calendarError(() => addWorkingDays('2025-03-03', 1.5)).message).toBe('Số ngày làm việc phải là số nguyên: 1.5');
    expect(calendarError(() => addWorkingDays('2025-03-03', Number.NaN)).reason).toBe('invalid-argument');
    expect(calendarError(() => addWorkingDays('2101-01-03', 1)).reason).toBe('out-of-range');
    expect(calendarError(() => addWorkingDays('2100-12-31', 1)).reason).toBe('out-of-range');
    expect(calendarError(() => addWorkingDays('1900-01-01', -1)).reason).toBe('out-of-range');
    expect(calendarError(() => addWorkingDays('abc', 1)).message).toBe('Ngày không hợp lệ: abc');
  });
});

describe('workingDaysBetween, nextWorkingDay', () => {
  it('counts working days in (a, b]', () => {
    expect(workingDaysBetween('2025-03-03', '2025-03-03')).toBe(0);
    expect(workingDaysBetween('2025-03-03', '2025-03-10')).toBe(5);
    expect(workingDaysBetween('2025-03-10', '2025-03-03')).toBe(-5);
    expect(workingDaysBetween('2025-01-24', '2025-02-03')).toBe(1);
    expect(workingDaysBetween('2024-12-31', '2025-12-31')).toBe(
      // 261 weekdays in 2025, 12 weekdays off (incl. the swapped 2/5), +1 make-up Saturday.
      261 - 12 + 1,
    );
  });

  it('spans several years', () => {
    const a = workingDaysBetween('2023-06-15', '2024-06-15');
    const b = workingDaysBetween('2024-06-15', '2026-06-15');
    expect(workingDaysBetween('2023-06-15', '2026-06-15')).toBe(a + b);
  });

  it('nextWorkingDay is strictly after; workingDayOnOrAfter may be the same day', () => {
    expect(nextWorkingDay('2025-03-05')).toBe('2025-03-06');
    expect(nextWorkingDay('2025-03-07')).toBe('2025-03-10');
    expect(nextWorkingDay('2026-08-21')).toBe('2026-08-22');
    expect(workingDayOnOrAfter('2025-03-05')).toBe('2025-03-05');
    expect(workingDayOnOrAfter('2026-02-14')).toBe('2026-02-23');
  });
});

describe('CalendarConfig overrides', () => {
  const config: CalendarConfig = {
    overrides: [
      { date: '2025-03-04', kind: 'dayOff', note: 'Lễ hội truyền thống của xã' },
      { date: '2025-03-08', kind: 'workday', note: 'Làm việc thứ Bảy phục vụ bầu cử' },
    ],
  };

  it('an extra day off and a worked Saturday change the results', () => {
    expect(isWorkingDay('2025-03-04')).toBe(true);
    expect(isWorkingDay('2025-03-04', config)).toBe(false);
    expect(isWorkingDay('2025-03-08')).toBe(false);
    expect(isWorkingDay('2025-03-08', config)).toBe(true);

    expect(addWorkingDays('2025-03-03', 1)).toBe('2025-03-04');
    expect(addWorkingDays('2025-03-03', 1, config)).toBe('2025-03-05');
    expect(addWorkingDays('2025-03-07', 1, config)).toBe('2025-03-08');
    expect(addWorkingDays('2025-03-03', 5)).toBe('2025-03-10');
    // One day lost (4th) and one gained (8th).
    expect(addWorkingDays('2025-03-03', 5, config)).toBe('2025-03-10');
    expect(workingDaysBetween('2025-03-03', '2025-03-08')).toBe(4);
    expect(workingDaysBetween('2025-03-03', '2025-03-08', config)).toBe(4);
    expect(workingDaysBetween('2025-03-03', '2025-03-07', config)).toBe(3);
  });

  it('appears in holidaysOf and dayKind, replacing a built-in entry on the same date', () => {
    const onHoliday: CalendarConfig = { overrides: [{ date: '2025-09-02', kind: 'workday', note: 'Trực Quốc khánh' }] };
    expect(isWorkingDay('2025-09-02', onHoliday)).toBe(true);
    const h = holidaysOf(2025, onHoliday);
    expect(h.filter((x) => x.date === '2025-09-02')).toEqual([{ date: '2025-09-02', name: 'Trực Quốc khánh', kind: 'overrideWorkday' }]);
    expect(holidaysOf(2025, config).find((x) => x.date === '2025-03-04')).toEqual({
      date: '2025-03-04',
      name: 'Lễ hội truyền thống của xã',
      kind: 'overrideDayOff',
    });
    expect(dayKind('2025-03-08', config)).toMatchObject({ working: true, weekend: true, kind: 'overrideWorkday', labels: ['Làm việc thứ Bảy phục vụ bầu cử'] });
    // Other years and other configs are untouched.
    expect(holidaysOf(2024, config)).toEqual(holidaysOf(2024));
    expect(isWorkingDay('2025-03-04', { overrides: [] })).toBe(true);
  });

  it('validates override rows with zod', () => {
    expect(calendarOverrideSchema.safeParse({ date: '2025-03-04', kind: 'dayOff', note: 'Lễ hội' }).success).toBe(true);
    expect(calendarOverrideSchema.safeParse({ date: '2025-02-30', kind: 'dayOff', note: 'x' }).success).toBe(false);
    expect(calendarOverrideSchema.safeParse({ date: '2025-03-04', kind: 'holiday', note: 'x' }).success).toBe(false);
    expect(calendarOverrideSchema.safeParse({ date: '2025-03-04', kind: 'dayOff', note: '  ' }).success).toBe(false);
    expect(calendarConfigSchema.safeParse(config).success).toBe(true);
    expect(
      calendarConfigSchema.safeParse({
        overrides: [
          { date: '2025-03-04', kind: 'dayOff', note: 'a' },
          { date: '2025-03-04', kind: 'workday', note: 'b' },
        ],
      }).success,
    ).toBe(false);
  });

  it('rejects an override with an impossible date when used', () => {
    const bad: CalendarConfig = { overrides: [{ date: '2025-13-01', kind: 'dayOff', note: 'x' }] };
    expect(calendarError(() => isWorkingDay('2025-03-03', bad)).message).toBe('Ngày không hợp lệ: 2025-13-01');
  });
});

describe('dayKind', () => {
  it('describes a holiday on a weekend, a make-up Saturday, a weekend and an ordinary day', () => {
    expect(dayKind('2024-02-10')).toEqual({
      date: '2024-02-10',
      working: false,
      weekend: true,
      weekday: 'Thứ Bảy',
      kind: 'holiday',
      labels: ['Tết Âm lịch'],
      provisional: false,
      lunar: { year: 2024, month: 1, day: 1, leap: false },
    });
    expect(dayKind('2025-04-26')).toMatchObject({ working: true, weekend: true, kind: 'makeUpWorkday', labels: ['Làm bù cho thứ Sáu 02/05/2025'] });
    expect(dayKind('2025-03-09')).toMatchObject({ working: false, weekend: true, weekday: 'Chủ nhật', kind: null, labels: ['Nghỉ cuối tuần'] });
    expect(dayKind('2025-03-05')).toMatchObject({ working: true, weekend: false, weekday: 'Thứ Tư', kind: null, labels: [] });
    expect(dayKind('2030-03-05').provisional).toBe(true);
  });
});

describe('deadlines', () => {
  it('resolves a working-day rule from the day after assignment', () => {
    expect(resolveDeadline({ kind: 'workingDays', days: 3, from: '2025-03-03' })).toBe('2025-03-06');
    expect(resolveDeadline({ kind: 'workingDays', days: 15, from: '2025-01-20' })).toBe('2025-02-17');
    expect(resolveDeadline({ kind: 'workingDays', days: 0, from: '2025-03-08' })).toBe('2025-03-10');
  });

  it('moves a fixed or calendar-day deadline that falls on a day off to the next working day', () => {
    expect(resolveDeadline({ kind: 'fixed', date: '2025-03-07' })).toBe('2025-03-07');
    expect(resolveDeadline({ kind: 'fixed', date: '2025-03-08' })).toBe('2025-03-10');
    expect(resolveDeadline({ kind: 'fixed', date: '2025-01-28' })).toBe('2025-02-03');
    expect(resolveDeadline({ kind: 'calendarDays', days: 5, from: '2025-03-03' })).toBe('2025-03-10');
    expect(resolveDeadline({ kind: 'calendarDays', days: 2, from: '2025-03-03' })).toBe('2025-03-05');
  });

  it('respects the installation calendar', () => {
    const config: CalendarConfig = { overrides: [{ date: '2025-03-06', kind: 'dayOff', note: 'Nghỉ' }] };
    expect(resolveDeadline({ kind: 'workingDays', days: 3, from: '2025-03-03' }, config)).toBe('2025-03-07');
    expect(resolveDeadline({ kind: 'fixed', date: '2025-03-06' }, config)).toBe('2025-03-07');
  });

  it('refuses negative or fractional day counts', () => {
    expect(calendarError(() => resolveDeadline({ kind: 'workingDays', days: -1, from: '2025-03-03' })).reason).toBe('invalid-argument');
    expect(calendarError(() => resolveDeadline({ kind: 'calendarDays', days: 0.5, from: '2025-03-03' })).reason).toBe('invalid-argument');
    expect(deadlineRuleSchema.safeParse({ kind: 'workingDays', days: 5, from: '2025-03-03' }).success).toBe(true);
    expect(deadlineRuleSchema.safeParse({ kind: 'workingDays', days: -5, from: '2025-03-03' }).success).toBe(false);
    expect(deadlineRuleSchema.safeParse({ kind: 'fixed', date: '2025-02-29' }).success).toBe(false);
  });

  it('remainingWorkingDays counts working days left, 0 on the due day and after', () => {
    expect(remainingWorkingDays('2025-03-07', '2025-03-03')).toBe(4);
    expect(remainingWorkingDays('2025-03-07', '2025-03-06')).toBe(1);
    expect(remainingWorkingDays('2025-03-07', '2025-03-07')).toBe(0);
    expect(remainingWorkingDays('2025-03-07', '2025-03-12')).toBe(0);
    // Over the 2025 Tết break: only 24/01 and 03/02 are working days in (23/01, 03/02].
    expect(remainingWorkingDays('2025-02-03', '2025-01-23')).toBe(2);
    // Due on a Saturday: effectively Monday.
    expect(remainingWorkingDays('2025-03-08', '2025-03-07')).toBe(1);
  });

  it('overdueDays counts calendar days after the (effective) due date', () => {
    expect(overdueDays('2025-03-07', '2025-03-07')).toBe(0);
    expect(overdueDays('2025-03-07', '2025-03-06')).toBe(0);
    expect(overdueDays('2025-03-07', '2025-03-08')).toBe(1);
    expect(overdueDays('2025-03-07', '2025-04-06')).toBe(30);
    expect(overdueDays('2025-03-08', '2025-03-10')).toBe(0);
    expect(overdueDays('2025-03-08', '2025-03-11')).toBe(1);
    expect(isOverdue('2025-03-07', '2025-03-07')).toBe(false);
    expect(isOverdue('2025-03-07', '2025-03-08')).toBe(true);
  });
});
