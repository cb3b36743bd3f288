import { describe, expect, it } from 'vitest';
import { dayOfWeek, leapMonthOf, lunarMonthsOf, type CalendarConfig } from '@shared/calendar';
import { holidayRanges, yearModel } from './yearModel';

describe('yearModel', () => {
  const months = yearModel(2026, undefined);
  const find = (date: string) => months.flatMap((m) => m.days).find((d) => d.date === date)!;

  it('lays out every day of the year, Monday first', () => {
    expect(months.map((m) => m.days.length)).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    for (const m of months) {
      const first = m.days[0];
      expect(m.lead).toBe((dayOfWeek(first.date) + 6) % 7);
      expect(first.column).toBe(m.lead);
    }
    // 2026-03-01 is a Sunday: six empty cells before it.
    expect(months[2].lead).toBe(6);
  });

  it('classes days by the calendar and labels them with the lunar date', () => {
    expect(find('2026-02-17')).toMatchObject({ cls: 'holiday', working: false, lunarLabel: '1/1', lunarFirst: true });
    expect(find('2026-02-17').lines).toEqual(['Thứ Ba, 17/02/2026', 'Âm lịch: 1 tháng Giêng năm Bính Ngọ', 'Tết Âm lịch', 'Nghỉ làm']);
    expect(find('2026-08-22')).toMatchObject({ cls: 'makeUpWorkday', working: true });
    expect(find('2026-04-27')).toMatchObject({ cls: 'compensatory', working: false });
    expect(find('2026-01-02')).toMatchObject({ cls: 'swapDayOff', working: false });
    expect(find('2026-03-08')).toMatchObject({ cls: 'weekend', working: false });
    expect(find('2026-03-09')).toMatchObject({ cls: 'workday', working: true, lines: ['Thứ Hai, 09/03/2026', 'Âm lịch: 21 tháng Giêng năm Bính Ngọ'] });
  });

  it('marks leap-month days with "n"', () => {
    const leap = leapMonthOf(2025);
    expect(leap).not.toBeNull();
    const start = lunarMonthsOf(2025).find((m) => m.leap)!.start;
    const cell = yearModel(Number(start.slice(0, 4)), undefined)
      .flatMap((m) => m.days)
      .find((d) => d.date === start)!;
    expect(cell.lunarLabel).toBe(`1/${leap}n`);
  });

  it('shows installation overrides', () => {
    const config: CalendarConfig = { overrides: [{ date: '2026-03-09', kind: 'dayOff', note: 'Lễ hội' }] };
    const cell = yearModel(2026, config)[2].days[8];
    expect(cell).toMatchObject({ date: '2026-03-09', cls: 'overrideDayOff', working: false });
    expect(cell.lines).toContain('Lễ hội');
  });
});

describe('holidayRanges', () => {
  it('folds consecutive days with the same name and kind', () => {
    const ranges = holidayRanges(2026, undefined);
    expect(ranges.find((r) => r.name === 'Tết Âm lịch')).toEqual({ from: '2026-02-16', to: '2026-02-20', days: 5, name: 'Tết Âm lịch', kind: 'holiday', off: true });
    expect(ranges.find((r) => r.name === 'Quốc khánh')).toMatchObject({ from: '2026-09-01', to: '2026-09-02', days: 2 });
    // 30/4 and 1/5 are adjacent but different holidays.
    expect(ranges.filter((r) => r.from === '2026-04-30' || r.from === '2026-05-01').map((r) => r.days)).toEqual([1, 1]);
    expect(ranges.find((r) => r.kind === 'makeUpWorkday' && r.from === '2026-08-22')?.off).toBe(false);
  });
});
