/**
 * "Nạp dữ liệu mẫu": writes generated demo rows as LOCAL training data (design decision: demo
 * rows must never reach real peers). Rows go through the repository's writeLocalBulk: stamped
 * as any write (HLC per row, per-field versions) and audited (one hash-chained entry per table
 * per chunk), but with no sync ops, and the database is marked with the `demoData` meta row so
 * sync refuses to export from or import into it. Each chunk is one transaction of one bulkPut
 * per table plus the task index rows folded in memory from the rows just written (no reads
 * per row): on Chromium the cost is the number of IndexedDB requests, so a row costs exactly
 * one put. Refused on a database that holds anything beyond the first-run setup, so demo rows
 * can never mix with real work.
 */
import { AppError } from '@shared/errors';
import type { JsonValue } from '@shared/data/ops';
import type { Actor } from '@shared/authority';
import type { DemoData } from '@shared/demo/generator';
import { foldTask } from '@shared/tasks/state';
import type { Directive, TaskEvent } from '@shared/tasks/model';
import type { DondocDb, EntityRow } from '../../../data/db';
import { writeLocalBulk, type BulkRow, type WriteContext } from '../../../data/repository';
import type { Organisation } from '@shared/registries/organisation';
import { loadOrganisation } from '../../registries/queries';
import { buildIndexRow, rowToEvent, rowToTask, type TaskIndexRow } from './taskIndex';
import { isAdministrator } from '@shared/roles';

/** meta key marking a database that holds demo data (rows without sync ops). */
export const DEMO_DATA_META_KEY = 'demoData';

export interface DemoDataMark {
  /** ISO timestamp the load started. */
  loadedAt: string;
  seed: number;
  tasks: number;
  events: number;
}

/** The demo mark, or null when this database never had demo data loaded. */
export async function demoDataMark(db: DondocDb): Promise<DemoDataMark | null> {
  const row = await db.meta.get(DEMO_DATA_META_KEY);
  return row ? (row.value as DemoDataMark) : null;
}

export interface DemoLoadProgress {
  stage: 'registries' | 'directives' | 'tasks' | 'done';
  done: number;
  total: number;
}

export interface DemoLoadResult {
  units: number;
  officials: number;
  directives: number;
  tasks: number;
  events: number;
  steps: number;
}

/** Tables that must be empty: anything there is real work. */
const MUST_BE_EMPTY = ['officials', 'posts', 'directives', 'tasks', 'taskLogs', 'calendarOverrides', 'letters', 'registerEntries'] as const;

/** Why demo data may not be loaded here, or null when it may (a freshly set-up database). */
export async function demoRefusal(db: DondocDb): Promise<string | null> {
  const org = await loadOrganisation(db);
  if (!org) return 'Cần hoàn tất thiết lập ban đầu trước khi nạp dữ liệu mẫu.';
  // The demo is a whole province as its coordinating office sees it.
  if (org.siteRole !== 'coordinator') return 'Dữ liệu mẫu chỉ nạp được trên máy của Văn phòng điều phối.';
  if (await demoDataMark(db)) return 'Cơ sở dữ liệu này đã được nạp dữ liệu mẫu; chỉ nạp được dữ liệu mẫu vào một cơ sở dữ liệu vừa thiết lập ban đầu.';
  for (const name of MUST_BE_EMPTY) {
    if (!db.tables.some((t) => t.name === name)) continue;
    if ((await db.table(name).count()) > 0) return 'Cơ sở dữ liệu đã có dữ liệu thật; chỉ nạp được dữ liệu mẫu vào một cơ sở dữ liệu vừa thiết lập ban đầu.';
  }
  if ((await db.units.count()) > 2) return 'Danh mục đơn vị đã được nhập; chỉ nạp được dữ liệu mẫu vào một cơ sở dữ liệu vừa thiết lập ban đầu.';
  return null;
}

function json<T extends object>(value: T): Record<string, JsonValue> {
  return JSON.parse(JSON.stringify(value)) as Record<string, JsonValue>;
}

