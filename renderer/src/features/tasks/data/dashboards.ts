/**
 * Dashboards: counts by category, overdue by lead unit, the longest-pending tasks and "my
 * tasks", each as a plain async function (for reports and tests) and a live hook (for screens).
 * Counts as of today come from the task index; for a past cut-off the few tasks whose state
 * changed since are refolded from their events.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { daysBetween, type CalendarConfig } from '@shared/calendar';

import {
  assess,
  computeRate,
  emptyCounts,
  foldTask,
  overdueBucketOf,
  type CategoryCounts,
  type OverdueBucket,
  type Rate,
  type TaskCategory,
  type TaskSettings,
  type TaskState,
} from '@shared/tasks/state';
import type { DondocDb, EntityRow } from '../../../data/db';
import { eventsOf } from '../../../data/taskLogs';

import { useAppState } from '../../../state/app';
import { loadCalendarConfig } from '../../calendar/config';

import { rowToEvent, rowToTask, type TaskIndexRow } from './taskIndex';

import { screenItems, settledIndexRows, useTaskIndexRows, loadTaskSettings } from './queries';
import { TaskItemCache, type TaskListItem } from './listSelection';

// ─── Dashboards ────────────────────────────────────────────────────────────────────────

export interface DashboardScope {
  /** Lead unit (after reassignments). */
  leadUnitId?: string;
  assignerUnitId?: string;
  planYear?: number;
}

export interface DashboardCounts {
  asOf: string;
  counts: CategoryCounts;
  total: number;
  dueSoon: number;
  overdueBuckets: Record<OverdueBucket, number>;
  cancelled: number;
  pendingExtensions: number;
  /** Completion reports the assigner has not accepted or returned within the set working days. */
  acceptanceLate: number;
  rate: Rate;
  /** On-time share of completions, printed beside the headline rate. */
  onTimeShare: Rate;
}

interface AsOfItem {
  row: TaskIndexRow;
  category: TaskCategory | null;
  dueSoon: boolean;
  overdueDays: number;
  acceptanceLate: boolean;
}

function inScope(r: TaskIndexRow, scope: DashboardScope): boolean {
  return (!scope.leadUnitId || r.leadUnitId === scope.leadUnitId) && (scope.planYear === undefined || r.planYear === scope.planYear) && (!scope.assignerUnitId || r.assignerUnitId === scope.assignerUnitId);
}

async function scopeRows(db: DondocDb, scope: DashboardScope): Promise<TaskIndexRow[]> {
  return (await settledIndexRows(db)).filter((r) => inScope(r, scope));
}

/**
 * Every task assigned by asOf, assessed AS OF that date. Index rows are the current state;
 * a row whose last event is after asOf is refolded from its events up to asOf, so a past
 * quarter reprinted later gives the same numbers. Note that the lead-unit scope uses the
 * current lead unit.
 */
async function assessAsOf(db: DondocDb, rows: readonly TaskIndexRow[], asOf: string, settings: TaskSettings, calendar?: CalendarConfig, cache?: TaskItemCache): Promise<AsOfItem[]> {
  const assigned = rows.filter((r) => r.assignedOn <= asOf);
  const stale = assigned.filter((r) => r.lastEventOn > asOf).map((r) => r.id);
  const refolded = new Map<string, TaskState>();
  for (let i = 0; i < stale.length; i += 1000) {
    const ids = stale.slice(i, i + 1000);
    const [taskRows, eventRows] = await Promise.all([db.tasks.bulkGet(ids), eventsOf(db, ids)]);
    taskRows.forEach((tr: EntityRow | undefined) => {
      const events = (eventRows.get(tr?.id ?? '') ?? []).filter((e) => e._deleted !== 1).map(rowToEvent);
      if (tr) refolded.set(tr.id, foldTask(rowToTask(tr), events, asOf, tr._v));
    });
  }
  return assigned.map((row) => {
    const state = refolded.get(row.id);
    const a = state ? assess(state, asOf, settings, calendar) : cache ? cache.assessment(row, asOf, settings, calendar) : assess(row, asOf, settings, calendar);
    return { row, category: a.category, dueSoon: a.dueSoon, overdueDays: a.overdueDays, acceptanceLate: a.acceptanceLate };
  });
}

