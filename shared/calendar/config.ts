/**
 * Per-installation calendar overrides, stored by the lead in the database as plain rows:
 * an extra day off (e.g. a local festival) or an extra working day (a worked Saturday).
 * An override wins over everything else on its date.
 * Treat a CalendarConfig as immutable: results are cached per config object, so to change
 * the overrides pass a new object.
 */
import { z } from 'zod';
import { isoDateSchema, toDayNumber } from './dates';

export type CalendarOverrideKind = 'dayOff' | 'workday';

export interface CalendarOverride {
  date: string;
  kind: CalendarOverrideKind;
  note: string;
}

export interface CalendarConfig {
  overrides: CalendarOverride[];
}

export const calendarOverrideSchema = z.object({
  date: isoDateSchema,
  kind: z.enum(['dayOff', 'workday']),
  note: z.string().trim().min(1, { message: 'Cần ghi chú lý do.' }).max(200, { message: 'Ghi chú tối đa 200 ký tự.' }),
});

export const calendarConfigSchema = z.object({
  overrides: z.array(calendarOverrideSchema).refine((rows) => new Set(rows.map((r) => r.date)).size === rows.length, {
    message: 'Mỗi ngày chỉ được điều chỉnh một lần.',
  }),
});

export interface ConfigIndex {
  /** Keyed by day number; when a date repeats, the last row wins. */
  byDayNumber: ReadonlyMap<number, CalendarOverride>;
  /** Years that have at least one override. */
  years: ReadonlySet<number>;
}

const EMPTY_INDEX: ConfigIndex = { byDayNumber: new Map(), years: new Set() };
const indexCache = new WeakMap<CalendarConfig, ConfigIndex>();

export function configIndex(config: CalendarConfig | undefined): ConfigIndex {
  if (!config || config.overrides.length === 0) return EMPTY_INDEX;
  let index = indexCache.get(config);
  if (!index) {
    const byDayNumber = new Map<number, CalendarOverride>();
    const years = new Set<number>();
    for (const row of config.overrides) {
      byDayNumber.set(toDayNumber(row.date), row);
      years.add(Number(row.date.slice(0, 4)));
    }
    index = { byDayNumber, years };
    indexCache.set(config, index);
  }
  return index;
}