function bulk<T extends { id: string }>(rows: readonly T[]): BulkRow[] {
  return rows.map(({ id, ...rest }) => ({ rowId: id, values: json(rest) }));
}

const yieldToUi = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Tasks per transaction (with their events, steps and index rows, ≈ 2,000 puts). Measured in
 * Chromium 156 at office size: the browser's IndexedDB CPU per put is the same from 100 to
 * 2,000 tasks per chunk, so the smaller end keeps progress smooth and script bursts short.
 */
export const DEMO_CHUNK_TASKS = 250;

export interface AdaptedDemo {
  units: DemoData['units'];
  posts: DemoData['posts'];
  directives: DemoData['directives'];
  tasks: DemoData['tasks'];
  /** Per task, in chronological order. */
  eventsByTask: Map<string, DemoData['events']>;
  stepsByTask: Map<string, DemoData['steps']>;
}

/**
 * The demo as this installation stores it: the demo's province committee and coordinating
 * office become this site's own authority and office (kept with the names given at setup).
 */
export function adaptDemo(data: DemoData, org: Pick<Organisation, 'actsForUnitIds' | 'authorityUnitId'>): AdaptedDemo {
  const office = org.actsForUnitIds.find((u) => u !== org.authorityUnitId) ?? null;
  const remap = new Map<string, string>([[data.rootUnitId, org.authorityUnitId]]);
  if (office) remap.set(data.coordinatorUnitId, office);
  const u = (unitId: string) => remap.get(unitId) ?? unitId;
  const un = (unitId: string | null) => (unitId === null ? null : u(unitId));

  const units = data.units.filter((x) => !remap.has(x.id)).map((x) => ({ ...x, parentId: un(x.parentId) }));
  const posts = data.posts.map((p) => ({ ...p, unitId: u(p.unitId) }));
  const directives = data.directives.map((d) => ({ ...d, issuerUnitId: un(d.issuerUnitId) }));
  const tasks = data.tasks.map((t) => ({ ...t, assignerUnitId: u(t.assignerUnitId), leadUnitId: u(t.leadUnitId), supportUnitIds: t.supportUnitIds.map(u) }));
  const eventsByTask = new Map<string, DemoData['events']>();
  for (const e of data.events) {
    const moved = e.type === 'reassignment' ? { ...e, newLeadUnitId: u(e.newLeadUnitId) } : e.type === 'contribution' ? { ...e, unitId: u(e.unitId) } : e;
    const list = eventsByTask.get(e.taskId);
    if (list) list.push(moved);
    else eventsByTask.set(e.taskId, [moved]);
  }
  const stepsByTask = new Map<string, DemoData['steps']>();
  for (const s of data.steps) {
    const list = stepsByTask.get(s.taskId);
    if (list) list.push(s);
    else stepsByTask.set(s.taskId, [s]);
  }
  return { units, posts, directives, tasks, eventsByTask, stepsByTask };
}

/**
 * Loads the demo. The demo's province committee and coordinating office become this
 * installation's own authority and office (kept with the names given at setup), so tasks the
 * demo assigns are this site's to manage. `chunkSize` tasks (with their events and steps) per
 * transaction; the UI gets a progress report and a turn between chunks.
 */
