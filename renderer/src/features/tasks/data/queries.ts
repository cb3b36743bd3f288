/**
 * Task reads: plain async functions (for commands, reports, tests) and live hooks (for
 * screens). Lists and dashboards read only the derived taskIndex; events are loaded only for
 * one task's detail, or for the few tasks whose state changed after a past cut-off date.
 */
import Dexie, { type Collection } from 'dexie';
import { useMemo, useSyncExternalStore } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { daysBetween, type CalendarConfig } from '@shared/calendar';
import { foldedWords, matchesWholeWords, wordHaystack } from '@shared/text/search';
import { type Directive, type Task, type TaskEvent, type TaskStep } from '@shared/tasks/model';
import {
  assess,
  compareEvents,
  computeRate,
  DEFAULT_TASK_SETTINGS,
  emptyCounts,
  foldTask,
  overdueBucketOf,
  TASK_SETTINGS_ID,
  taskSettingsSchema,
  type CategoryCounts,
  type OverdueBucket,
  type Rate,
  type TaskAssessment,
  type TaskCategory,
  type TaskSettings,
  type TaskState,
  type TaskStatus,
} from '@shared/tasks/state';
import type { AuditEntry, DondocDb, EntityRow } from '../../../data/db';
import { eventsOf, logOf } from '../../../data/taskLogs';
import { auditOf, visible } from '../../../data/repository';
import { useAppState } from '../../../state/app';
import { loadCalendarConfig } from '../../calendar/config';
import { demoRefusal } from './demo';
import { taskIndexMirror } from './indexMirror';
import { rowToEvent, rowToTask, type TaskIndexRow } from './taskIndex';

// ─── Settings ──────────────────────────────────────────────────────────────────────────

/** The stored task settings over the defaults (a broken or partial row falls back field by field). */
export async function loadTaskSettings(db: DondocDb): Promise<TaskSettings> {
  const row = await db.settings.get(TASK_SETTINGS_ID);
  if (!row || row._deleted === 1) return DEFAULT_TASK_SETTINGS;
  const merged = { ...DEFAULT_TASK_SETTINGS, ...visible<Partial<TaskSettings>>([row])[0] };
  const parsed = taskSettingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_TASK_SETTINGS;
}

export function useTaskSettings(): TaskSettings | undefined {
  const db = useAppState((s) => s.db);
  return useLiveQuery(() => (db ? loadTaskSettings(db) : DEFAULT_TASK_SETTINGS), [db]);
}

// ─── Directives ────────────────────────────────────────────────────────────────────────

export async function loadDirectives(db: DondocDb): Promise<Directive[]> {
  const rows = await db.directives.orderBy('issuedOn').reverse().toArray();
  return visible<Directive>(rows);
}

export async function loadDirective(db: DondocDb, id: string): Promise<Directive | null> {
  const row = await db.directives.get(id);
  return row && row._deleted !== 1 ? visible<Directive>([row])[0] : null;
}

/** Every directive; with `enabled` false nothing is read (a dropdown not opened yet) and the result is undefined. */
export function useDirectives(enabled = true): Directive[] | undefined {
  const db = useAppState((s) => s.db);
  return useLiveQuery(() => (db && enabled ? loadDirectives(db) : undefined), [db, enabled]);
}

export function useDirective(id: string | null): Directive | null | undefined {
  const db = useAppState((s) => s.db);
  return useLiveQuery(() => (db && id ? loadDirective(db, id) : null), [db, id]);
}

// ─── List ──────────────────────────────────────────────────────────────────────────────

export interface TaskListFilter {
  /** Tasks where this unit leads or supports. */
  unitId?: string;
  /** With unitId: only as lead, only as support, or either (default). */
  unitRole?: 'lead' | 'support' | 'any';
  responsibleOfficialId?: string;
  assignerUnitId?: string;
  assignerOfficialId?: string;
  directiveId?: string;
  planYear?: number;
  statuses?: TaskStatus[];
  /** Categories as of `asOf` (cancelled tasks have none and are dropped by this filter). */
  categories?: TaskCategory[];
  dueSoonOnly?: boolean;
  pendingExtensionOnly?: boolean;
  /** Effective due date range, inclusive. */
  dueFrom?: string;
  dueTo?: string;
  /** Diacritics-insensitive words, all must match. */
  search?: string;
}

