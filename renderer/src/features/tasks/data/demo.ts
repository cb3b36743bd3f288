/**
 * "Nạp dữ liệu mẫu": writes generated demo rows through the repository's bulk path (one op
 * per row, one audit entry per chunk) in chunked transactions, building the task index in
 * the same transaction as each chunk. Refused on a database that holds anything beyond the
 * first-run setup, so demo rows can never mix with real work.
 */
import { AppError } from '@shared/errors';
import type { JsonValue } from '@shared/data/ops';
import type { Actor } from '@shared/authority';
import type { DemoData } from '@shared/demo/generator';
import type { DondocDb } from '../../../data/db';
import { withWrites, type BulkRow, type WriteContext } from '../../../data/repository';
import { loadOrganisation } from '../../registries/queries';
import { reindexTasks } from './taskIndex';

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
const MUST_BE_EMPTY = ['officials', 'posts', 'directives', 'tasks', 'taskSteps', 'taskEvents', 'calendarOverrides', 'letters', 'registerEntries'] as const;

/** Why demo data may not be loaded here, or null when it may (a freshly set-up database). */
export async function demoRefusal(db: DondocDb): Promise<string | null> {
  const org = await loadOrganisation(db);
  if (!org) return 'Cần hoàn tất thiết lập ban đầu trước khi nạp dữ liệu mẫu.';
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
 * Loads the demo. The demo's province committee and coordinating office become this
 * installation's own authority and office (kept with the names given at setup), so tasks the
 * demo assigns are this site's to manage.
 */
export async function loadDemoData(db: DondocDb, ctx: WriteContext, actor: Actor, data: DemoData, onProgress?: (p: DemoLoadProgress) => void, chunkSize = 500): Promise<DemoLoadResult> {
  if (actor.role !== 'admin') throw new AppError('not-authorised', 'Chỉ quản trị viên được nạp dữ liệu mẫu.');
  const refusal = await demoRefusal(db);
  if (refusal) throw new AppError('conflict', refusal);
  const org = (await loadOrganisation(db))!;
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

  const total = tasks.length;
  onProgress?.({ stage: 'registries', done: 0, total });
  await withWrites(db, ctx, ['units', 'officials', 'posts'], async (w) => {
    await w.setMany('units', bulk(units), 'Nạp dữ liệu mẫu', `Nạp dữ liệu mẫu: ${units.length} đơn vị`);
    await w.setMany('officials', bulk(data.officials), 'Nạp dữ liệu mẫu', `Nạp dữ liệu mẫu: ${data.officials.length} cán bộ`);
    await w.setMany('posts', bulk(posts), 'Nạp dữ liệu mẫu', `Nạp dữ liệu mẫu: ${posts.length} chức vụ`);
  });

  onProgress?.({ stage: 'directives', done: 0, total });
  for (let i = 0; i < directives.length; i += chunkSize * 4) {
    const chunk = directives.slice(i, i + chunkSize * 4);
    await withWrites(db, ctx, ['directives'], (w) => w.setMany('directives', bulk(chunk), 'Nạp dữ liệu mẫu', `Nạp dữ liệu mẫu: ${chunk.length} văn bản chỉ đạo`));
  }

  let events = 0;
  let steps = 0;
  for (let i = 0; i < tasks.length; i += chunkSize) {
    const chunk = tasks.slice(i, i + chunkSize);
    const chunkEvents = chunk.flatMap((t) => eventsByTask.get(t.id) ?? []);
    const chunkSteps = chunk.flatMap((t) => stepsByTask.get(t.id) ?? []);
    await db.transaction('rw', [db.tasks, db.taskEvents, db.taskSteps, db.directives, db.taskIndex, db.ops, db.audit, db.meta], async () => {
      await withWrites(db, ctx, ['tasks', 'taskEvents', 'taskSteps'], async (w) => {
        await w.setMany('tasks', bulk(chunk), 'Nạp dữ liệu mẫu', `Nạp dữ liệu mẫu: ${chunk.length} nhiệm vụ`);
        // Events in chronological order per task: their versions then follow time.
        await w.insertMany('taskEvents', bulk(chunkEvents), 'Nạp dữ liệu mẫu', `Nạp dữ liệu mẫu: ${chunkEvents.length} diễn biến nhiệm vụ`);
        await w.setMany('taskSteps', bulk(chunkSteps), 'Nạp dữ liệu mẫu', `Nạp dữ liệu mẫu: ${chunkSteps.length} bước thực hiện`);
      });
      await reindexTasks(
        db,
        chunk.map((t) => t.id),
      );
    });
    events += chunkEvents.length;
    steps += chunkSteps.length;
    onProgress?.({ stage: 'tasks', done: Math.min(total, i + chunk.length), total });
    await yieldToUi();
  }
  onProgress?.({ stage: 'done', done: total, total });
  return { units: units.length, officials: data.officials.length, directives: directives.length, tasks: tasks.length, events, steps };
}
