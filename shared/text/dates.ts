/**
 * The one parser for dates people type or files carry, used by every form, every .xlsx import
 * and the calendar: dd/mm/yyyy and d/m/yyyy (also with "-" or "." between the parts),
 * yyyy-mm-dd, and Excel's serial day numbers (45839 = 01/07/2025). Day first always: 05/06/2027
 * is 5 June. Results are `YYYY-MM-DD`; nothing depends on the host's time zone or locale.
 */

export type DateReading = { ok: true; iso: string } | { ok: false; reason: string };

const DMY_RE = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/;
const YMD_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const SERIAL_RE = /^\d{5}$/;
/** Years a date in this app's records may have (a register, a deadline, a term of office). */
export const USER_YEAR_MIN = 1900;
export const USER_YEAR_MAX = 2100;
/** Serial day numbers read as dates: 10000 (1927-05-18) … 73050 (2099-12-31); smaller numbers are more likely counts. */
const SERIAL_MIN = 10_000;
const SERIAL_MAX = 73_050;

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysIn(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function isoOf(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Days since 1970-01-01 of a proleptic Gregorian date. */
function epochDay(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromEpochDay(z0: number): string {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return isoOf(yoe + era * 400 + (month <= 2 ? 1 : 0), month, day);
}

/** Excel's day 0 is 1899-12-30 (for every serial after Excel's phantom 29/02/1900). */
const EXCEL_EPOCH = epochDay(1899, 12, 30);
const EXCEL_1904_EPOCH = epochDay(1904, 1, 1);

/** Serial day number (as a cell stores a date) → `YYYY-MM-DD`; the time of day, if any, is dropped. */
export function serialToIso(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < (date1904 ? 0 : 61) || serial > 2_958_465) return null;
  return fromEpochDay((date1904 ? EXCEL_1904_EPOCH : EXCEL_EPOCH) + Math.floor(serial));
}

export function isoToSerial(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return epochDay(y, m, d) - EXCEL_EPOCH;
}

/** Reads a date without a year range (the calendar accepts 0001–9999); day first. */
export function readDate(text: string, years: { min: number; max: number } = { min: 1, max: 9999 }): DateReading {
  const t = text.normalize('NFC').trim();
  if (!t) return { ok: false, reason: 'Chưa nhập ngày.' };
  let y: number;
  let m: number;
  let d: number;
  let shown: string;
  const dmy = DMY_RE.exec(t);
  const ymd = dmy ? null : YMD_RE.exec(t);
  if (dmy) {
    [d, m, y] = [Number(dmy[1]), Number(dmy[3]), Number(dmy[4])];
    shown = `${pad(d)}/${pad(m)}/${pad(y, 4)}`;
  } else if (ymd) {
    [y, m, d] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
    shown = `${pad(d)}/${pad(m)}/${pad(y, 4)}`;
  } else if (SERIAL_RE.test(t)) {
    const n = Number(t);
    const iso = n >= SERIAL_MIN && n <= SERIAL_MAX ? serialToIso(n) : null;
    if (!iso) return { ok: false, reason: `"${t}" không phải là ngày (dạng dd/mm/yyyy).` };
    return inYears(iso, years);
  } else {
    return { ok: false, reason: `"${t}" không phải là ngày (dạng dd/mm/yyyy).` };
  }
  if (m < 1 || m > 12 || d < 1 || d > daysIn(y, m) || y < 1) return { ok: false, reason: `Ngày ${shown} không có thật.` };
  return inYears(isoOf(y, m, d), years);
}

function inYears(iso: string, years: { min: number; max: number }): DateReading {
  const y = Number(iso.slice(0, 4));
  if (y < years.min || y > years.max) return { ok: false, reason: `Năm ${y} nằm ngoài khoảng ${years.min}–${years.max}.` };
  return { ok: true, iso };
}

/** A date a person typed in a form or a file → `YYYY-MM-DD`, or why not (years 1900–2100). */
export function readUserDate(text: string): DateReading {
  return readDate(text, { min: USER_YEAR_MIN, max: USER_YEAR_MAX });
}

/**
 * Why a typed date is refused, naming its field, or null when it is a real date:
 * "Ngày hoàn thành: Ngày 31/02/2026 không có thật." Forms show it beside the field.
 */
export function userDateProblem(field: string, text: string): string | null {
  if (!text.trim()) return `${field}: chưa nhập ngày (dạng dd/mm/yyyy).`;
  const r = readUserDate(text);
  return r.ok ? null : `${field}: ${r.reason}`;
}

/** "05/01/2026", "5-1-2026", "2026-01-05" or 46027 → "2026-01-05"; null when not a real date. */
export function parseUserDate(text: string): string | null {
  const r = readUserDate(text);
  return r.ok ? r.iso : null;
}

/** `YYYY-MM-DD` → dd/mm/yyyy ("" for null). */
export function formatUserDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}
