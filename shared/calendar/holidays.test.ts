/**
 * Holidays and announced schedules. Expected values are the announced schedules quoted in
 * docs/calendar.md §1.4 (Bộ LĐTBXH notices for 2024 and 2025 incl. VPCP 8726/VPCP-KGVX;
 * Bộ Nội vụ for 2026 incl. VPCP 12729/VPCP-KGVX), written out independently of schedules.ts.
 */
import { describe, expect, it } from 'vitest';
import { addDays, dayOfWeek } from './dates';
import { holidaysOf, isWorkingDay } from './workingDays';
import { isDayOffKind, provisionalHolidaysOf, yearStatus } from './holidays';
import { CalendarError } from './errors';

function everyDay(year: number): string[] {
  const days: string[] = [];
  for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1)) days.push(d);
  return days;
}

/** Weekdays (Mon–Fri) that are not worked, and weekend days that are, scanning every day of the year. */
function exceptions(year: number): { weekdaysOff: string[]; workedWeekendDays: string[] } {
  const weekdaysOff: string[] = [];
  const workedWeekendDays: string[] = [];
  for (const d of everyDay(year)) {
    const w = dayOfWeek(d);
    const weekend = w === 0 || w === 6;
    const working = isWorkingDay(d);
    if (!weekend && !working) weekdaysOff.push(d);
    if (weekend && working) workedWeekendDays.push(d);
  }
  return { weekdaysOff, workedWeekendDays };
}

function expectBreak(from: string, to: string): void {
  expect(isWorkingDay(addDays(from, -1)), `day before ${from}`).toBe(true);
  for (let d = from; d <= to; d = addDays(d, 1)) expect(isWorkingDay(d), d).toBe(false);
  expect(isWorkingDay(addDays(to, 1)), `day after ${to}`).toBe(true);
}

describe('announced schedule 2024', () => {
  it('is official', () => expect(yearStatus(2024)).toBe('official'));

  it('has exactly these weekdays off and worked Saturdays', () => {
    expect(exceptions(2024)).toEqual({
      weekdaysOff: [
        '2024-01-01',
        '2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14',
        '2024-04-18',
        '2024-04-29', '2024-04-30', '2024-05-01',
        '2024-09-02', '2024-09-03',
      ],
      workedWeekendDays: ['2024-05-04'],
    });
  });

  it('gives the announced continuous breaks', () => {
    expectBreak('2023-12-30', '2024-01-01');
    expectBreak('2024-02-08', '2024-02-14');
    expectBreak('2024-04-18', '2024-04-18');
    expectBreak('2024-04-27', '2024-05-01');
    expectBreak('2024-08-31', '2024-09-03');
  });

  it('labels the Tết days, the two nghỉ bù days and the swap', () => {
    const h = holidaysOf(2024);
    expect(h.filter((x) => x.kind === 'compensatory').map((x) => x.date)).toEqual(['2024-02-13', '2024-02-14']);
    expect(h.filter((x) => x.name === 'Tết Âm lịch').map((x) => x.date)).toEqual([
      '2024-02-08', '2024-02-09', '2024-02-10', '2024-02-11', '2024-02-12',
    ]);
    expect(h.find((x) => x.date === '2024-04-29')?.kind).toBe('swapDayOff');
    expect(h.find((x) => x.date === '2024-05-04')?.kind).toBe('makeUpWorkday');
  });
});

describe('announced schedule 2025', () => {
  it('has exactly these weekdays off and worked Saturdays', () => {
    expect(exceptions(2025)).toEqual({
      weekdaysOff: [
        '2025-01-01',
        '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31',
        '2025-04-07',
        '2025-04-30', '2025-05-01', '2025-05-02',
        '2025-09-01', '2025-09-02',
      ],
      workedWeekendDays: ['2025-04-26'],
    });
  });

  it('gives the announced continuous breaks', () => {
    expectBreak('2025-01-01', '2025-01-01');
    expectBreak('2025-01-25', '2025-02-02');
    expectBreak('2025-04-05', '2025-04-07');
    expectBreak('2025-04-30', '2025-05-04');
    expectBreak('2025-08-30', '2025-09-02');
  });
});