export type TaskSortKey = 'dueOn' | 'assignedOn' | 'lastEventOn' | 'completedOn' | 'title' | 'percent' | 'overdueDays';
export interface TaskSort {
  key: TaskSortKey;
  direction: 'asc' | 'desc';
}
export const DEFAULT_TASK_SORT: TaskSort = { key: 'dueOn', direction: 'asc' };

export interface TaskListItem extends TaskIndexRow, TaskAssessment {}

function candidates(db: DondocDb, f: TaskListFilter): Collection<TaskIndexRow, string> {
  const t = db.taskIndex;
  if (f.directiveId) return t.where('directiveId').equals(f.directiveId);
  if (f.responsibleOfficialId) return t.where('responsibleOfficialId').equals(f.responsibleOfficialId);
  if (f.unitId && f.unitRole === 'lead') return t.where('leadUnitId').equals(f.unitId);
  if (f.unitId) return t.where('unitIds').equals(f.unitId);
  if (f.assignerOfficialId) return t.where('assignerOfficialId').equals(f.assignerOfficialId);
  if (f.planYear !== undefined) return t.where('planYear').equals(f.planYear);
  if (f.dueFrom || f.dueTo) return t.where('dueKey').between(f.dueFrom ?? '0000-01-01', f.dueTo ?? '9999-12-30', true, true);
  const openOnly = f.statuses && f.statuses.length > 0 && f.statuses.every((s) => s === 'active' || s === 'paused');
  const openCategories = f.categories && f.categories.length > 0 && f.categories.every((c) => c.startsWith('open'));
  if (openOnly || openCategories || f.dueSoonOnly) return t.where('[open+dueKey]').between([1, Dexie.minKey], [1, Dexie.maxKey]);
  if (f.assignerUnitId) return t.where('assignerUnitId').equals(f.assignerUnitId);
  return t.toCollection();
}

/**
 * Names a task search also looks in: unit id → its name and short name, official id → full
 * name, each as a word haystack (wordHaystack). The screens build it from the registries.
 */
export type SearchNames = ReadonlyMap<string, string>;

export function searchNamesOf(units: readonly { id: string; name: string; shortName?: string }[], officials: readonly { id: string; fullName: string }[]): SearchNames {
  const m = new Map<string, string>();
  for (const u of units) m.set(u.id, wordHaystack(`${u.name} ${u.shortName ?? ''}`));
  for (const o of officials) m.set(o.id, wordHaystack(o.fullName));
  return m;
}

const rowHaystacks = new WeakMap<TaskIndexRow, string>();
function rowHaystack(r: TaskIndexRow): string {
  let h = rowHaystacks.get(r);
  if (h === undefined) rowHaystacks.set(r, (h = wordHaystack(r.search)));
  return h;
}

/** Search words match whole words of the title, directive reference and content, or of the lead unit's or the responsible official's name. */
function searchHit(r: TaskIndexRow, words: readonly string[], names: SearchNames | undefined): boolean {
  if (words.length === 0) return true;
  const hay = [rowHaystack(r)];
  const lead = names?.get(r.leadUnitId);
  if (lead) hay.push(lead);
  const official = r.responsibleOfficialId ? names?.get(r.responsibleOfficialId) : undefined;
  if (official) hay.push(official);
  return matchesWholeWords(hay, words);
}

