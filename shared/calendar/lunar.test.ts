/**
 * Lunar calendar vectors.
 *
 * Sources:
 * - Tết and Giỗ Tổ dates: Hồ Ngọc Đức, "Âm lịch Việt Nam", published year tables (TK21,
 *   years 2000–2099, one code per year: Tết offset, month lengths, leap month), decoded by
 *   hand; published Vietnamese calendars (`amlich`, tz=7) give the same dates,
 *   `@dqcai/vn-lunar` and `date-holidays` for 2000–2040. Tết 2024/2025/2026 and Giỗ Tổ
 *   2024/2025/2026 also appear in the government announcements recorded in docs/calendar.md §1.4.
 * - Years where Vietnam and China differ: 2007 (VN 17/02, CN 18/02) from viet-jo.com
 *   (06/07/2006, quoting the Vietnamese calendar office, which also names 1968, 1969, 2030
 *   and 2053); 2030 and 2053 from scienceinfo.net "Why is the Vietnamese and Chinese New
 *   Year a day different?"; 1985 (VN 21/01, CN 20/02: a month apart, different month 11)
 *   from Hồ Ngọc Đức's notes on the Vietnamese calendar; 1968 (Hanoi 29/01, Beijing 30/01)
 *   from Aslaksen, "The Mathematics of the Chinese Calendar" (the Tết Offensive example).
 * - Leap months: the same TK21 table (2020: 4, 2023: 2, 2025: 6, 2033: 11, …).
 */
import { describe, expect, it } from 'vitest';
import { addDays, compareDates } from './dates';
import { formatLunarVi, leapMonthOf, lunarMonthsOf, lunarNewYearAt, lunarToSolar, lunarYearName, solarToLunar } from './lunar';
import { calendarError } from '../../tests/fixtures/errors';

const TET: Record<number, string> = {
  2000: '2000-02-05', 2001: '2001-01-24', 2002: '2002-02-12', 2003: '2003-02-01', 2004: '2004-01-22',
  2005: '2005-02-09', 2006: '2006-01-29', 2007: '2007-02-17', 2008: '2008-02-07', 2009: '2009-01-26',
  2010: '2010-02-14', 2011: '2011-02-03', 2012: '2012-01-23', 2013: '2013-02-10', 2014: '2014-01-31',
  2015: '2015-02-19', 2016: '2016-02-08', 2017: '2017-01-28', 2018: '2018-02-16', 2019: '2019-02-05',
  2020: '2020-01-25', 2021: '2021-02-12', 2022: '2022-02-01', 2023: '2023-01-22', 2024: '2024-02-10',
  2025: '2025-01-29', 2026: '2026-02-17', 2027: '2027-02-06', 2028: '2028-01-26', 2029: '2029-02-13',
  2030: '2030-02-02', 2031: '2031-01-23', 2032: '2032-02-11', 2033: '2033-01-31', 2034: '2034-02-19',
  2035: '2035-02-08', 2036: '2036-01-28', 2037: '2037-02-15', 2038: '2038-02-04', 2039: '2039-01-24',
  2040: '2040-02-12',
};

const GIO_TO: Record<number, string> = {
  2020: '2020-04-02', 2021: '2021-04-21', 2022: '2022-04-10', 2023: '2023-04-29', 2024: '2024-04-18',
  2025: '2025-04-07', 2026: '2026-04-26', 2027: '2027-04-16', 2028: '2028-04-04', 2029: '2029-04-23',
  2030: '2030-04-12', 2031: '2031-04-01', 2032: '2032-04-19', 2033: '2033-04-09', 2034: '2034-04-28',
  2035: '2035-04-17',
};

describe('Tết Nguyên Đán 2000–2040', () => {
  for (const [year, date] of Object.entries(TET)) {
    it(`${year}: ${date}`, () => {
      expect(lunarToSolar({ year: Number(year), month: 1, day: 1, leap: false })).toBe(date);
      expect(solarToLunar(date)).toEqual({ year: Number(year), month: 1, day: 1, leap: false });
      // The day before is the last day of the previous lunar year's 12th month.
      const eve = solarToLunar(addDays(date, -1));
      expect(eve.year).toBe(Number(year) - 1);
      expect(eve.month).toBe(12);
      expect(eve.day === 29 || eve.day === 30).toBe(true);
    });
  }
});

