/**
 * Task reads: plain async functions (for commands, reports, tests) and live hooks (for
 * screens) — settings, directives, the task list and one task's detail. Lists read only the
 * derived taskIndex, from its in-memory mirror, selected by the pure `listSelection.ts`;
 * the dashboards are in `dashboards.ts`. Events are loaded only for one task's detail.
 */
import { useMemo, useSyncExternalStore } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { type CalendarConfig } from '@shared/calendar';

import { type Directive, type Task, type TaskEvent, type TaskStep } from '@shared/tasks/model';
import {
  compareEvents,
  DEFAULT_TASK_SETTINGS,
  foldTask,
  TASK_SETTINGS_ID,
  taskSettingsSchema,
  type TaskSettings,
  type TaskState,
} from '@shared/tasks/state';
import type { AuditEntry, DondocDb } from '../../../data/db';
import { logOf } from '../../../data/taskLogs';
import { auditOf, visible } from '../../../data/repository';
import { useAppState } from '../../../state/app';
import { loadCalendarConfig } from '../../calendar/config';
import { demoRefusal } from './demo';
import { taskIndexMirror } from './indexMirror';
import { rowToEvent, rowToTask, type TaskIndexRow } from './taskIndex';

import { selectTasks, TaskItemCache, type SearchNames, type TaskListFilter, type TaskListItem, type TaskSort, filterSorted } from './listSelection';

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

/**
 * The task index as the in-memory mirror holds it once every change committed so far is in:
 * the one read of the index for plain async functions (lists, dashboards, reports, letters,
 * tests). The `taskIndex` table has no secondary index (schema v11), so filters run in memory.
 * Not for a transaction's own reads: it awaits the mirror, not IndexedDB.
 */
export async function settledIndexRows(db: DondocDb): Promise<readonly TaskIndexRow[]> {
  const mirror = taskIndexMirror(db);
  await mirror.settled();
  if (mirror.error) throw mirror.error;
  return mirror.all() ?? [];
}

/** The screens' one cache (list, directive page and dashboard assess the same rows). */
export const screenItems = new TaskItemCache();

/**
 * The task list over the whole index (the mirror's rows, or `rows` when the caller holds them),
 * filtered and sorted by selectTasks — what the list screen shows for the same filter.
 */
export async function listTasks(db: DondocDb, filter: TaskListFilter, sort: TaskSort, asOf: string, settings: TaskSettings, calendar?: CalendarConfig, names?: SearchNames, rows?: readonly TaskIndexRow[]): Promise<TaskListItem[]> {
  return selectTasks(rows ?? (await settledIndexRows(db)), filter, sort, asOf, settings, calendar, undefined, names);
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
