/**
 * Public holidays of a Gregorian year for the public sector (Saturday and Sunday off).
 * An announced schedule (schedules.ts) wins for its year; any other year is built by the
 * general rule of the Labour Code in force that year and flagged "provisional":
 *   - the statutory days of Art. 112 (earlier codes for earlier years, see STATUTORY_ERAS);
 *   - Tết: the last 2 days of the lunar year and mùng 1–3 (the usual choice of recent
 *     years: 2021, 2023, 2024, 2025); 4-day eras: the last day and mùng 1–3;
 *   - Quốc khánh's extra day: 1/9 or 3/9, whichever is a weekday, preferring the one next
 *     to a weekend, then 1/9 (reproduces 2021, 2022, 2024, 2025, 2026);
 *   - nghỉ bù (Art. 111(3)): each statutory day on a Saturday or Sunday gives the next
 *     weekday that is neither a holiday nor already a nghỉ bù.
 * Swaps with a Saturday (hoán đổi) are never guessed: they exist only in announced data.
 */
import { CalendarError } from './errors';
import { dateFromDayNumber, dayNumberFromParts, toDayNumber, weekdayOfDayNumber } from './dates';
import { dayNumberFromLunar } from './lunar';
import { ANNOUNCED_SCHEDULES, type AnnouncedSchedule } from './schedules';

export type HolidayKind =
  /** A statutory holiday (listed even when it falls on a weekend). */
  | 'holiday'
  /** Nghỉ bù for a holiday that fell on a weekend. */
  | 'compensatory'
  /** A weekday off because it was swapped with a Saturday (hoán đổi). */
  | 'swapDayOff'
  /** The Saturday worked for a swap (làm bù). */
  | 'makeUpWorkday'
  /** An extra day off set by this installation (CalendarConfig). */
  | 'overrideDayOff'
  /** An extra working day set by this installation (CalendarConfig). */
  | 'overrideWorkday';

export interface Holiday {
  date: string;
  name: string;
  kind: HolidayKind;
}

export type YearStatus = 'official' | 'provisional';

export const CALENDAR_MIN_YEAR = 1900;
export const CALENDAR_MAX_YEAR = 2100;

const DAY_OFF_KINDS: ReadonlySet<HolidayKind> = new Set<HolidayKind>(['holiday', 'compensatory', 'swapDayOff', 'overrideDayOff']);

/** True for the kinds that make a day a day off (the others mark worked days). */
export function isDayOffKind(kind: HolidayKind): boolean {
  return DAY_OFF_KINDS.has(kind);
}

interface StatutoryEra {
  fromYear: number;
  /** Tết days before mùng 1 and from mùng 1 on. */
  tetBefore: number;
  tetFromNewYear: number;
  nationalDayDays: 1 | 2;
  hungKings: boolean;
  basis: string;
}

/** Newest first. Before 2021 the rules are given for completeness; the app tracks current work. */
export const STATUTORY_ERAS: readonly StatutoryEra[] = [
  { fromYear: 2021, tetBefore: 2, tetFromNewYear: 3, nationalDayDays: 2, hungKings: true, basis: 'Bộ luật Lao động 2019, Điều 111–112' },
  // The 2012 Code took effect 01/05/2013, so Tết 2014 was the first with 5 days.
  { fromYear: 2014, tetBefore: 2, tetFromNewYear: 3, nationalDayDays: 1, hungKings: true, basis: 'Bộ luật Lao động 2012, Điều 110, 115' },
  // Giỗ Tổ was added by the 2007 amendment of Art. 73; the first year it applied is unconfirmed.
  { fromYear: 2007, tetBefore: 1, tetFromNewYear: 3, nationalDayDays: 1, hungKings: true, basis: 'Bộ luật Lao động 1994 sửa đổi năm 2007, Điều 72–73' },
  // Earlier years (and the Saturdays worked before the 40-hour week of 1999) are not modelled further.
  { fromYear: CALENDAR_MIN_YEAR, tetBefore: 1, tetFromNewYear: 3, nationalDayDays: 1, hungKings: false, basis: 'Bộ luật Lao động 1994, Điều 72–73' },
];