describe('Giỗ Tổ Hùng Vương (10/3 âm lịch) 2020–2035', () => {
  for (const [year, date] of Object.entries(GIO_TO)) {
    it(`${year}: ${date}`, () => {
      expect(lunarToSolar({ year: Number(year), month: 3, day: 10, leap: false })).toBe(date);
      expect(solarToLunar(date)).toEqual({ year: Number(year), month: 3, day: 10, leap: false });
    });
  }
});

describe('years where the Vietnamese (UTC+7) and Chinese (UTC+8) calendars differ', () => {
  const cases = [
    { year: 1968, vn: '1968-01-29', cn: '1968-01-30' },
    { year: 1985, vn: '1985-01-21', cn: '1985-02-20' },
    { year: 2007, vn: '2007-02-17', cn: '2007-02-18' },
    { year: 2030, vn: '2030-02-02', cn: '2030-02-03' },
    { year: 2053, vn: '2053-02-18', cn: '2053-02-19' },
  ];
  for (const c of cases) {
    it(`${c.year}: Việt Nam ${c.vn}, China ${c.cn}`, () => {
      expect(lunarToSolar({ year: c.year, month: 1, day: 1, leap: false })).toBe(c.vn);
      // The same code at UTC+8 gives the Chinese date: the difference is only the meridian.
      expect(lunarNewYearAt(c.year, 8)).toBe(c.cn);
    });
  }

  it('agrees with the UTC+8 result in an ordinary year', () => {
    expect(lunarNewYearAt(2025, 8)).toBe(lunarNewYearAt(2025, 7));
  });

  it('1985: Vietnam had 1 month more between the 1984 and 1985 new years (20/02/1985 is 1/2 âm lịch)', () => {
    expect(solarToLunar('1985-02-20')).toEqual({ year: 1985, month: 2, day: 1, leap: false });
  });
});