function summarise(items: readonly AsOfItem[], asOf: string, settings: TaskSettings): DashboardCounts {
  const counts = emptyCounts();
  const overdueBuckets: Record<OverdueBucket, number> = { upTo30: 0, from31To90: 0, over90: 0 };
  let dueSoon = 0;
  let cancelled = 0;
  let pendingExtensions = 0;
  let acceptanceLate = 0;
  for (const it of items) {
    if (it.acceptanceLate) acceptanceLate += 1;
    if (it.category === null) {
      if (it.row.status === 'cancelled') cancelled += 1;
      continue;
    }
    counts[it.category] += 1;
    if (it.dueSoon) dueSoon += 1;
    if (it.category === 'openOverdue') {
      const b = overdueBucketOf(it.overdueDays);
      if (b) overdueBuckets[b] += 1;
    }
    if (it.row.pendingExtension === 1 && it.category.startsWith('open')) pendingExtensions += 1;
  }
  const total = Object.values(counts).reduce((s, n) => s + n, 0);
  return { asOf, counts, total, dueSoon, overdueBuckets, cancelled, pendingExtensions, acceptanceLate, rate: computeRate(counts, settings.rateFormula), onTimeShare: computeRate(counts, 'completedOnTime') };
}

/** Counts per category as of a date (the report tree), with due-soon, overdue ages and the headline rate. */
export async function dashboardCounts(db: DondocDb, asOf: string, scope: DashboardScope, settings: TaskSettings, calendar?: CalendarConfig): Promise<DashboardCounts> {
  const items = await assessAsOf(db, await scopeRows(db, scope), asOf, settings, calendar);
  return summarise(items, asOf, settings);
}

/** Dashboard counts over the in-memory index mirror (only tasks changed after asOf are read from the database). */
export function useDashboardCounts(asOf: string, scope: DashboardScope = {}): DashboardCounts | undefined {
  return useAssessedInScope(asOf, scope, summarise);
}

/**
 * Live: `compute` over the mirror's rows (a dependency, so a task change reruns it) with the
 * settings and calendar read inside the query; `empty` before the database opens, undefined
 * while the mirror loads. `deps`: what `compute` captures.
 */
function useOverIndexRows<T>(compute: (db: DondocDb, rows: readonly TaskIndexRow[], settings: TaskSettings, calendar: CalendarConfig) => T | Promise<T>, empty: T | undefined, deps: readonly unknown[]): T | undefined {
  const db = useAppState((s) => s.db);
  const rows = useTaskIndexRows();
  return useLiveQuery(async () => {
    if (!db) return empty;
    if (!rows) return undefined;
    const [settings, calendar] = await Promise.all([loadTaskSettings(db), loadCalendarConfig(db)]);
    return compute(db, rows, settings, calendar);
  }, [db, rows, ...deps]);
}

/**
 * Live: the mirror's rows in `scope`, assessed as of `asOf` (only tasks changed after it are
 * refolded from the database), then summed up by `sum` — a module-level function, so the query
 * does not restart on every render.
 */
function useAssessedInScope<T>(asOf: string, scope: DashboardScope, sum: (items: readonly AsOfItem[], asOf: string, settings: TaskSettings) => T): T | undefined {
  const key = JSON.stringify(scope);
  return useOverIndexRows(
    async (db, rows, settings, calendar) => {
      const sc = JSON.parse(key) as DashboardScope;
      return sum(await assessAsOf(db, rows.filter((r) => inScope(r, sc)), asOf, settings, calendar, screenItems), asOf, settings);
    },
    undefined,
    [asOf, key, sum],
  );
}

/** Dashboard counts over rows already in memory (the mirror); only tasks changed after asOf are read. */
export async function countsOfRows(db: DondocDb, rows: readonly TaskIndexRow[], asOf: string, scope: DashboardScope, settings: TaskSettings, calendar?: CalendarConfig, cache?: TaskItemCache): Promise<DashboardCounts> {
  return summarise(await assessAsOf(db, rows.filter((r) => inScope(r, scope)), asOf, settings, calendar, cache), asOf, settings);
}

export interface UnitPerformance extends DashboardCounts {
  unitId: string;
}

function byLeadUnit(items: readonly AsOfItem[], asOf: string, settings: TaskSettings): UnitPerformance[] {
  const byUnit = new Map<string, AsOfItem[]>();
  for (const it of items) {
    const list = byUnit.get(it.row.leadUnitId);
    if (list) list.push(it);
    else byUnit.set(it.row.leadUnitId, [it]);
  }
  return [...byUnit.entries()]
    .map(([unitId, list]) => ({ unitId, ...summarise(list, asOf, settings) }))
    .sort((a, b) => b.counts.openOverdue - a.counts.openOverdue || (a.rate.basisPoints ?? 10_001) - (b.rate.basisPoints ?? 10_001) || (a.unitId < b.unitId ? -1 : 1));
}

