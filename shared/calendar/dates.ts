/**
 * Plain `YYYY-MM-DD` date strings and their arithmetic, done on integer day numbers
 * (Julian Day Numbers) so nothing depends on the host time zone or on `Date` parsing.
 */
import { z } from 'zod';
import { readDate } from '../text/dates';
import { CalendarError } from './errors';

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
/** Julian Day Number of 1970-01-01. */
const JDN_UNIX_EPOCH = 2_440_588;
/** Day numbers of 0001-01-01 and 9999-12-31: the span a 4-digit year can write. */
const MIN_DN = 1_721_426;
const MAX_DN = 5_373_484;

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

export const WEEKDAY_NAMES_VI = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'] as const;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Julian Day Number of a proleptic Gregorian date (no validation). */
export function dayNumberFromParts(year: number, month: number, day: number): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  return day + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) - 32045;
}

export function partsFromDayNumber(dn: number): DateParts {
  const a = dn + 32044;
  const b = Math.floor((4 * a + 3) / 146097);
  const c = a - Math.floor((146097 * b) / 4);
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return {
    day: e - Math.floor((153 * m + 2) / 5) + 1,
    month: m + 3 - 12 * Math.floor(m / 10),
    year: 100 * b + d - 4800 + Math.floor(m / 10),
  };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function pad4(n: number): string {
  return String(n).padStart(4, '0');
}

export function formatParts(year: number, month: number, day: number): string {
  return `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
}

export function dateFromDayNumber(dn: number): string {
  if (!Number.isInteger(dn) || dn < MIN_DN || dn > MAX_DN) {
    throw new CalendarError('out-of-range', 'Ngày nằm ngoài phạm vi năm 0001–9999.');
  }
  const p = partsFromDayNumber(dn);
  return formatParts(p.year, p.month, p.day);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value === '' ? '(trống)' : value;
  return String(value);
}

function invalidDate(value: unknown): CalendarError {
  return new CalendarError('invalid-date', `Ngày không hợp lệ: ${describe(value)}`);
}

function partsIfValid(year: number, month: number, day: number): DateParts | null {
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

function isoParts(s: unknown): DateParts | null {
  if (typeof s !== 'string') return null;
  const m = ISO_RE.exec(s);
  if (!m) return null;
  return partsIfValid(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** True for a real calendar date written exactly `YYYY-MM-DD` (year 0001–9999). */
export function isValidDate(s: unknown): s is string {
  return isoParts(s) !== null;
}

/** The one zod schema for a stored date: a real calendar date written `YYYY-MM-DD`. */
export const isoDateSchema = z.string().refine(isValidDate, { message: 'Ngày không hợp lệ (định dạng YYYY-MM-DD).' });

/** Year, month and day of a `YYYY-MM-DD` string; throws a CalendarError when it is not a real date. */
export function dateParts(s: string): DateParts {
  const p = isoParts(s);
  if (!p) throw invalidDate(s);
  return p;
}

/**
 * Reads a date typed by a person with the app's one date reader (`shared/text/dates.ts`:
 * dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd, Excel serial numbers) and returns
 * it as `YYYY-MM-DD`. Throws a CalendarError ("Ngày không hợp lệ: …") for anything else,
 * including dates that do not exist such as 2025-02-30.
 */
export function parseDate(s: string): string {
  const r = typeof s === 'string' ? readDate(s) : null;
  if (r?.ok) return r.iso;
  throw invalidDate(s);
}

/** Day numbers of dates already read: screens judge 50,000 tasks against a few thousand distinct dates. */
const dayNumbers = new Map<string, number>();
const DAY_NUMBERS_KEPT = 50_000;

export function toDayNumber(s: string): number {
  const known = dayNumbers.get(s);
  if (known !== undefined) return known;
  const p = dateParts(s);
  const dn = dayNumberFromParts(p.year, p.month, p.day);
  if (dayNumbers.size >= DAY_NUMBERS_KEPT) dayNumbers.clear();
  dayNumbers.set(s, dn);
  return dn;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOfDayNumber(dn: number): number {
  return (dn + 1) % 7;
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  return weekdayOfDayNumber(toDayNumber(date));
}

/** "Thứ Hai", …, "Chủ nhật". */
export function weekdayNameVi(date: string): string {
  return WEEKDAY_NAMES_VI[dayOfWeek(date)];
}

function checkInteger(n: number, what: string): void {
  if (!Number.isInteger(n)) {
    throw new CalendarError('invalid-argument', `${what} phải là số nguyên: ${describe(n)}`);
  }
}

/** `date` plus `n` calendar days (n may be negative). */
export function addDays(date: string, n: number): string {
  checkInteger(n, 'Số ngày');
  return dateFromDayNumber(toDayNumber(date) + n);
}

/** Negative when a < b, 0 when equal, positive when a > b. */
export function compareDates(a: string, b: string): number {
  return Math.sign(toDayNumber(a) - toDayNumber(b));
}

/** Calendar days from `a` to `b`: `daysBetween('2025-01-01', '2025-01-03') === 2`; negative when b < a. */
export function daysBetween(a: string, b: string): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** `dd/mm/yyyy`, the way dates are written in Vietnamese administrative documents. */
export function formatDateVi(date: string): string {
  const p = dateParts(date);
  return `${pad2(p.day)}/${pad2(p.month)}/${pad4(p.year)}`;
}

/** The calendar date in Vietnam (UTC+7, no daylight saving) at the instant `now`, whatever the host time zone. */
export function todayInVietnam(now: Date): string {
  const t = now instanceof Date ? now.getTime() : Number.NaN;
  if (!Number.isFinite(t)) throw new CalendarError('invalid-argument', 'Thời điểm không hợp lệ.');
  return dateFromDayNumber(Math.floor((t + VIETNAM_OFFSET_MS) / MS_PER_DAY) + JDN_UNIX_EPOCH);
}
