/**
 * Vietnamese lunisolar calendar (âm lịch), computed astronomically for the UTC+7 meridian
 * following the published method of Hồ Ngọc Đức's "Âm lịch Việt Nam" (written here from
 * the description, not copied): new moons from Meeus' truncated lunation series, solar
 * longitude from Meeus' low-precision formula, and the rules
 *   1. a month starts on the local day that contains the new moon;
 *   2. the month containing the winter solstice (270°) is month 11;
 *   3. between two month-11 starts 13 new moons mean a leap year: the first month after
 *      month 11 without a major solar term (a multiple of 30°) is leap and repeats the
 *      number of the month before it.
 * The time zone is a parameter only so tests can show that UTC+8 gives the Chinese dates;
 * the public functions always use 7.
 * Supported: solar dates 1900-01-01 … 2100-12-31. Tables are built per year on first use.
 */
import { CalendarError } from './errors';
import { dateFromDayNumber, dayNumberFromParts, partsFromDayNumber, toDayNumber } from './dates';

export interface LunarDate {
  year: number;
  month: number;
  day: number;
  leap: boolean;
}

export interface LunarMonth {
  month: number;
  leap: boolean;
  /** Day number (JDN) of day 1. */
  start: number;
  /** 29 or 30. */
  length: number;
}

export const VIETNAM_TZ = 7;
export const LUNAR_MIN_DATE = '1900-01-01';
export const LUNAR_MAX_DATE = '2100-12-31';
const MIN_DN = dayNumberFromParts(1900, 1, 1);
const MAX_DN = dayNumberFromParts(2100, 12, 31);

const RAD = Math.PI / 180;
const SYNODIC_MONTH = 29.530588853;
/** JDN of 1900-01-01, the day of lunation k = 0 in the series below. */
const K0_DAY = 2_415_021;

/** Julian Ephemeris-corrected instant (UT) of new moon number k, counted from January 1900. */
function newMoonInstant(k: number): number {
  const t = k / 1236.85;
  const t2 = t * t;
  const t3 = t2 * t;
  const mean =
    2_415_020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3 + 0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * RAD);
  const sunAnomaly = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * RAD;
  const moonAnomaly = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * RAD;
  const latitudeArg = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * RAD;
  const correction =
    (0.1734 - 0.000393 * t) * Math.sin(sunAnomaly) +
    0.0021 * Math.sin(2 * sunAnomaly) -
    0.4068 * Math.sin(moonAnomaly) +
    0.0161 * Math.sin(2 * moonAnomaly) -
    0.0004 * Math.sin(3 * moonAnomaly) +
    0.0104 * Math.sin(2 * latitudeArg) -
    0.0051 * Math.sin(sunAnomaly + moonAnomaly) -
    0.0074 * Math.sin(sunAnomaly - moonAnomaly) +
    0.0004 * Math.sin(2 * latitudeArg + sunAnomaly) -
    0.0004 * Math.sin(2 * latitudeArg - sunAnomaly) -
    0.0006 * Math.sin(2 * latitudeArg + moonAnomaly) +
    0.001 * Math.sin(2 * latitudeArg - moonAnomaly) +
    0.0005 * Math.sin(2 * moonAnomaly + sunAnomaly);
  // ΔT (TT − UT) in days, two polynomial fits split at 1900 − 11 centuries.
  const deltaT =
    t < -11
      ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
      : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return mean + correction - deltaT;
}

/** Local day number of new moon k. */
function newMoonDay(k: number, tz: number): number {
  return Math.floor(newMoonInstant(k) + 0.5 + tz / 24);
}

