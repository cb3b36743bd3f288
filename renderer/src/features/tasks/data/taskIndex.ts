/**
 * The LOCAL derived index: one row per task with what lists and dashboards filter and sort
 * on, so a list of 50,000 tasks never loads events. Never synced; rebuilt from tasks + events
 * inside the same transaction as every write that affects a task (commands, demo loader) and
 * by sync import through reindexTasks.
 */
import { foldVietnamese } from '@shared/text/search';
import { foldTask, type TaskState, type TaskStatus } from '@shared/tasks/state';
import { directiveReference, type Directive, type Task, type TaskEvent } from '@shared/tasks/model';
import type { DondocDb, EntityRow } from '../../../data/db';
import { eventsOf } from '../../../data/taskLogs';

export const NO_DUE_KEY = '9999-12-31';

export interface TaskIndexRow {
  /** The task id. */
  id: string;
  title: string;
  directiveId: string | null;
  /** "1041/UBND-NC" of the directive, for display without a join. */
  directiveRef: string;
  assignerUnitId: string;
  assignerOfficialId: string | null;
  /** Lead unit after reassignments. */
  leadUnitId: string;
  supportUnitIds: string[];
  /** Lead + support units (multiEntry index: "tasks of unit U"). */
  unitIds: string[];
  responsibleOfficialId: string | null;
  planYear: number | null;
  priority: Task['priority'];
  status: TaskStatus;
  /** 1 while active, paused or awaiting acceptance (indexable stand-in for the status group). */
  open: 0 | 1;
  originalDueOn: string | null;
  effectiveDueOn: string | null;
  /** effectiveDueOn, or NO_DUE_KEY so tasks without a deadline sort last and stay in the index. */
  dueKey: string;
  completedOn: string | null;
  /** TaskState.acceptedOn; absent in rows indexed by earlier versions. */
  acceptedOn?: string | null;
  /** TaskState.reportedOn (awaiting acceptance since); absent in rows indexed by earlier versions. */
  reportedOn?: string | null;
  percent: number;
  /** The task's expected product and the product its completion report named ("5 rõ"); absent in rows indexed by earlier versions. */
  expectedProduct?: string;
  deliveredProduct?: string;
  pendingExtension: 0 | 1;
  assignedOn: string;
  /** Latest effective event date, or assignedOn when there is none. */
  lastEventOn: string;
  /** TaskState.lastStateEventOn, or assignedOn; absent in rows indexed by earlier versions (read lastEventOn then). */
  lastStateEventOn?: string;
  eventCount: number;
  /** Folded (diacritics-free, lower-case) title, content start and directive reference. */
  search: string;
}

export function rowToTask(row: EntityRow): Task {
  const { _v, _deleted, ...rest } = row;
  void _v;
  void _deleted;
  return rest as unknown as Task;
}

/** A stored event row as a TaskEvent: its order is the version its fields were written with. */
export function rowToEvent(row: EntityRow): TaskEvent {
  const { _v, _deleted, ...rest } = row;
  void _deleted;
  return { ...(rest as unknown as TaskEvent), order: _v.type ?? _v.taskId ?? '' };
}

export function buildIndexRow(task: Task, state: TaskState, directive: Pick<Directive, 'number' | 'symbol' | 'subject'> | null): TaskIndexRow {
  const directiveRef = directive ? directiveReference(directive) : '';
  const open: 0 | 1 = state.status === 'active' || state.status === 'paused' || state.status === 'awaitingAcceptance' ? 1 : 0;
  return {
    id: task.id,
    title: task.title,
    directiveId: task.directiveId,
    directiveRef,
    assignerUnitId: task.assignerUnitId,
    assignerOfficialId: task.assignerOfficialId,
    leadUnitId: state.leadUnitId,
    supportUnitIds: state.supportUnitIds,
    unitIds: [state.leadUnitId, ...state.supportUnitIds],
    responsibleOfficialId: state.responsibleOfficialId,
    planYear: task.planYear,
    priority: task.priority,
    status: state.status,
    open,
    originalDueOn: state.originalDueOn,
    effectiveDueOn: state.effectiveDueOn,
    dueKey: state.effectiveDueOn ?? NO_DUE_KEY,
    completedOn: state.completedOn,
    acceptedOn: state.acceptedOn,
    reportedOn: state.reportedOn,
    percent: state.percent,
    expectedProduct: task.expectedProduct ?? '',
    deliveredProduct: state.deliveredProduct,
    pendingExtension: state.pendingExtension ? 1 : 0,
    assignedOn: task.assignedOn,
    lastEventOn: state.lastEventOn && state.lastEventOn > task.assignedOn ? state.lastEventOn : task.assignedOn,
    lastStateEventOn: state.lastStateEventOn && state.lastStateEventOn > task.assignedOn ? state.lastStateEventOn : task.assignedOn,
    eventCount: state.eventCount,
    search: foldVietnamese(`${task.title} ${directiveRef} ${task.content.slice(0, 300)}`),
  };
}