function matches(r: TaskIndexRow, f: TaskListFilter, words: readonly string[], names?: SearchNames): boolean {
  if (f.unitId) {
    const role = f.unitRole ?? 'any';
    if (role === 'lead' && r.leadUnitId !== f.unitId) return false;
    if (role === 'support' && !r.supportUnitIds.includes(f.unitId)) return false;
    if (role === 'any' && !r.unitIds.includes(f.unitId)) return false;
  }
  if (f.responsibleOfficialId && r.responsibleOfficialId !== f.responsibleOfficialId) return false;
  if (f.assignerUnitId && r.assignerUnitId !== f.assignerUnitId) return false;
  if (f.assignerOfficialId && r.assignerOfficialId !== f.assignerOfficialId) return false;
  if (f.directiveId && r.directiveId !== f.directiveId) return false;
  if (f.planYear !== undefined && r.planYear !== f.planYear) return false;
  if (f.statuses && f.statuses.length > 0 && !f.statuses.includes(r.status)) return false;
  if (f.pendingExtensionOnly && r.pendingExtension !== 1) return false;
  if (f.dueFrom && (r.effectiveDueOn === null || r.effectiveDueOn < f.dueFrom)) return false;
  if (f.dueTo && (r.effectiveDueOn === null || r.effectiveDueOn > f.dueTo)) return false;
  return searchHit(r, words, names);
}

function compareItems(key: TaskSortKey): (a: TaskListItem, b: TaskListItem) => number {
  const str = (x: string | null, y: string | null) => (x === y ? 0 : x === null ? 1 : y === null ? -1 : x < y ? -1 : 1);
  switch (key) {
    case 'dueOn':
      return (a, b) => str(a.dueKey, b.dueKey);
    case 'assignedOn':
      return (a, b) => str(a.assignedOn, b.assignedOn);
    case 'lastEventOn':
      return (a, b) => str(a.lastEventOn, b.lastEventOn);
    case 'completedOn':
      return (a, b) => str(a.completedOn, b.completedOn);
    case 'title':
      return (a, b) => a.title.localeCompare(b.title, 'vi');
    case 'percent':
      return (a, b) => a.percent - b.percent;
    case 'overdueDays':
      return (a, b) => a.overdueDays - b.overdueDays;
    default: {
      const never: never = key;
      throw new Error(String(never));
    }
  }
}

/**
 * Assessments as of one day with one settings/calendar pair, kept per index row object (a
 * changed row is a new object), so a filter change or a second screen does not re-assess
 * 50,000 rows. Settings and calendar are compared by value: each live query hands out new objects.
 */
export class TaskItemCache {
  private items = new WeakMap<TaskIndexRow, TaskListItem>();
  private seen: readonly unknown[] = [];
  private key = '';
  private sorted: { rows: readonly TaskIndexRow[]; sort: string; items: readonly TaskListItem[] } | null = null;

  private use(asOf: string, settings: TaskSettings, calendar?: CalendarConfig): void {
    if (this.seen[0] === asOf && this.seen[1] === settings && this.seen[2] === calendar) return;
    this.seen = [asOf, settings, calendar];
    const key = JSON.stringify([asOf, settings, calendar ?? null]);
    if (key !== this.key) {
      this.items = new WeakMap();
      this.sorted = null;
      this.key = key;
    }
  }

  item(r: TaskIndexRow, asOf: string, settings: TaskSettings, calendar?: CalendarConfig): TaskListItem {
    this.use(asOf, settings, calendar);
    let it = this.items.get(r);
    if (!it) this.items.set(r, (it = { ...r, ...assess(r, asOf, settings, calendar) }));
    return it;
  }

  /** Every row assessed and sorted, kept until the rows, the sort or the assessment change: a filter then only has to drop rows. */
  sortedItems(rows: readonly TaskIndexRow[], sort: TaskSort, asOf: string, settings: TaskSettings, calendar?: CalendarConfig): readonly TaskListItem[] {
    this.use(asOf, settings, calendar);
    const sortKey = `${sort.key}:${sort.direction}`;
    if (this.sorted && this.sorted.rows === rows && this.sorted.sort === sortKey) return this.sorted.items;
    const items = rows.map((r) => this.item(r, asOf, settings, calendar)).sort(itemOrder(sort));
    this.sorted = { rows, sort: sortKey, items };
    return items;
  }
}

/** The screens' one cache (list, directive page and dashboard assess the same rows). */
const screenItems = new TaskItemCache();

