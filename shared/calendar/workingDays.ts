/**
 * Working-day arithmetic. A day is a working day when an installation override says so,
 * else when the year's calendar marks it (holiday, nghỉ bù, swapped day off → off; make-up
 * Saturday → working), else when it is Monday–Friday.
 * Each (year, config) gets a flag array and a running count, so counting and stepping are
 * lookups plus a binary search rather than day-by-day loops.
 */
import { CalendarError } from './errors';
import { dateFromDayNumber, dayNumberFromParts, isLeapYear, partsFromDayNumber, toDayNumber, weekdayOfDayNumber, WEEKDAY_NAMES_VI } from './dates';
import { configIndex, type CalendarConfig } from './config';
import { checkCalendarYear, isDayOffKind, yearCalendar, type Holiday, type HolidayKind } from './holidays';
import { lunarFromDayNumber, type LunarDate } from './lunar';

interface YearChunk {
  year: number;
  startDn: number;
  days: number;
  /** 1 = working day, indexed by day of year (0-based). */
  flags: Uint8Array;
  /** cum[i] = working days among the first i days of the year; length days + 1. */
  cum: Int32Array;
  total: number;
  holidays: readonly Holiday[];
  byDayNumber: ReadonlyMap<number, Holiday>;
}

const baseChunks = new Map<number, YearChunk>();
const configChunks = new WeakMap<CalendarConfig, Map<number, YearChunk>>();
/** workingDayOnOrAfter's answers per calendar (BUILT_IN: no installation overrides). */
const BUILT_IN = {};
const onOrAfter = new WeakMap<object, Map<string, string>>();

function buildChunk(year: number, byDayNumber: ReadonlyMap<number, Holiday>, holidays: readonly Holiday[]): YearChunk {
  const startDn = dayNumberFromParts(year, 1, 1);
  const days = isLeapYear(year) ? 366 : 365;
  const flags = new Uint8Array(days);
  const cum = new Int32Array(days + 1);
  for (let i = 0; i < days; i++) {
    const dn = startDn + i;
    const entry = byDayNumber.get(dn);
    let working: boolean;
    if (entry) working = !isDayOffKind(entry.kind);
    else {
      const w = weekdayOfDayNumber(dn);
      working = w !== 0 && w !== 6;
    }
    flags[i] = working ? 1 : 0;
    cum[i + 1] = cum[i] + flags[i];
  }
  return { year, startDn, days, flags, cum, total: cum[days], holidays, byDayNumber };
}

function baseChunk(year: number): YearChunk {
  let chunk = baseChunks.get(year);
  if (!chunk) {
    const cal = yearCalendar(year);
    chunk = buildChunk(year, cal.byDayNumber, cal.holidays);
    baseChunks.set(year, chunk);
  }
  return chunk;
}

function chunkFor(year: number, config: CalendarConfig | undefined): YearChunk {
  checkCalendarYear(year);
  const index = configIndex(config);
  if (!config || !index.years.has(year)) return baseChunk(year);
  let perConfig = configChunks.get(config);
  if (!perConfig) {
    perConfig = new Map();
    configChunks.set(config, perConfig);
  }
  let chunk = perConfig.get(year);
  if (!chunk) {
    const base = baseChunk(year);
    const merged = new Map(base.byDayNumber);
    for (const [dn, row] of index.byDayNumber) {
      if (dn < base.startDn || dn >= base.startDn + base.days) continue;
      const kind: HolidayKind = row.kind === 'dayOff' ? 'overrideDayOff' : 'overrideWorkday';
      merged.set(dn, { date: row.date, name: row.note, kind });
    }
    const sorted = [...merged.entries()].sort((a, b) => a[0] - b[0]);
    chunk = buildChunk(year, new Map(sorted), sorted.map(([, h]) => h));
    perConfig.set(year, chunk);
  }
  return chunk;
}

function dayNumberInRange(date: string): number {
  const dn = toDayNumber(date);
  checkCalendarYear(partsFromDayNumber(dn).year, date);
  return dn;
}

function chunkOfDn(dn: number, config: CalendarConfig | undefined): YearChunk {
  return chunkFor(partsFromDayNumber(dn).year, config);
}

function isWorkingDn(dn: number, config: CalendarConfig | undefined): boolean {
  const c = chunkOfDn(dn, config);
  return c.flags[dn - c.startDn] === 1;
}