/**
 * Gregorian-dated holidays that a data update can switch on by setting `fromYear`.
 * Ngày Văn hóa Việt Nam (24/11): announced (NQ 80-NQ/TW, NQ 30/NQ-CP) but not yet in the
 * Labour Code, so it stays off until the amendment's effective year is known.
 */
export const EXTRA_GREGORIAN_HOLIDAYS: readonly { month: number; day: number; name: string; fromYear: number | null }[] = [
  { month: 11, day: 24, name: 'Ngày Văn hóa Việt Nam', fromYear: null },
];

export const HOLIDAY_NAMES = {
  newYear: 'Tết Dương lịch',
  tet: 'Tết Âm lịch',
  hungKings: 'Giỗ Tổ Hùng Vương',
  victory: 'Ngày Chiến thắng 30/4',
  labour: 'Ngày Quốc tế Lao động 1/5',
  nationalDay: 'Quốc khánh',
} as const;

export function checkCalendarYear(year: number, what?: string): void {
  if (!Number.isInteger(year) || year < CALENDAR_MIN_YEAR || year > CALENDAR_MAX_YEAR) {
    throw new CalendarError(
      'out-of-range',
      `Ngày nằm ngoài phạm vi lịch được hỗ trợ (${CALENDAR_MIN_YEAR}–${CALENDAR_MAX_YEAR}): ${what ?? `năm ${String(year)}`}`,
    );
  }
}

function eraOf(year: number): StatutoryEra {
  for (const era of STATUTORY_ERAS) if (year >= era.fromYear) return era;
  return STATUTORY_ERAS[STATUTORY_ERAS.length - 1];
}

function isWeekendDn(dn: number): boolean {
  const w = weekdayOfDayNumber(dn);
  return w === 0 || w === 6;
}

/** The general rule for `year`, ignoring announced schedules: statutory days plus nghỉ bù. */
function statutoryDays(year: number): { dn: number; name: string; kind: 'holiday' | 'compensatory' }[] {
  const era = eraOf(year);
  const days: { dn: number; name: string }[] = [];
  const add = (dn: number, name: string) => days.push({ dn, name });

  add(dayNumberFromParts(year, 1, 1), HOLIDAY_NAMES.newYear);
  const newYear = dayNumberFromLunar({ year, month: 1, day: 1, leap: false });
  for (let i = -era.tetBefore; i < era.tetFromNewYear; i++) add(newYear + i, HOLIDAY_NAMES.tet);
  if (era.hungKings) add(dayNumberFromLunar({ year, month: 3, day: 10, leap: false }), HOLIDAY_NAMES.hungKings);
  add(dayNumberFromParts(year, 4, 30), HOLIDAY_NAMES.victory);
  add(dayNumberFromParts(year, 5, 1), HOLIDAY_NAMES.labour);
  const national = dayNumberFromParts(year, 9, 2);
  add(national, HOLIDAY_NAMES.nationalDay);
  if (era.nationalDayDays === 2) add(nationalDayCompanion(national), HOLIDAY_NAMES.nationalDay);
  for (const extra of EXTRA_GREGORIAN_HOLIDAYS) {
    if (extra.fromYear !== null && year >= extra.fromYear) add(dayNumberFromParts(year, extra.month, extra.day), extra.name);
  }

  days.sort((a, b) => a.dn - b.dn);
  const taken = new Set(days.map((d) => d.dn));
  const result: { dn: number; name: string; kind: 'holiday' | 'compensatory' }[] = days.map((d) => ({ ...d, kind: 'holiday' }));
  for (const d of days) {
    if (!isWeekendDn(d.dn)) continue;
    let c = d.dn + 1;
    while (isWeekendDn(c) || taken.has(c)) c++;
    taken.add(c);
    result.push({ dn: c, name: `Nghỉ bù ${d.name}`, kind: 'compensatory' });
  }
  return result.sort((a, b) => a.dn - b.dn);
}