describe('leap months', () => {
  const leapYears: [number, number][] = [
    [2017, 6], [2020, 4], [2023, 2], [2025, 6], [2028, 5], [2031, 3], [2033, 11], [2036, 6], [2039, 5],
  ];
  for (const [year, month] of leapYears) {
    it(`${year} has leap month ${month}`, () => {
      expect(leapMonthOf(year)).toBe(month);
      const months = lunarMonthsOf(year);
      expect(months).toHaveLength(13);
      const i = months.findIndex((m) => m.leap);
      expect(months[i].month).toBe(month);
      expect(months[i - 1]).toMatchObject({ month, leap: false });
    });
  }
  for (const year of [2021, 2022, 2024, 2026, 2027]) {
    it(`${year} has no leap month`, () => {
      expect(leapMonthOf(year)).toBeNull();
      expect(lunarMonthsOf(year).map((m) => m.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    });
  }

  it('places the leap 6th month of 2025 from 25/07/2025 to 22/08/2025', () => {
    expect(lunarToSolar({ year: 2025, month: 6, day: 1, leap: true })).toBe('2025-07-25');
    expect(solarToLunar('2025-08-22')).toEqual({ year: 2025, month: 6, day: 29, leap: true });
    expect(solarToLunar('2025-08-23')).toEqual({ year: 2025, month: 7, day: 1, leap: false });
  });

  it('2033 leap 11th month belongs to lunar year 2033 and ends in January 2034', () => {
    const leap11 = lunarToSolar({ year: 2033, month: 11, day: 1, leap: true });
    expect(compareDates(leap11, '2033-12-01')).toBeGreaterThan(0);
    expect(solarToLunar(leap11)).toEqual({ year: 2033, month: 11, day: 1, leap: true });
  });
});

describe('every day 1900-01-31 … 2100-12-31', () => {
  it('round-trips and advances one lunar day at a time', () => {
    let date = '1900-01-31';
    let prev = solarToLunar(date);
    expect(prev).toEqual({ year: 1900, month: 1, day: 1, leap: false });
    let count = 0;
    let monthsSeen = 0;
    for (;;) {
      const lunar = solarToLunar(date);
      if (lunarToSolar(lunar) !== date) throw new Error(`round trip failed on ${date}: ${JSON.stringify(lunar)}`);
      if (count > 0) {
        const sameMonth = lunar.year === prev.year && lunar.month === prev.month && lunar.leap === prev.leap;
        if (sameMonth ? lunar.day !== prev.day + 1 : lunar.day !== 1 || prev.day < 29 || prev.day > 30) {
          throw new Error(`discontinuity on ${date}: ${JSON.stringify(prev)} → ${JSON.stringify(lunar)}`);
        }
        if (!sameMonth) monthsSeen++;
      }
      prev = lunar;
      count++;
      if (date === '2100-12-31') break;
      date = addDays(date, 1);
    }
    expect(count).toBe(73_384);
    // 201 years of about 12.37 lunations.
    expect(monthsSeen).toBeGreaterThan(2480);
    expect(monthsSeen).toBeLessThan(2490);
  });
});

describe('errors', () => {

  it('rejects a leap month the year does not have', () => {
    const e = calendarError(() => lunarToSolar({ year: 2024, month: 6, day: 1, leap: true }));
    expect(e.code).toBe('invalid-input');
    expect(e.reason).toBe('invalid-lunar-date');
    expect(e.message).toBe('Năm âm lịch 2024 không có tháng 6 nhuận.');
  });

  it('rejects day 30 of a 29-day month', () => {
    const short = lunarMonthsOf(2024).find((m) => m.length === 29);
    expect(short).toBeDefined();
    const e = calendarError(() => lunarToSolar({ year: 2024, month: short!.month, day: 30, leap: false }));
    expect(e.reason).toBe('invalid-lunar-date');
    expect(e.message).toContain('Ngày âm lịch không tồn tại');
    expect(e.message).toContain('29 ngày');
  });

  it('rejects malformed lunar dates', () => {
    expect(calendarError(() => lunarToSolar({ year: 2024, month: 13, day: 1, leap: false })).reason).toBe('invalid-lunar-date');
    expect(calendarError(() => lunarToSolar({ year: 2024, month: 1, day: 0, leap: false })).reason).toBe('invalid-lunar-date');
    expect(calendarError(() => lunarToSolar({ year: 2024.5, month: 1, day: 1, leap: false })).reason).toBe('invalid-lunar-date');
  });

  it('rejects dates outside 1900–2100 with a Vietnamese message', () => {
    const before = calendarError(() => solarToLunar('1899-12-31'));
    expect(before.reason).toBe('out-of-range');
    expect(before.message).toContain('Ngày nằm ngoài phạm vi lịch âm');
    expect(calendarError(() => solarToLunar('2101-01-01')).reason).toBe('out-of-range');
    expect(calendarError(() => lunarToSolar({ year: 2101, month: 1, day: 1, leap: false })).reason).toBe('out-of-range');
    // Lunar 12th month of 2100 starts on 31/12/2100 and runs into 2101.
    expect(lunarToSolar({ year: 2100, month: 12, day: 1, leap: false })).toBe('2100-12-31');
    expect(calendarError(() => lunarToSolar({ year: 2100, month: 12, day: 2, leap: false })).reason).toBe('out-of-range');
  });

  it('rejects an invalid solar date', () => {
    const e = calendarError(() => solarToLunar('2025-02-30'));
    expect(e.reason).toBe('invalid-date');
    expect(e.message).toBe('Ngày không hợp lệ: 2025-02-30');
  });
});

describe('names', () => {
  it('names years and formats lunar dates in Vietnamese', () => {
    expect(lunarYearName(2025)).toBe('Ất Tỵ');
    expect(lunarYearName(2026)).toBe('Bính Ngọ');
    expect(lunarYearName(2024)).toBe('Giáp Thìn');
    expect(formatLunarVi(solarToLunar('2024-02-08'))).toBe('29 tháng Chạp năm Quý Mão');
    expect(formatLunarVi(solarToLunar('2025-07-25'))).toBe('1 tháng 6 nhuận năm Ất Tỵ');
  });
});