describe('announced schedule 2026', () => {
  it('has exactly these weekdays off and worked Saturdays', () => {
    expect(exceptions(2026)).toEqual({
      weekdaysOff: [
        '2026-01-01', '2026-01-02',
        '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20',
        '2026-04-27',
        '2026-04-30', '2026-05-01',
        '2026-08-31', '2026-09-01', '2026-09-02',
      ],
      workedWeekendDays: ['2026-01-10', '2026-08-22'],
    });
  });

  it('gives the announced continuous breaks', () => {
    expectBreak('2026-01-01', '2026-01-04');
    expectBreak('2026-02-14', '2026-02-22');
    expectBreak('2026-04-25', '2026-04-27');
    expectBreak('2026-04-30', '2026-05-03');
    expectBreak('2026-08-29', '2026-09-02');
  });

  it('lists Giỗ Tổ on Sunday 26/04 with nghỉ bù on Monday 27/04', () => {
    const h = holidaysOf(2026);
    expect(h.find((x) => x.date === '2026-04-26')).toEqual({ date: '2026-04-26', name: 'Giỗ Tổ Hùng Vương', kind: 'holiday' });
    expect(h.find((x) => x.date === '2026-04-27')?.kind).toBe('compensatory');
  });
});

describe('holidaysOf', () => {
  it('is sorted, one entry per date, within the year, with Vietnamese names', () => {
    for (const year of [2019, 2024, 2025, 2026, 2027, 2040]) {
      const h = holidaysOf(year);
      const dates = h.map((x) => x.date);
      expect([...dates].sort()).toEqual(dates);
      expect(new Set(dates).size).toBe(dates.length);
      for (const x of h) {
        expect(x.date.startsWith(String(year))).toBe(true);
        expect(x.name.length).toBeGreaterThan(0);
      }
      expect(h.map((x) => x.name)).toContain('Tết Dương lịch');
      expect(h.map((x) => x.name)).toContain('Tết Âm lịch');
    }
  });

  it('returns copies that cannot alter the cached calendar', () => {
    const first = holidaysOf(2025);
    first[0].kind = 'makeUpWorkday';
    first.pop();
    expect(holidaysOf(2025)[0].kind).toBe('holiday');
    expect(isWorkingDay('2025-01-01')).toBe(false);
  });

  it('marks only holiday kinds as days off', () => {
    expect(isDayOffKind('holiday')).toBe(true);
    expect(isDayOffKind('compensatory')).toBe(true);
    expect(isDayOffKind('swapDayOff')).toBe(true);
    expect(isDayOffKind('overrideDayOff')).toBe(true);
    expect(isDayOffKind('makeUpWorkday')).toBe(false);
    expect(isDayOffKind('overrideWorkday')).toBe(false);
  });

  it('refuses years outside 1900–2100', () => {
    expect(() => holidaysOf(2101)).toThrow(CalendarError);
    expect(() => holidaysOf(1899)).toThrow(/phạm vi/);
    expect(holidaysOf(1900).length).toBeGreaterThan(0);
    expect(holidaysOf(2100).length).toBeGreaterThan(0);
  });
});

