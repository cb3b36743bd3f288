import { describe, expect, it } from 'vitest';
import {
  addDays,
  compareDates,
  dateParts,
  dayOfWeek,
  daysBetween,
  formatDateVi,
  isValidDate,
  parseDate,
  todayInVietnam,
  weekdayNameVi,
} from './dates';
import { calendarError } from '../../tests/fixtures/errors';

describe('isValidDate / parseDate', () => {
  it('accepts real dates only', () => {
    expect(isValidDate('2025-02-28')).toBe(true);
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2000-02-29')).toBe(true);
    expect(isValidDate('1900-02-29')).toBe(false);
    expect(isValidDate('2025-02-29')).toBe(false);
    expect(isValidDate('2025-02-30')).toBe(false);
    expect(isValidDate('2025-13-01')).toBe(false);
    expect(isValidDate('2025-00-10')).toBe(false);
    expect(isValidDate('2025-1-01')).toBe(false);
    expect(isValidDate('2025-01-01T00:00')).toBe(false);
    expect(isValidDate('abc')).toBe(false);
    expect(isValidDate('')).toBe(false);
    expect(isValidDate(20250101)).toBe(false);
    expect(isValidDate(null)).toBe(false);
  });

  it('parses ISO and Vietnamese dd/mm/yyyy input to YYYY-MM-DD', () => {
    expect(parseDate('2025-03-04')).toBe('2025-03-04');
    expect(parseDate(' 2025-03-04 ')).toBe('2025-03-04');
    expect(parseDate('04/03/2025')).toBe('2025-03-04');
    expect(parseDate('4/3/2025')).toBe('2025-03-04');
    expect(dateParts('2025-03-04')).toEqual({ year: 2025, month: 3, day: 4 });
  });

  it('throws a typed error with a Vietnamese message', () => {
    expect(calendarError(() => parseDate('2025-02-30')).message).toBe('Ngày không hợp lệ: 2025-02-30');
    expect(calendarError(() => parseDate('abc')).message).toBe('Ngày không hợp lệ: abc');
    expect(calendarError(() => parseDate('30/02/2025')).reason).toBe('invalid-date');
    expect(calendarError(() => parseDate('')).message).toBe('Ngày không hợp lệ: (trống)');
    expect(calendarError(() => dateParts('2025-2-3')).reason).toBe('invalid-date');
  });
});

describe('arithmetic', () => {
  it('adds days across months, leap days and years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addDays('2025-01-01', 365)).toBe('2026-01-01');
    expect(addDays('2025-03-04', 0)).toBe('2025-03-04');
  });

  it('refuses fractional counts and results outside 0001–9999', () => {
    expect(calendarError(() => addDays('2025-01-01', 0.5)).reason).toBe('invalid-argument');
    expect(calendarError(() => addDays('9999-12-31', 1)).reason).toBe('out-of-range');
  });

  it('compares and subtracts', () => {
    expect(compareDates('2025-01-01', '2025-01-02')).toBe(-1);
    expect(compareDates('2025-01-02', '2025-01-02')).toBe(0);
    expect(compareDates('2026-01-01', '2025-12-31')).toBe(1);
    expect(daysBetween('2025-01-01', '2025-01-03')).toBe(2);
    expect(daysBetween('2025-01-03', '2025-01-01')).toBe(-2);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('knows weekdays', () => {
    expect(dayOfWeek('2025-09-02')).toBe(2);
    expect(weekdayNameVi('2025-09-02')).toBe('Thứ Ba');
    expect(weekdayNameVi('2026-04-26')).toBe('Chủ nhật');
    expect(weekdayNameVi('2000-01-01')).toBe('Thứ Bảy');
  });
});

describe('formatDateVi', () => {
  it('writes dd/mm/yyyy', () => {
    expect(formatDateVi('2025-03-04')).toBe('04/03/2025');
    expect(formatDateVi('2025-12-31')).toBe('31/12/2025');
    expect(calendarError(() => formatDateVi('2025-02-30')).reason).toBe('invalid-date');
  });
});

describe('todayInVietnam', () => {
  it('uses UTC+7 whatever the host time zone', () => {
    expect(todayInVietnam(new Date('2025-03-03T16:59:59.999Z'))).toBe('2025-03-03');
    expect(todayInVietnam(new Date('2025-03-03T17:00:00.000Z'))).toBe('2025-03-04');
    expect(todayInVietnam(new Date('2024-12-31T17:00:00Z'))).toBe('2025-01-01');
    expect(todayInVietnam(new Date('2025-06-30T23:30:00-05:00'))).toBe('2025-07-01');
    expect(todayInVietnam(new Date(0))).toBe('1970-01-01');
    expect(todayInVietnam(new Date('1969-12-31T16:00:00Z'))).toBe('1969-12-31');
    expect(todayInVietnam(new Date('1969-12-31T17:00:00Z'))).toBe('1970-01-01');
  });

  it('refuses an invalid Date', () => {
    expect(calendarError(() => todayInVietnam(new Date('nope'))).message).toBe('Thời điểm không hợp lệ.');
  });
});
