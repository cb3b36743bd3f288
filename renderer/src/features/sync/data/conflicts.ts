/**
 * Conflicts to review: a concurrent edit of one field. Every replica already agrees on the
 * winner; choosing the other value is simply a new local op through the repository.
 */
import { AppError } from '@shared/errors';
import type { JsonValue, Op } from '@shared/data/ops';
import { authorizeSyncOp } from '@shared/sync/authorize';
import { taskIdOf } from '@shared/sync/apply';
import { reindexTasks } from '../../tasks/data/taskIndex';
import { ENTITY_TABLES, type DondocDb, type EntityTable } from '../../../data/db';
import { withWrites, type WriteContext } from '../../../data/repository';
import { loadSyncSites } from './peers';
import type { ConflictRow } from './types';

/** Who wrote a version ("hlc|site"): the op's actor when this replica holds it. */
export async function authorOf(db: DondocDb, entity: string, rowId: string, version: string): Promise<{ actor: string; site: string; hlc: string } | null> {
  const bar = version.lastIndexOf('|');
  const hlc = version.slice(0, bar);
  const site = version.slice(bar + 1);
  const op = await db.ops.where('[site+hlc]').equals([site, hlc]).filter((o) => o.entity === entity && o.rowId === rowId).first();
  return op ? { actor: op.actor, site, hlc } : { actor: '', site, hlc };
}

/** Keeps the winner: the conflict leaves the open list. */
export async function dismissConflict(db: DondocDb, ctx: WriteContext, id: string): Promise<void> {
  const at = (ctx.now ? ctx.now() : new Date()).toISOString();
  await db.syncConflicts.update(id, { status: 'dismissed', resolvedAt: at, resolvedBy: ctx.actor });
}

/** Writes the losing value as a new op (checked against this site's own authority first). */
export async function chooseOtherValue(db: DondocDb, ctx: WriteContext, id: string): Promise<void> {
  const conflict = await db.syncConflicts.get(id);
  if (!conflict) throw new AppError('not-found', 'Không tìm thấy xung đột.');
  if (conflict.status !== 'open') throw new AppError('conflict', 'Xung đột này đã được xử lý.');
  if (!(ENTITY_TABLES as readonly string[]).includes(conflict.entity)) throw new AppError('invalid-input', 'Loại dữ liệu này không sửa được trên máy này.');
  const entity = conflict.entity as EntityTable;
  const sites = await loadSyncSites(db, ctx.site);
  const probe: Op = { id: 'probe', site: ctx.site, hlc: '000000000000000-0000-' + ctx.site, entity: conflict.entity, rowId: conflict.rowId, kind: 'set', values: { [conflict.field]: conflict.loser.value as JsonValue }, actor: ctx.actor };
  const row = await db.table(entity).get(conflict.rowId);
  const events = entity === 'tasks' ? await db.taskEvents.where('taskId').equals(conflict.rowId).toArray() : [];
  const verdict = authorizeSyncOp(probe, sites.get(ctx.site), {
    row: (e, rid) => (e === conflict.entity && rid === conflict.rowId ? row : undefined),
    taskEvents: () => events,
    posts: () => [],
    hasEntity: () => true,
  });
  if (verdict.status === 'reject') throw new AppError('not-authorised', `Máy này không được sửa trường này: ${verdict.reason}`);
  const at = (ctx.now ? ctx.now() : new Date()).toISOString();
  const tables = [...new Set([db.table(entity), db.tasks, db.taskEvents, db.directives])];
  await db.transaction('rw', [...tables, db.taskIndex, db.syncConflicts, db.ops, db.audit, db.meta], async () => {
    const written = await withWrites(db, ctx, [entity], (w) => w.set(entity, conflict.rowId, { [conflict.field]: conflict.loser.value as JsonValue }, 'Chọn giá trị khi xung đột', `Trường ${conflict.field}: chọn giá trị còn lại`));
    const taskId = taskIdOf(conflict.entity, conflict.rowId, {}, written);
    if (taskId) await reindexTasks(db, [taskId]);
    const done: Partial<ConflictRow> = { status: 'resolved', resolvedAt: at, resolvedBy: ctx.actor };
    await db.syncConflicts.update(id, done);
  });
}