/** Per lead unit, as of a date: counts, overdue ages and rate; most overdue first. */
export async function overdueByUnit(db: DondocDb, asOf: string, settings: TaskSettings, calendar?: CalendarConfig, scope: Omit<DashboardScope, 'leadUnitId'> = {}): Promise<UnitPerformance[]> {
  return byLeadUnit(await assessAsOf(db, await scopeRows(db, scope), asOf, settings, calendar), asOf, settings);
}

export function useOverdueByUnit(asOf: string, scope: Omit<DashboardScope, 'leadUnitId'> = {}): UnitPerformance[] | undefined {
  return useAssessedInScope(asOf, scope, byLeadUnit);
}

export interface PendingItem extends TaskListItem {
  /** Calendar days since assignment. */
  ageDays: number;
}

/**
 * Open tasks assigned by asOf (of one lead unit when given), oldest assignment first, ties by
 * task id, at most `limit` of them.
 */
function pendingRows(rows: readonly TaskIndexRow[], asOf: string, limit: number, leadUnitId?: string): TaskIndexRow[] {
  const open = rows.filter((r) => r.open === 1 && r.assignedOn <= asOf && (!leadUnitId || r.leadUnitId === leadUnitId));
  return open.sort((a, b) => (a.assignedOn < b.assignedOn ? -1 : a.assignedOn > b.assignedOn ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).slice(0, limit);
}

function pendingItems(rows: readonly TaskIndexRow[], asOf: string, limit: number, settings: TaskSettings, calendar?: CalendarConfig, leadUnitId?: string): PendingItem[] {
  return pendingRows(rows, asOf, limit, leadUnitId).map((r) => ({ ...r, ...assess(r, asOf, settings, calendar), ageDays: daysBetween(r.assignedOn, asOf) }));
}

/** Open tasks pending longest (oldest assignment first), with or without a deadline (docs/rules.md §2: "công việc đã để chậm trễ kéo dài"). */
export async function pendingLongest(db: DondocDb, asOf: string, limit: number, settings: TaskSettings, calendar?: CalendarConfig, leadUnitId?: string): Promise<PendingItem[]> {
  return pendingItems(await settledIndexRows(db), asOf, limit, settings, calendar, leadUnitId);
}

export function usePendingLongest(asOf: string, limit = 50, leadUnitId?: string): PendingItem[] | undefined {
  return useOverIndexRows((_db, rows, settings, calendar) => pendingItems(rows, asOf, limit, settings, calendar, leadUnitId), [], [asOf, limit, leadUnitId]);
}

/**
 * "Việc của tôi": tasks where the official is responsible, plus (when given) open tasks led by
 * the account's unit; open ones first by due date, then the rest by latest activity.
 */
function myTaskItems(rows: readonly TaskIndexRow[], who: { officialId: string | null; unitId: string | null }, asOf: string, settings: TaskSettings, calendar?: CalendarConfig): TaskListItem[] {
  const mine = rows.filter((r) => (!!who.officialId && r.responsibleOfficialId === who.officialId) || (!!who.unitId && r.leadUnitId === who.unitId && r.open === 1));
  const items = mine.map((r) => ({ ...r, ...assess(r, asOf, settings, calendar) }));
  return items.sort((a, b) => b.open - a.open || (a.open ? (a.dueKey < b.dueKey ? -1 : a.dueKey > b.dueKey ? 1 : 0) : a.lastEventOn > b.lastEventOn ? -1 : a.lastEventOn < b.lastEventOn ? 1 : 0) || (a.id < b.id ? -1 : 1));
}

export async function myTasks(db: DondocDb, who: { officialId: string | null; unitId: string | null }, asOf: string, settings: TaskSettings, calendar?: CalendarConfig): Promise<TaskListItem[]> {
  return myTaskItems(await settledIndexRows(db), who, asOf, settings, calendar);
}

export function useMyTasks(asOf: string): TaskListItem[] | undefined {
  const officialId = useAppState((s) => s.session?.account.officialId ?? null);
  const unitId = useAppState((s) => s.session?.account.unitId ?? null);
  return useOverIndexRows((_db, rows, settings, calendar) => myTaskItems(rows, { officialId, unitId }, asOf, settings, calendar), [], [asOf, officialId, unitId]);
}
