/**
 * The installation's calendar overrides as a CalendarConfig. The calendar module caches its
 * year tables per config object, so the same object must come back for as long as the
 * overrides are unchanged: a fresh object per live-query run would rebuild every table on
 * every unrelated write to the table.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { calendarOverrideSchema, type CalendarConfig, type CalendarOverride } from '@shared/calendar';
import type { DondocDb, EntityRow } from '../../data/db';
import { useAppState } from '../../state/app';

/** One row per date: the id is derived from the date, so two sites adding the same day converge by last-writer-wins instead of leaving duplicates. */
export function overrideRowId(date: string): string {
  return `calendar-override:${date}`;
}

export const EMPTY_CALENDAR_CONFIG: CalendarConfig = Object.freeze({ overrides: Object.freeze([]) as unknown as CalendarOverride[] });

let memo: { key: string; config: CalendarConfig } = { key: '', config: EMPTY_CALENDAR_CONFIG };

/**
 * Visible, valid override rows → config, sorted by date. Rows that fail the schema (e.g. from a
 * newer or broken peer) are skipped rather than breaking every deadline on screen; when a date
 * repeats, the row with the smallest id wins so the choice is the same on every site.
 */
export function configFromRows(rows: readonly EntityRow[]): CalendarConfig {
  const byDate = new Map<string, { id: string; override: CalendarOverride }>();
  for (const row of rows) {
    if (row._deleted === 1) continue;
    const parsed = calendarOverrideSchema.safeParse({ date: row.date, kind: row.kind, note: row.note });
    if (!parsed.success) continue;
    const seen = byDate.get(parsed.data.date);
    if (!seen || row.id < seen.id) byDate.set(parsed.data.date, { id: row.id, override: parsed.data });
  }
  const overrides = [...byDate.values()].map((v) => v.override).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const key = JSON.stringify(overrides.map((o) => [o.date, o.kind, o.note]));
  if (overrides.length === 0) return EMPTY_CALENDAR_CONFIG;
  if (key !== memo.key) {
    memo = { key, config: Object.freeze({ overrides: Object.freeze(overrides.map((o) => Object.freeze(o))) as CalendarOverride[] }) };
  }
  return memo.config;
}

/** For code outside React (commands, reports): the current config, memoised like the hook. */
export async function loadCalendarConfig(db: DondocDb): Promise<CalendarConfig> {
  return configFromRows(await db.calendarOverrides.toArray());
}

/** The live config; undefined while loading. The same object is returned until the overrides change. */
export function useCalendarConfig(): CalendarConfig | undefined {
  const db = useAppState((s) => s.db);
  return useLiveQuery(() => (db ? loadCalendarConfig(db) : EMPTY_CALENDAR_CONFIG), [db]);
}
