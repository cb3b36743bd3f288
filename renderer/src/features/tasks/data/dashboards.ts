/**
 * Dashboards: counts by category, overdue by lead unit, the longest-pending tasks and "my
 * tasks", each as a plain async function (for reports and tests) and a live hook (for screens).
 * Counts as of today come from the task index; for a past cut-off the few tasks whose state
 * changed since are refolded from their events.
 */
import Dexie, { type Collection } from 'dexie';

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

import { screenItems, useTaskIndexRows, loadTaskSettings } from './queries';
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
  let coll: Collection<TaskIndexRow, string>;
  if (scope.leadUnitId) coll = db.taskIndex.where('leadUnitId').equals(scope.leadUnitId);
  else if (scope.planYear !== undefined) coll = db.taskIndex.where('planYear').equals(scope.planYear);
  else if (scope.assignerUnitId) coll = db.taskIndex.where('assignerUnitId').equals(scope.assignerUnitId);
  else coll = db.taskIndex.toCollection();
  return coll.filter((r) => inScope(r, scope)).toArray();
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
    const a = state ? assess(state, asOf, settings, calendar) : cache ? cache.item(row, asOf, settings, calendar) : assess(row, asOf, settings, calendar);
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
 * Live: the mirror's rows in `scope`, assessed as of `asOf` (only tasks changed after it are
 * refolded from the database), then summed up by `sum` — a module-level function, so the query
 * does not restart on every render.
 */
function useAssessedInScope<T>(asOf: string, scope: DashboardScope, sum: (items: readonly AsOfItem[], asOf: string, settings: TaskSettings) => T): T | undefined {
  const db = useAppState((s) => s.db);
  const rows = useTaskIndexRows();
  const key = JSON.stringify(scope);
  return useLiveQuery(async () => {
    if (!db || !rows) return undefined;
    const [settings, calendar] = await Promise.all([loadTaskSettings(db), loadCalendarConfig(db)]);
    const sc = JSON.parse(key) as DashboardScope;
    return sum(await assessAsOf(db, rows.filter((r) => inScope(r, sc)), asOf, settings, calendar, screenItems), asOf, settings);
  }, [db, asOf, key, rows, sum]);
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

/** Open tasks pending longest (oldest assignment first), with or without a deadline (docs/rules.md §2: "công việc đã để chậm trễ kéo dài"). */
export async function pendingLongest(db: DondocDb, asOf: string, limit: number, settings: TaskSettings, calendar?: CalendarConfig, leadUnitId?: string): Promise<PendingItem[]> {
  const coll = db.taskIndex
    .where('[open+assignedOn]')
    .between([1, Dexie.minKey], [1, asOf], true, true)
    .filter((r) => !leadUnitId || r.leadUnitId === leadUnitId);
  const rows = await coll.limit(limit).toArray();
  return rows.map((r) => ({ ...r, ...assess(r, asOf, settings, calendar), ageDays: daysBetween(r.assignedOn, asOf) }));
}

export function usePendingLongest(asOf: string, limit = 50, leadUnitId?: string): PendingItem[] | undefined {
  const db = useAppState((s) => s.db);
  return useLiveQuery(async () => {
    if (!db) return [];
    const [settings, calendar] = await Promise.all([loadTaskSettings(db), loadCalendarConfig(db)]);
    return pendingLongest(db, asOf, limit, settings, calendar, leadUnitId);
  }, [db, asOf, limit, leadUnitId]);
}

/**
 * "Việc của tôi": tasks where the official is responsible, plus (when given) open tasks led by
 * the account's unit; open ones first by due date, then the rest by latest activity.
 */
export async function myTasks(db: DondocDb, who: { officialId: string | null; unitId: string | null }, asOf: string, settings: TaskSettings, calendar?: CalendarConfig): Promise<TaskListItem[]> {
  const byId = new Map<string, TaskIndexRow>();
  if (who.officialId) for (const r of await db.taskIndex.where('responsibleOfficialId').equals(who.officialId).toArray()) byId.set(r.id, r);
  if (who.unitId) for (const r of await db.taskIndex.where('[leadUnitId+open]').equals([who.unitId, 1]).toArray()) byId.set(r.id, r);
  const items = [...byId.values()].map((r) => ({ ...r, ...assess(r, asOf, settings, calendar) }));
  return items.sort((a, b) => b.open - a.open || (a.open ? (a.dueKey < b.dueKey ? -1 : a.dueKey > b.dueKey ? 1 : 0) : a.lastEventOn > b.lastEventOn ? -1 : a.lastEventOn < b.lastEventOn ? 1 : 0) || (a.id < b.id ? -1 : 1));
}

export function useMyTasks(asOf: string): TaskListItem[] | undefined {
  const db = useAppState((s) => s.db);
  const officialId = useAppState((s) => s.session?.account.officialId ?? null);
  const unitId = useAppState((s) => s.session?.account.unitId ?? null);
  return useLiveQuery(async () => {
    if (!db) return [];
    const [settings, calendar] = await Promise.all([loadTaskSettings(db), loadCalendarConfig(db)]);
    return myTasks(db, { officialId, unitId }, asOf, settings, calendar);
  }, [db, asOf, officialId, unitId]);
}