describe('general rule (provisional years)', () => {
  const dates = (year: number, pred: (name: string) => boolean) =>
    provisionalHolidaysOf(year)
      .filter((h) => pred(h.name))
      .map((h) => h.date);

  it('reproduces the announced Tết of 2024 (incl. both nghỉ bù) and 2025', () => {
    expect(dates(2024, (n) => n.includes('Tết Âm lịch'))).toEqual([
      '2024-02-08', '2024-02-09', '2024-02-10', '2024-02-11', '2024-02-12', '2024-02-13', '2024-02-14',
    ]);
    expect(dates(2025, (n) => n.includes('Tết Âm lịch'))).toEqual(['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']);
  });

  it('picks the announced extra Quốc khánh day for 2024, 2025 and 2026', () => {
    expect(dates(2024, (n) => n.startsWith('Quốc khánh'))).toEqual(['2024-09-02', '2024-09-03']);
    expect(dates(2025, (n) => n.startsWith('Quốc khánh'))).toEqual(['2025-09-01', '2025-09-02']);
    expect(dates(2026, (n) => n.startsWith('Quốc khánh'))).toEqual(['2026-09-01', '2026-09-02']);
  });

  it('gives nghỉ bù for Giỗ Tổ on Sunday 26/04/2026', () => {
    expect(dates(2026, (n) => n.includes('Giỗ Tổ'))).toEqual(['2026-04-26', '2026-04-27']);
  });

  it('marks years without an announcement provisional', () => {
    expect(yearStatus(2027)).toBe('provisional');
    expect(holidaysOf(2027)).toEqual(provisionalHolidaysOf(2027));
  });

  it('2027: 1/5 on Saturday gives nghỉ bù on Monday 03/05; 2/9 Thursday takes Friday 3/9', () => {
    expect(dayOfWeek('2027-05-01')).toBe(6);
    const h = holidaysOf(2027);
    expect(h.find((x) => x.date === '2027-05-03')).toEqual({ date: '2027-05-03', name: 'Nghỉ bù Ngày Quốc tế Lao động 1/5', kind: 'compensatory' });
    expect(dates(2027, (n) => n.startsWith('Quốc khánh'))).toEqual(['2027-09-02', '2027-09-03']);
    expect(dates(2027, (n) => n === 'Giỗ Tổ Hùng Vương')).toEqual(['2027-04-16']);
  });

  it('chains nghỉ bù past other holidays: 30/4 and 1/5 on a weekend give Monday and Tuesday (2022)', () => {
    expect(dayOfWeek('2022-04-30')).toBe(6);
    expect(provisionalHolidaysOf(2022).filter((h) => h.kind === 'compensatory' && h.date.startsWith('2022-05'))).toHaveLength(2);
    expect(dates(2022, (n) => n.startsWith('Nghỉ bù') && !n.includes('Tết'))).toContain('2022-05-02');
    expect(dates(2022, (n) => n.startsWith('Nghỉ bù') && !n.includes('Tết'))).toContain('2022-05-03');
  });

  it('2023: Giỗ Tổ Saturday 29/04, 30/04 Sunday, 1/5 Monday → off 29/04–03/05', () => {
    for (const d of ['2023-04-29', '2023-04-30', '2023-05-01', '2023-05-02', '2023-05-03']) expect(isWorkingDay(d), d).toBe(false);
    expect(isWorkingDay('2023-05-04')).toBe(true);
  });

  it('applies the Labour Code in force: one Quốc khánh day before 2021, no Giỗ Tổ before 2007, 4 Tết days before 2014', () => {
    expect(dates(2019, (n) => n === 'Quốc khánh')).toEqual(['2019-09-02']);
    expect(dates(2005, (n) => n.includes('Giỗ Tổ'))).toEqual([]);
    expect(dates(2010, (n) => n === 'Giỗ Tổ Hùng Vương')).toHaveLength(1);
    expect(dates(2010, (n) => n === 'Tết Âm lịch')).toHaveLength(4);
    expect(dates(2019, (n) => n === 'Tết Âm lịch')).toHaveLength(5);
  });

  it('every statutory day on a weekend has exactly one nghỉ bù on a weekday', () => {
    for (let year = 2021; year <= 2060; year++) {
      const h = provisionalHolidaysOf(year);
      const weekendHolidays = h.filter((x) => x.kind === 'holiday' && [0, 6].includes(dayOfWeek(x.date)));
      const comps = h.filter((x) => x.kind === 'compensatory');
      expect(comps.length, String(year)).toBe(weekendHolidays.length);
      for (const c of comps) expect([0, 6]).not.toContain(dayOfWeek(c.date));
      expect(h.filter((x) => x.kind === 'holiday')).toHaveLength(11);
    }
  });
});
