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
import { isLogEntity, logOf, rowStore, storeTables } from '../../../data/taskLogs';
import { loadSyncSites } from './peers';
import { findOpAt } from '../../../data/opLog';
import type { ConflictRow } from './types';

/** Who wrote a version ("hlc|site"): the op's actor when this replica holds it. */
export async function authorOf(db: DondocDb, entity: string, rowId: string, version: string): Promise<{ actor: string; site: string; hlc: string } | null> {
  const bar = version.lastIndexOf('|');
  const hlc = version.slice(0, bar);
  const site = version.slice(bar + 1);
  const op = await findOpAt(db, site, hlc, entity, rowId);
  return op ? { actor: op.actor, site, hlc } : { actor: '', site, hlc };
}

/** One side of a conflict, with the actor who wrote it ('' when this replica does not know). */
export interface ConflictSide {
  value: unknown;
  version: string;
  actor: string;
}

/** A conflict as the conflicts page shows it: the record's name and both sides' authors. */
export interface ConflictItem {
  conflict: ConflictRow;
  record: string;
  winner: ConflictSide;
  loser: ConflictSide;
}

/** Open conflicts, or resolved and dismissed ones, newest first (at most 2000), ready to show. */
export async function loadConflictItems(db: DondocDb, tab: 'open' | 'closed'): Promise<ConflictItem[]> {
  const rows = tab === 'open' ? await db.syncConflicts.where('status').equals('open').toArray() : await db.syncConflicts.where('status').anyOf('resolved', 'dismissed').toArray();
  rows.sort((a, b) => b.detectedAt.localeCompare(a.detectedAt));
  const out: ConflictItem[] = [];
  for (const c of rows.slice(0, 2000)) {
    const known = isLogEntity(c.entity) || (db.tables.map((t) => t.name) as string[]).includes(c.entity);
    const row = known ? ((await rowStore(db, c.entity).get(c.rowId)) as Record<string, unknown> | undefined) : undefined;
    const record = [row?.title, row?.name, row?.fullName, row?.subject].find((x): x is string => typeof x === 'string') ?? 'Bản ghi';
    const [w, l] = await Promise.all([authorOf(db, c.entity, c.rowId, c.winner.version), authorOf(db, c.entity, c.rowId, c.loser.version)]);
    const actor = (version: string, found: { actor: string } | null) => (version === `${c.incoming.hlc}|${c.incoming.site}` ? c.incoming.actor : (found?.actor ?? ''));
    out.push({ conflict: c, record, winner: { ...c.winner, actor: actor(c.winner.version, w) }, loser: { ...c.loser, actor: actor(c.loser.version, l) } });
  }
  return out;
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
  const row = await rowStore(db, entity).get(conflict.rowId);
  const events = entity === 'tasks' ? (await logOf(db, conflict.rowId)).events : [];
  const verdict = authorizeSyncOp(probe, sites.get(ctx.site), {
    row: (e, rid) => (e === conflict.entity && rid === conflict.rowId ? row : undefined),
    taskEvents: () => events,
    posts: () => [],
    hasEntity: () => true,
  });
  if (verdict.status === 'reject') throw new AppError('not-authorised', `Máy này không được sửa trường này: ${verdict.reason}`);
  const at = (ctx.now ? ctx.now() : new Date()).toISOString();
  await db.transaction('rw', [...storeTables(db, [entity, 'tasks', 'taskEvents', 'directives']), db.taskIndex, db.syncConflicts, db.opSegments, db.audit, db.meta], async () => {
    const written = await withWrites(db, ctx, [entity], (w) => w.set(entity, conflict.rowId, { [conflict.field]: conflict.loser.value as JsonValue }, 'Chọn giá trị khi xung đột', `Trường ${conflict.field}: chọn giá trị còn lại`));
    const taskId = taskIdOf(conflict.entity, conflict.rowId, {}, written);
    if (taskId) await reindexTasks(db, [taskId]);
    const done: Partial<ConflictRow> = { status: 'resolved', resolvedAt: at, resolvedBy: ctx.actor };
    await db.syncConflicts.update(id, done);
  });
}