/**
 * Rows a caller already holds (sync import reads them to judge ops), as they stand after its
 * writes. `events` returns undefined for a task whose events the caller does not hold in full;
 * those tasks are read from the database as usual.
 */
export interface PreloadedTaskRows {
  task(id: string): EntityRow | undefined;
  events(taskId: string): readonly EntityRow[] | undefined;
}

/**
 * Recomputes the index rows of these tasks from the stored tasks and events (deleted or
 * missing tasks lose their row). Runs in its own transaction, or joins the caller's when
 * that one covers tasks, taskLogs, directives and taskIndex. With `preloaded`, the tasks it
 * covers are folded from those rows instead of being read again.
 */
export async function reindexTasks(db: DondocDb, taskIds: Iterable<string>, preloaded?: PreloadedTaskRows): Promise<number> {
  const ids = [...new Set(taskIds)];
  if (ids.length === 0) return 0;
  return db.transaction('rw', [db.tasks, db.taskLogs, db.directives, db.taskIndex], async () => {
    const rows: (EntityRow | undefined)[] = new Array(ids.length);
    const eventRowsOf = new Map<string, readonly EntityRow[]>();
    const toRead: number[] = [];
    ids.forEach((id, i) => {
      const events = preloaded?.events(id);
      if (!events) return void toRead.push(i);
      rows[i] = preloaded!.task(id);
      eventRowsOf.set(id, events);
    });
    if (toRead.length) {
      const readIds = toRead.map((i) => ids[i]);
      const [got, events] = await Promise.all([db.tasks.bulkGet(readIds), eventsOf(db, readIds)]);
      toRead.forEach((i, k) => (rows[i] = got[k]));
      for (const [taskId, list] of events) eventRowsOf.set(taskId, list);
    }
    const eventsByTask = new Map<string, TaskEvent[]>();
    for (const [taskId, list] of eventRowsOf) {
      const events: TaskEvent[] = [];
      for (const r of list) if (r._deleted !== 1) events.push(rowToEvent(r));
      eventsByTask.set(taskId, events);
    }
    const directiveIds = [...new Set(rows.map((r) => (r && typeof r.directiveId === 'string' ? r.directiveId : null)).filter((d): d is string => d !== null))];
    const directiveRows = directiveIds.length ? await db.directives.bulkGet(directiveIds) : [];
    const directives = new Map<string, Directive>();
    directiveRows.forEach((d) => {
      if (d && d._deleted !== 1) directives.set(d.id, rowToTask(d) as unknown as Directive);
    });
    const put: TaskIndexRow[] = [];
    const remove: string[] = [];
    rows.forEach((row, i) => {
      if (!row || row._deleted === 1 || typeof row.assignerUnitId !== 'string') {
        remove.push(ids[i]);
        return;
      }
      const task = rowToTask(row);
      const state = foldTask(task, eventsByTask.get(task.id) ?? [], undefined, row._v);
      put.push(buildIndexRow(task, state, task.directiveId ? (directives.get(task.directiveId) ?? null) : null));
    });
    await Promise.all([put.length ? db.taskIndex.bulkPut(put) : null, remove.length ? db.taskIndex.bulkDelete(remove) : null]);
    return put.length;
  });
}

/** Rebuilds the whole index (after a restore or when the index format changes), in chunks. */
export async function rebuildTaskIndex(db: DondocDb, chunkSize = 2000): Promise<number> {
  const ids = (await db.tasks.toCollection().primaryKeys()) as string[];
  await db.taskIndex.clear();
  let n = 0;
  for (let i = 0; i < ids.length; i += chunkSize) n += await reindexTasks(db, ids.slice(i, i + chunkSize));
  return n;
}