function itemOrder(sort: TaskSort): (a: TaskListItem, b: TaskListItem) => number {
  const cmp = compareItems(sort.key);
  const sign = sort.direction === 'asc' ? 1 : -1;
  return (a, b) => sign * cmp(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Whether an assessed task passes the filter (search words already folded). */
function keeps(it: TaskListItem, filter: TaskListFilter, words: readonly string[], categories: ReadonlySet<TaskCategory> | null, names?: SearchNames): boolean {
  if (!matches(it, filter, words, names)) return false;
  if (categories && (it.category === null || !categories.has(it.category))) return false;
  return !filter.dueSoonOnly || it.dueSoon;
}

/** The screens' path: items already assessed and sorted (TaskItemCache.sortedItems), filtered in their order. */
export function filterSorted(items: readonly TaskListItem[], filter: TaskListFilter, names?: SearchNames): TaskListItem[] {
  const words = searchWords(filter);
  const categories = categorySet(filter);
  return items.filter((it) => keeps(it, filter, words, categories, names));
}

function searchWords(filter: TaskListFilter): string[] {
  return foldedWords(filter.search ?? '');
}

function categorySet(filter: TaskListFilter): Set<TaskCategory> | null {
  return filter.categories && filter.categories.length > 0 ? new Set(filter.categories) : null;
}

/**
 * Filters, assesses (category, due soon, label as of `asOf` with the current state) and sorts
 * index rows. Ties keep a stable order by id.
 */
export function selectTasks(rows: Iterable<TaskIndexRow>, filter: TaskListFilter, sort: TaskSort, asOf: string, settings: TaskSettings, calendar?: CalendarConfig, cache = new TaskItemCache(), names?: SearchNames): TaskListItem[] {
  const words = searchWords(filter);
  const categories = categorySet(filter);
  const out: TaskListItem[] = [];
  for (const r of rows) {
    if (!matches(r, filter, words, names)) continue;
    const it = cache.item(r, asOf, settings, calendar);
    if (keeps(it, filter, words, categories, names)) out.push(it);
  }
  return out.sort(itemOrder(sort));
}

/** The task list read from the database: the most selective filter uses an index, the rest is selectTasks. */
export async function listTasks(db: DondocDb, filter: TaskListFilter, sort: TaskSort, asOf: string, settings: TaskSettings, calendar?: CalendarConfig, names?: SearchNames): Promise<TaskListItem[]> {
  return selectTasks(await candidates(db, filter).toArray(), filter, sort, asOf, settings, calendar, undefined, names);
}

interface AssessEnv {
  settings: TaskSettings;
  calendar: CalendarConfig;
}

/** Task settings and the working-day calendar, as the screens assess tasks with them. */
export function useAssessEnv(): AssessEnv | undefined {
  const db = useAppState((s) => s.db);
  return useLiveQuery(async () => {
    if (!db) return undefined;
    const [settings, calendar] = await Promise.all([loadTaskSettings(db), loadCalendarConfig(db)]);
    return { settings, calendar };
  }, [db]);
}

const noSubscription = () => () => {};

/** Every task index row, from the in-memory mirror (undefined until it has loaded). */
export function useTaskIndexRows(): readonly TaskIndexRow[] | undefined {
  const db = useAppState((s) => s.db);
  const mirror = db ? taskIndexMirror(db) : null;
  const version = useSyncExternalStore(mirror ? (cb) => mirror.subscribe(cb) : noSubscription, () => mirror?.version ?? -1);
  return useMemo(() => (version >= 0 ? (mirror?.all() ?? undefined) : undefined), [mirror, version]);
}

/** The task list for a screen: filters and sorting run in memory over the mirror, so a filter change reads nothing. */
export function useTaskList(filter: TaskListFilter, sort: TaskSort, asOf: string, names?: SearchNames): TaskListItem[] | undefined {
  const rows = useTaskIndexRows();
  const env = useAssessEnv();
  const key = JSON.stringify([filter, sort]);
  return useMemo(() => {
    if (!rows || !env) return undefined;
    const [f, s] = JSON.parse(key) as [TaskListFilter, TaskSort];
    return filterSorted(screenItems.sortedItems(rows, s, asOf, env.settings, env.calendar), f, names);
  }, [rows, env, key, asOf, names]);
}

// ─── Detail ────────────────────────────────────────────────────────────────────────────

export interface TaskDetail {
  task: Task;
  /** Per-field versions of the task row (for conflict review). */
  versions: Record<string, string>;
  directive: Directive | null;
  state: TaskState;
  /** Events in version order (the order they are folded in). */
  events: TaskEvent[];
  steps: TaskStep[];
  /** Audit entries of the task row and its steps, oldest first: who changed which field, before/after. */
  history: AuditEntry[];
  index: TaskIndexRow | null;
}

export async function loadTaskDetail(db: DondocDb, taskId: string): Promise<TaskDetail | null> {
  const row = await db.tasks.get(taskId);
  if (!row || row._deleted === 1) return null;
  const task = rowToTask(row);
  const [{ events: eventRows, steps: stepRows }, index] = await Promise.all([logOf(db, taskId), db.taskIndex.get(taskId)]);
  const events = eventRows.filter((r) => r._deleted !== 1).map(rowToEvent).sort(compareEvents);
  const steps = visible<TaskStep>(stepRows).sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1));
  const historyKeys: [string, string][] = [['tasks', taskId], ...stepRows.map((s): [string, string] => ['taskSteps', s.id])];
  const history = await auditOf(db, historyKeys);
  const directive = task.directiveId ? await loadDirective(db, task.directiveId) : null;
  return { task, versions: row._v, directive, state: foldTask(task, events, undefined, row._v), events, steps, history, index: index ?? null };
}