export async function loadDemoData(db: DondocDb, ctx: WriteContext, actor: Actor, data: DemoData, onProgress?: (p: DemoLoadProgress) => void, chunkSize = DEMO_CHUNK_TASKS): Promise<DemoLoadResult> {
  if (!isAdministrator(actor.role)) throw new AppError('not-authorised', 'Chỉ quản trị viên được nạp dữ liệu mẫu.');
  const refusal = await demoRefusal(db);
  if (refusal) throw new AppError('conflict', refusal);
  const { units, posts, directives, tasks, eventsByTask, stepsByTask } = adaptDemo(data, (await loadOrganisation(db))!);

  const action = 'Nạp dữ liệu mẫu';
  const now = ctx.now ?? (() => new Date());
  const mark: DemoDataMark = { loadedAt: now().toISOString(), seed: data.options.seed, tasks: tasks.length, events: data.events.length };
  const total = tasks.length;
  onProgress?.({ stage: 'registries', done: 0, total });
  // The mark is written with the first demo rows, so even an interrupted load is never synced.
  await db.transaction('rw', [db.units, db.officials, db.posts, db.audit, db.meta], async () => {
    await db.meta.put({ key: DEMO_DATA_META_KEY, value: mark });
    await writeLocalBulk(db, ctx, 'units', bulk(units), action, `Nạp dữ liệu mẫu: ${units.length} đơn vị`);
    await writeLocalBulk(db, ctx, 'officials', bulk(data.officials), action, `Nạp dữ liệu mẫu: ${data.officials.length} cán bộ`);
    await writeLocalBulk(db, ctx, 'posts', bulk(posts), action, `Nạp dữ liệu mẫu: ${posts.length} chức vụ`);
  });

  onProgress?.({ stage: 'directives', done: 0, total });
  const directiveById = new Map<string, Directive>();
  const directiveChunk = chunkSize * 4;
  for (let i = 0; i < directives.length; i += directiveChunk) {
    const chunk = directives.slice(i, i + directiveChunk);
    const rows = await db.transaction('rw', [db.directives, db.audit, db.meta], () =>
      writeLocalBulk(db, ctx, 'directives', bulk(chunk), action, `Nạp dữ liệu mẫu: ${chunk.length} văn bản chỉ đạo`),
    );
    for (const r of rows) directiveById.set(r.id, rowToTask(r) as unknown as Directive);
  }

  let events = 0;
  let steps = 0;
  for (let i = 0; i < tasks.length; i += chunkSize) {
    const chunk = tasks.slice(i, i + chunkSize);
    const chunkEvents = chunk.flatMap((t) => eventsByTask.get(t.id) ?? []);
    const chunkSteps = chunk.flatMap((t) => stepsByTask.get(t.id) ?? []);
    await db.transaction('rw', [db.tasks, db.taskLogs, db.taskIndex, db.audit, db.meta], async () => {
      const taskRows = await writeLocalBulk(db, ctx, 'tasks', bulk(chunk), action, `Nạp dữ liệu mẫu: ${chunk.length} nhiệm vụ`);
      // Events in chronological order per task: their versions then follow time.
      const eventRows = await writeLocalBulk(db, ctx, 'taskEvents', bulk(chunkEvents), action, `Nạp dữ liệu mẫu: ${chunkEvents.length} diễn biến nhiệm vụ`);
      await writeLocalBulk(db, ctx, 'taskSteps', bulk(chunkSteps), action, `Nạp dữ liệu mẫu: ${chunkSteps.length} bước thực hiện`);
      await db.taskIndex.bulkPut(indexRows(taskRows, eventRows, directiveById));
    });
    events += chunkEvents.length;
    steps += chunkSteps.length;
    onProgress?.({ stage: 'tasks', done: Math.min(total, i + chunk.length), total });
    await yieldToUi();
  }
  onProgress?.({ stage: 'done', done: total, total });
  return { units: units.length, officials: data.officials.length, directives: directives.length, tasks: tasks.length, events, steps };
}

/** What reindexTasks would store for these tasks, from the rows just written instead of re-reading them. */
function indexRows(taskRows: readonly EntityRow[], eventRows: readonly EntityRow[], directives: ReadonlyMap<string, Directive>): TaskIndexRow[] {
  const eventsByTask = new Map<string, TaskEvent[]>();
  for (const r of eventRows) {
    const e = rowToEvent(r);
    const list = eventsByTask.get(e.taskId);
    if (list) list.push(e);
    else eventsByTask.set(e.taskId, [e]);
  }
  return taskRows.map((row) => {
    const task = rowToTask(row);
    const state = foldTask(task, eventsByTask.get(task.id) ?? [], undefined, row._v);
    return buildIndexRow(task, state, task.directiveId ? (directives.get(task.directiveId) ?? null) : null);
  });
}