/** Smallest day index j with cum[j + 1] >= target (target in 1..total). */
function indexOfNthWorkingDay(c: YearChunk, target: number): number {
  let lo = 0;
  let hi = c.days - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (c.cum[mid + 1] >= target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function addWorkingDn(dn: number, n: number, config: CalendarConfig | undefined): number {
  let c = chunkOfDn(dn, config);
  let idx = dn - c.startDn;
  if (n === 0) {
    if (c.flags[idx] === 1) return dn;
    n = 1;
  }
  if (n > 0) {
    let need = n;
    for (;;) {
      const upToIdx = c.cum[idx + 1];
      const after = c.total - upToIdx;
      if (need <= after) return c.startDn + indexOfNthWorkingDay(c, upToIdx + need);
      need -= after;
      c = chunkFor(c.year + 1, config);
      idx = -1;
    }
  }
  let need = -n;
  for (;;) {
    const before = c.cum[idx];
    if (need <= before) return c.startDn + indexOfNthWorkingDay(c, before - need + 1);
    need -= before;
    c = chunkFor(c.year - 1, config);
    idx = c.days;
  }
}

/** Working days in (a, b] (a ≤ b). */
function countWorkingDn(a: number, b: number, config: CalendarConfig | undefined): number {
  const ca = chunkOfDn(a, config);
  const cb = chunkOfDn(b, config);
  const ia = a - ca.startDn;
  const ib = b - cb.startDn;
  if (ca.year === cb.year) return ca.cum[ib + 1] - ca.cum[ia + 1];
  let count = ca.total - ca.cum[ia + 1] + cb.cum[ib + 1];
  for (let y = ca.year + 1; y < cb.year; y++) count += chunkFor(y, config).total;
  return count;
}

function checkCount(n: number): void {
  if (!Number.isInteger(n)) {
    throw new CalendarError('invalid-argument', `Số ngày làm việc phải là số nguyên: ${String(n)}`);
  }
}

/** Whether public servants work on `date` (Mon–Fri minus holidays, plus make-up Saturdays and overrides). */
export function isWorkingDay(date: string, calendar?: CalendarConfig): boolean {
  return isWorkingDn(dayNumberInRange(date), calendar);
}

/**
 * The n-th working day after `date`, not counting `date` itself (the day of assignment).
 * n < 0 counts backwards. n = 0 gives `date` when it is a working day, else the next one.
 * The result is always a working day.
 */
export function addWorkingDays(date: string, n: number, calendar?: CalendarConfig): string {
  checkCount(n);
  return dateFromDayNumber(addWorkingDn(dayNumberInRange(date), n, calendar));
}

/**
 * Working days in (a, b]: `workingDaysBetween(d, addWorkingDays(d, n)) === n`.
 * Negative when b < a (minus the working days in (b, a]); 0 when a === b.
 */
export function workingDaysBetween(a: string, b: string, calendar?: CalendarConfig): number {
  const da = dayNumberInRange(a);
  const db = dayNumberInRange(b);
  return da <= db ? countWorkingDn(da, db, calendar) : -countWorkingDn(db, da, calendar);
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: string, calendar?: CalendarConfig): string {
  return addWorkingDays(date, 1, calendar);
}

/** The last working day strictly before `date`. */
export function previousWorkingDay(date: string, calendar?: CalendarConfig): string {
  return addWorkingDays(date, -1, calendar);
}

/** `date` if it is a working day, otherwise the next working day (where a deadline on a day off moves to). */
export function workingDayOnOrAfter(date: string, calendar?: CalendarConfig): string {
  // Every deadline judgement starts here, for the same few thousand due dates: kept per calendar (as its year chunks are).
  const key = calendar ?? BUILT_IN;
  let known = onOrAfter.get(key);
  if (!known) onOrAfter.set(key, (known = new Map()));
  let day = known.get(date);
  if (day === undefined) {
    day = addWorkingDays(date, 0, calendar);
    if (known.size >= 50_000) known.clear();
    known.set(date, day);
  }
  return day;
}

/**
 * Holidays, nghỉ bù, swapped days off and make-up Saturdays of `year`, plus the installation's
 * overrides (which replace any built-in entry on the same date), sorted by date.
 * Use `isDayOffKind(kind)` to tell days off from worked days.
 */
export function holidaysOf(year: number, calendar?: CalendarConfig): Holiday[] {
  return chunkFor(year, calendar).holidays.map((h) => ({ ...h }));
}

export interface DayKind {
  date: string;
  working: boolean;
  weekend: boolean;
  /** "Thứ Hai" … "Chủ nhật". */
  weekday: string;
  /** The calendar entry on that date, if any. */
  kind: HolidayKind | null;
  /** Why the day is off, or why a weekend day is worked, in Vietnamese; empty on an ordinary weekday. */
  labels: string[];
  /** True when the year has no announced schedule yet (computed by the general rule). */
  provisional: boolean;
  lunar: LunarDate;
}

/** Everything the year view shows for one day. */
export function dayKind(date: string, calendar?: CalendarConfig): DayKind {
  const dn = dayNumberInRange(date);
  const c = chunkOfDn(dn, calendar);
  const entry = c.byDayNumber.get(dn) ?? null;
  const w = weekdayOfDayNumber(dn);
  const weekend = w === 0 || w === 6;
  const working = c.flags[dn - c.startDn] === 1;
  const labels: string[] = [];
  if (entry) labels.push(entry.name);
  else if (weekend) labels.push('Nghỉ cuối tuần');
  return {
    date: dateFromDayNumber(dn),
    working,
    weekend,
    weekday: WEEKDAY_NAMES_VI[w],
    kind: entry ? entry.kind : null,
    labels,
    provisional: yearCalendar(c.year).status === 'provisional',
    lunar: lunarFromDayNumber(dn),
  };
}

/** Drops cached working-day tables; only benchmarks and tests need this. */
export function clearWorkingDayCache(): void {
  baseChunks.clear();
}