/** Apparent solar longitude in radians, [0, 2π), at Julian date jd. */
function sunLongitude(jd: number): number {
  const t = (jd - 2_451_545.0) / 36_525;
  const t2 = t * t;
  const anomaly = (357.5291 + 35_999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * RAD;
  const meanLongitude = 280.46645 + 36_000.76983 * t + 0.0003032 * t2;
  const center =
    (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(anomaly) +
    (0.019993 - 0.000101 * t) * Math.sin(2 * anomaly) +
    0.00029 * Math.sin(3 * anomaly);
  const omega = (125.04 - 1934.136 * t) * RAD;
  const apparent = (meanLongitude + center - 0.00569 - 0.00478 * Math.sin(omega)) * RAD;
  const full = 2 * Math.PI;
  return apparent - full * Math.floor(apparent / full);
}

/** 30° sector (0…11) of the solar longitude at local midnight starting day `dn`; sector 9 starts at the winter solstice. */
function sunSector(dn: number, tz: number): number {
  return Math.floor(sunLongitude(dn - 0.5 - tz / 24) / (Math.PI / 6));
}

interface Month11 {
  k: number;
  start: number;
}

/** The start of the lunar month 11 that contains the winter solstice of Gregorian `year`. */
function month11(year: number, tz: number): Month11 {
  const k = Math.floor((dayNumberFromParts(year, 12, 31) - K0_DAY) / SYNODIC_MONTH);
  const start = newMoonDay(k, tz);
  // The last new moon before 31 Dec started its month after the solstice: month 11 is the one before.
  if (sunSector(start, tz) >= 9) return { k: k - 1, start: newMoonDay(k - 1, tz) };
  return { k, start };
}

interface LabelledMonth extends LunarMonth {
  lunarYear: number;
}

/** Months from month 11 of `year - 1` up to (not including) month 11 of `year`, labelled. */
function suiMonths(year: number, tz: number): LabelledMonth[] {
  const from = month11(year - 1, tz);
  const to = month11(year, tz);
  const count = Math.round((to.start - from.start) / SYNODIC_MONTH);
  const starts: number[] = [];
  for (let i = 0; i <= count; i++) starts.push(i === 0 ? from.start : i === count ? to.start : newMoonDay(from.k + i, tz));
  let leapOffset = -1;
  if (count === 13) {
    for (let i = 1; i < 13; i++) {
      if (sunSector(starts[i], tz) === sunSector(starts[i + 1], tz)) {
        leapOffset = i;
        break;
      }
    }
  }
  const months: LabelledMonth[] = [];
  for (let i = 0; i < count; i++) {
    const position = leapOffset >= 0 && i >= leapOffset ? i - 1 : i;
    const month = ((10 + position) % 12) + 1;
    months.push({
      month,
      leap: i === leapOffset,
      start: starts[i],
      length: starts[i + 1] - starts[i],
      lunarYear: month >= 11 ? year - 1 : year,
    });
  }
  return months;
}

const yearCache = new Map<string, LunarMonth[]>();

/** The months of lunar year `year`, from Tết to the day before the next Tết (cached). */
function lunarYearMonths(year: number, tz: number): LunarMonth[] {
  const key = `${tz}:${year}`;
  let months = yearCache.get(key);
  if (!months) {
    months = [...suiMonths(year, tz), ...suiMonths(year + 1, tz)]
      .filter((m) => m.lunarYear === year)
      .map(({ month, leap, start, length }) => ({ month, leap, start, length }));
    yearCache.set(key, months);
  }
  return months;
}

function outOfRange(what: string): CalendarError {
  return new CalendarError('out-of-range', `Ngày nằm ngoài phạm vi lịch âm được hỗ trợ (01/01/1900–31/12/2100): ${what}`);
}

/** Lunar date of a solar day number, for any time zone (tests compare 7 with 8). */
export function lunarFromDayNumber(dn: number, tz: number = VIETNAM_TZ): LunarDate {
  const gregorianYear = partsFromDayNumber(dn).year;
  let year = gregorianYear;
  let months = lunarYearMonths(year, tz);
  if (dn < months[0].start) {
    year -= 1;
    months = lunarYearMonths(year, tz);
  }
  let i = months.length - 1;
  while (months[i].start > dn) i--;
  const m = months[i];
  return { year, month: m.month, day: dn - m.start + 1, leap: m.leap };
}

/** Solar date (`YYYY-MM-DD`) → Vietnamese lunar date. Throws a CalendarError outside 1900–2100. */
export function solarToLunar(date: string): LunarDate {
  const dn = toDayNumber(date);
  if (dn < MIN_DN || dn > MAX_DN) throw outOfRange(date);
  return lunarFromDayNumber(dn, VIETNAM_TZ);
}

function describeLunar(l: LunarDate): string {
  return `${l.day}/${l.month}${l.leap ? ' nhuận' : ''}/${l.year} âm lịch`;
}

/** Day number of a lunar date; throws a CalendarError when that date does not exist. */
export function dayNumberFromLunar(lunar: LunarDate, tz: number = VIETNAM_TZ): number {
  const { year, month, day, leap } = lunar ?? ({} as LunarDate);
  if (
    !Number.isInteger(year) ||
    !Number.isInteger(month) ||
    !Number.isInteger(day) ||
    typeof leap !== 'boolean' ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 30
  ) {
    throw new CalendarError('invalid-lunar-date', `Ngày âm lịch không hợp lệ: ${JSON.stringify(lunar)}`);
  }
  if (year < 1899 || year > 2100) throw outOfRange(describeLunar(lunar));
  const m = lunarYearMonths(year, tz).find((x) => x.month === month && x.leap === leap);
  if (!m) {
    throw new CalendarError('invalid-lunar-date', `Năm âm lịch ${year} không có tháng ${month} nhuận.`);
  }
  if (day > m.length) {
    throw new CalendarError(
      'invalid-lunar-date',
      `Ngày âm lịch không tồn tại: ${describeLunar(lunar)} (tháng này chỉ có ${m.length} ngày).`,
    );
  }
  return m.start + day - 1;
}

/** Vietnamese lunar date → solar `YYYY-MM-DD`. Throws a CalendarError for a lunar date that does not exist or falls outside 1900–2100. */
export function lunarToSolar(lunar: LunarDate): string {
  const dn = dayNumberFromLunar(lunar, VIETNAM_TZ);
  if (dn < MIN_DN || dn > MAX_DN) throw outOfRange(describeLunar(lunar));
  return dateFromDayNumber(dn);
}

/** The leap month of lunar year `year` (e.g. 6 for 2025), or null when the year has none. */
export function leapMonthOf(year: number): number | null {
  checkLunarYear(year);
  const m = lunarYearMonths(year, VIETNAM_TZ).find((x) => x.leap);
  return m ? m.month : null;
}

/** The months of lunar year `year`, in order, with solar start dates; for year views. */
export function lunarMonthsOf(year: number): { month: number; leap: boolean; start: string; length: number }[] {
  checkLunarYear(year);
  return lunarYearMonths(year, VIETNAM_TZ).map((m) => ({ month: m.month, leap: m.leap, start: dateFromDayNumber(m.start), length: m.length }));
}

/** Solar date of Tết (lunar 1/1) of `year` in the given time zone; tests use tz 8 to show where China differs. */
export function lunarNewYearAt(year: number, tz: number): string {
  return dateFromDayNumber(lunarYearMonths(year, tz)[0].start);
}

function checkLunarYear(year: number): void {
  if (!Number.isInteger(year) || year < 1900 || year > 2100) {
    throw new CalendarError('out-of-range', `Năm âm lịch nằm ngoài phạm vi hỗ trợ (1900–2100): ${String(year)}`);
  }
}

const CAN = ['Giáp', 'Ất', 'Bính', 'Đinh', 'Mậu', 'Kỷ', 'Canh', 'Tân', 'Nhâm', 'Quý'];
const CHI = ['Tý', 'Sửu', 'Dần', 'Mão', 'Thìn', 'Tỵ', 'Ngọ', 'Mùi', 'Thân', 'Dậu', 'Tuất', 'Hợi'];

/** Sexagenary name of a lunar year, e.g. 2025 → "Ất Tỵ". */
export function lunarYearName(year: number): string {
  if (!Number.isInteger(year) || year < 1) throw new CalendarError('invalid-argument', `Năm âm lịch không hợp lệ: ${String(year)}`);
  return `${CAN[(year + 6) % 10]} ${CHI[(year + 8) % 12]}`;
}

/** "10/3 nhuận" style short label, plus "Chạp"/"Giêng" names where customary. */
export function formatLunarVi(lunar: LunarDate): string {
  const monthName = lunar.month === 1 ? 'Giêng' : lunar.month === 12 ? 'Chạp' : String(lunar.month);
  return `${lunar.day} tháng ${monthName}${lunar.leap ? ' nhuận' : ''} năm ${lunarYearName(lunar.year)}`;
}


/** Drops cached lunar year tables; only benchmarks and tests need this. */
export function clearLunarCache(): void {
  yearCache.clear();
}