/** 1/9 or 3/9: a weekday, preferably next to a weekend, else the day before. */
function nationalDayCompanion(national: number): number {
  const score = (dn: number) => (isWeekendDn(dn) ? 0 : isWeekendDn(dn - 1) || isWeekendDn(dn + 1) ? 2 : 1);
  const before = national - 1;
  const after = national + 1;
  return score(after) > score(before) ? after : before;
}

export interface YearCalendar {
  year: number;
  status: YearStatus;
  /** Sorted by date, one entry per date. */
  holidays: readonly Holiday[];
  /** Keyed by day number. */
  byDayNumber: ReadonlyMap<number, Holiday>;
  sources: readonly string[];
}

const scheduleByYear = new Map<number, AnnouncedSchedule>(ANNOUNCED_SCHEDULES.map((s) => [s.year, s]));
const yearCache = new Map<number, YearCalendar>();

function scheduleEntries(s: AnnouncedSchedule): { dn: number; holiday: Holiday }[] {
  return [
    ...s.offDays.map((d) => ({ dn: toDayNumber(d.date), holiday: { date: d.date, name: d.name, kind: d.kind } as Holiday })),
    ...s.extraWorkingDays.map((d) => ({ dn: toDayNumber(d.date), holiday: { date: d.date, name: d.name, kind: 'makeUpWorkday' } as Holiday })),
  ];
}

/** The built-in calendar of `year` (no installation overrides), cached. */
export function yearCalendar(year: number): YearCalendar {
  checkCalendarYear(year);
  let cached = yearCache.get(year);
  if (cached) return cached;
  const byDn = new Map<number, Holiday>();
  const schedule = scheduleByYear.get(year);
  const yearStart = dayNumberFromParts(year, 1, 1);
  const yearEnd = dayNumberFromParts(year, 12, 31);
  if (schedule) {
    for (const e of scheduleEntries(schedule)) if (e.dn >= yearStart && e.dn <= yearEnd) byDn.set(e.dn, e.holiday);
  } else {
    for (const d of statutoryDays(year)) byDn.set(d.dn, { date: dateFromDayNumber(d.dn), name: d.name, kind: d.kind });
  }
  // A neighbouring year's announcement may swap a day across New Year.
  for (const other of [scheduleByYear.get(year - 1), scheduleByYear.get(year + 1)]) {
    if (!other) continue;
    for (const e of scheduleEntries(other)) if (e.dn >= yearStart && e.dn <= yearEnd) byDn.set(e.dn, e.holiday);
  }
  const sorted = [...byDn.entries()].sort((a, b) => a[0] - b[0]);
  cached = {
    year,
    status: schedule ? 'official' : 'provisional',
    holidays: sorted.map(([, h]) => h),
    byDayNumber: new Map(sorted),
    sources: schedule ? schedule.sources : [`${eraOf(year).basis} (lịch tạm tính, chưa có thông báo chính thức)`],
  };
  yearCache.set(year, cached);
  return cached;
}

/** The general rule for `year` without the announced schedule: what a provisional year would show. */
export function provisionalHolidaysOf(year: number): Holiday[] {
  checkCalendarYear(year);
  return statutoryDays(year).map((d) => ({ date: dateFromDayNumber(d.dn), name: d.name, kind: d.kind }));
}

/** Whether `year` follows an announced schedule ('official') or only the general rule ('provisional'). */
export function yearStatus(year: number): YearStatus {
  return yearCalendar(year).status;
}

/** Years that ship an announced schedule. */
export function announcedYears(): number[] {
  return ANNOUNCED_SCHEDULES.map((s) => s.year);
}

/** Drops cached year tables; only benchmarks and tests need this. */
export function clearHolidayCache(): void {
  yearCache.clear();
}