export function useTaskDetail(taskId: string | null): TaskDetail | null | undefined {
  const db = useAppState((s) => s.db);
  return useLiveQuery(() => (db && taskId ? loadTaskDetail(db, taskId) : null), [db, taskId]);
}

/** Audit entries of the given task events (any order); [] when there are none or before the database opens. */
export async function loadEventAudit(db: DondocDb, eventIds: readonly string[]): Promise<AuditEntry[]> {
  return auditOf(db, eventIds.map((id): [string, string] => ['taskEvents', id]));
}

/** Live audit entries of a task's events (the task detail's history adds them to TaskDetail.history); undefined while loading. */
export function useEventAudit(events: readonly { id: string }[]): AuditEntry[] | undefined {
  const db = useAppState((s) => s.db);
  const eventIds = events.map((e) => e.id).join(',');
  return useLiveQuery(async () => (db && eventIds ? loadEventAudit(db, eventIds.split(',')) : []), [db, eventIds]);
}

/** Why loading demo data is refused here (null when allowed or before the database opens); undefined while loading. */
export function useDemoRefusal(): string | null | undefined {
  const db = useAppState((s) => s.db);
  return useLiveQuery(() => (db ? demoRefusal(db) : null), [db]);
}

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
  const db = useAppState((s) => s.db);
  const rows = useTaskIndexRows();
  const key = JSON.stringify(scope);
  return useLiveQuery(async () => {
    if (!db || !rows) return undefined;
    const [settings, calendar] = await Promise.all([loadTaskSettings(db), loadCalendarConfig(db)]);
    return countsOfRows(db, rows, asOf, JSON.parse(key) as DashboardScope, settings, calendar, screenItems);
  }, [db, asOf, key, rows]);
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
  const db = useAppState((s) => s.db);
  const rows = useTaskIndexRows();
  const key = JSON.stringify(scope);
  return useLiveQuery(async () => {
    if (!db || !rows) return undefined;
    const [settings, calendar] = await Promise.all([loadTaskSettings(db), loadCalendarConfig(db)]);
    const sc = JSON.parse(key) as DashboardScope;
    return byLeadUnit(await assessAsOf(db, rows.filter((r) => inScope(r, sc)), asOf, settings, calendar, screenItems), asOf, settings);
  }, [db, asOf, key, rows]);
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
