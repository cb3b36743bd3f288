/**
 * The packed snapshot of the LOCAL task index: on this kind of PC IndexedDB charges
 * per record, so reading 50,000 index rows one record each costs seconds while the same bytes
 * in a few records cost a fraction. The snapshot is the whole index packed into a few
 * `taskIndexPacks` records (a head and chunks), written at idle and when the window is hidden or
 * closed; every write to `taskIndex` after it leaves, in the SAME transaction, one
 * `taskIndexDirty` record naming the keys it touched (a Dexie middleware below does this for
 * every writer, so no write path can forget). A cold start reads the head, the chunks, the dirty
 * records and the few rows they name, instead of every row. The per-row `taskIndex` table stays
 * the truth (its indexes serve the queries that need random access); the snapshot is a cache of
 * it: a missing, stale (other format) or corrupt (fails zod, wrong count) snapshot is ignored
 * and the index read in full, and the next idle moment writes a fresh one.
 */
import { z } from 'zod';
import type { DBCore, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import type { DondocDb } from '../../../data/db';
import type { TaskIndexRow } from './taskIndex';
import { decodeColumns, encodeColumns, type ColumnChunk } from './indexColumns';
import { DIRTY_TABLE, PACKS_TABLE, SNAPSHOT_HEAD_ID, TASK_INDEX_TABLE, takeEarlyIndexRead, type EarlyIndexRead } from './earlyIndexRead';

export { DIRTY_TABLE, PACKS_TABLE, SNAPSHOT_HEAD_ID, TASK_INDEX_TABLE };

/**
 * Bump when TaskIndexRow's stored shape or the chunk form changes in a way an old snapshot must
 * not be read as. 1: one object per row; 2: columns (indexColumns.ts).
 */
export const INDEX_SNAPSHOT_FORMAT = 2;
/** Rows per packed record: a few records for a province, each a bounded structured clone. */
export const SNAPSHOT_CHUNK_ROWS = 10_000;

/** A taskIndex write since the snapshot: the keys it touched, or `all` after a clear or range delete. */
export interface DirtyRecord {
  id: string;
  keys: string[];
  all?: true;
}

export interface SnapshotHead {
  id: typeof SNAPSHOT_HEAD_ID;
  format: number;
  /** Rows across all chunks. */
  count: number;
  /** Ids of the chunk records, in order. */
  chunks: string[];
  writtenAt: string;
}

export type PackRecord = SnapshotHead | ColumnChunk;

const headSchema = z.object({
  id: z.literal(SNAPSHOT_HEAD_ID),
  format: z.number().int(),
  count: z.number().int().min(0),
  chunks: z.array(z.string()),
  writtenAt: z.string(),
});
const dirtySchema = z.object({
  id: z.string(),
  keys: z.array(z.string()),
  all: z.literal(true).optional(),
});

/** Keys a mutation of taskIndex touched, or 'all' when it cannot name them (clear, range delete). */
function touched(req: DBCoreMutateRequest): string[] | 'all' {
  switch (req.type) {
    case 'add':
    case 'put':
      if (req.keys) return req.keys.map(String);
      return req.values.map((v: { id?: unknown }) => String(v.id));
    case 'delete':
      return req.keys.map(String);
    case 'deleteRange':
      return 'all';
  }
}

function hasStore(trans: DBCoreTransaction, store: string): boolean {
  const names = (
    trans as unknown as {
      objectStoreNames?: { contains(name: string): boolean };
    }
  ).objectStoreNames;
  return !!names && names.contains(store);
}

/**
 * The Dexie middleware that makes every read-write transaction over taskIndex also cover
 * taskIndexDirty, and records, in that transaction, the keys each mutation touched.
 */
export const taskIndexDirtyMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'taskIndexDirty',
  create(down) {
    const dirtyOf = (): DBCoreTable | null => {
      try {
        return down.table(DIRTY_TABLE);
      } catch {
        return null;
      }
    };
    return {
      ...down,
      transaction(stores, mode, options) {
        const extend = mode === 'readwrite' && stores.includes(TASK_INDEX_TABLE) && !stores.includes(DIRTY_TABLE) && dirtyOf() !== null;
        return down.transaction(extend ? [...stores, DIRTY_TABLE] : stores, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (name !== TASK_INDEX_TABLE) return table;
        return {
          ...table,
          async mutate(req) {
            const res = await table.mutate(req);
            const dirty = dirtyOf();
            // Inside a version upgrade from before v9 the dirty store does not exist yet; nor does a snapshot.
            if (dirty && hasStore(req.trans, DIRTY_TABLE)) {
              const keys = touched(req);
              const record: DirtyRecord = keys === 'all' ? { id: crypto.randomUUID(), keys: [], all: true } : { id: crypto.randomUUID(), keys };
              if (keys === 'all' || keys.length > 0)
                await dirty.mutate({
                  type: 'put',
                  trans: req.trans,
                  values: [record],
                });
            }
            return res;
          },
        };
      },
    };
  },
};

export interface SnapshotRead {
  rows: TaskIndexRow[];
  /** 'snapshot': packed records plus a tail of `tail` re-read rows; 'full': every row read (no usable snapshot). */
  source: 'snapshot' | 'full';
  tail: number;
  /** Why the snapshot was not used, when source is 'full'. */
  reason: string | null;
  /** The records came from the early read the entry module started (earlyIndexRead.ts). */
  early: boolean;
}

type SnapshotUse = { rows: TaskIndexRow[]; tail: number; early: boolean } | { reason: string };

/** The records a cold read needs, as read in this transaction (or by the early read when still current). */
interface SnapshotRecords {
  packs: unknown[];
  dirtyRaw: unknown[];
  count: number;
  early: boolean;
  /** The current rows of `keys`, in order. */
  rowsOf(keys: string[]): Promise<(TaskIndexRow | undefined)[]>;
}

/** A stored record's key (records are only known to be objects once checked). */
const idOf = (record: unknown): unknown => (record as { id?: unknown }).id;

/** The same head record (or none in both) and the same dirty records: nothing wrote the snapshot or the index since. */
async function stillCurrent(db: DondocDb, early: EarlyIndexRead): Promise<boolean> {
  if (early.idbVersion !== db.backendDB().version) return false;
  const [head, dirtyIds] = await Promise.all([db.taskIndexPacks.get(SNAPSHOT_HEAD_ID), db.taskIndexDirty.toCollection().primaryKeys()]);
  const earlyHead = early.packs.find((p) => idOf(p) === SNAPSHOT_HEAD_ID);
  if (JSON.stringify(head) !== JSON.stringify(earlyHead)) return false;
  const earlyIds = early.dirty.map(idOf);
  return dirtyIds.length === earlyIds.length && dirtyIds.every((id, i) => id === earlyIds[i]);
}

async function snapshotRecords(db: DondocDb, early: EarlyIndexRead | null): Promise<SnapshotRecords> {
  const rowsOf = (keys: string[]) => db.taskIndex.bulkGet(keys);
  if (early && (await stillCurrent(db, early))) {
    return {
      packs: early.packs,
      dirtyRaw: early.dirty,
      count: early.count,
      early: true,
      rowsOf: (keys) => (keys.every((k) => early.fresh.has(k)) ? Promise.resolve(keys.map((k) => early.fresh.get(k) as TaskIndexRow | undefined)) : rowsOf(keys)),
    };
  }
  // One round of requests (the store holds only the head and its chunks): each round trip to IndexedDB is a wait.
  const [packs, dirtyRaw, count] = await Promise.all([db.taskIndexPacks.toArray(), db.taskIndexDirty.toArray(), db.taskIndex.count()]);
  return { packs, dirtyRaw, count, early: false, rowsOf };
}

async function readSnapshotIn(db: DondocDb, early: EarlyIndexRead | null): Promise<SnapshotUse> {
  const { packs, dirtyRaw, count, early: fromEarly, rowsOf } = await snapshotRecords(db, early);
  const head = headSchema.safeParse(packs.find((p) => idOf(p) === SNAPSHOT_HEAD_ID));
  if (!head.success) return { reason: 'no snapshot' };
  if (head.data.format !== INDEX_SNAPSHOT_FORMAT) return { reason: `snapshot format ${head.data.format}` };
  const dirty = z.array(dirtySchema).safeParse(dirtyRaw);
  if (!dirty.success) return { reason: 'corrupt tail' };
  if (dirty.data.some((d) => d.all)) return { reason: 'index cleared since the snapshot' };
  const keys = [...new Set(dirty.data.flatMap((d) => d.keys))];
  const fresh = keys.length ? await rowsOf(keys) : [];
  const byId = new Map(packs.map((p) => [idOf(p), p]));
  const chunks = head.data.chunks.map((id) => byId.get(id));
  // No map of 50,000 ids here (it cost more than decoding): rows the tail names are dropped, the tail's current rows appended.
  const retold = new Set(keys);
  const rows: TaskIndexRow[] = [];
  let packed = 0;
  for (const c of chunks) {
    const decoded = decodeColumns(c);
    if (!decoded) return { reason: 'corrupt snapshot chunk' };
    packed += decoded.length;
    if (retold.size === 0) for (const r of decoded) rows.push(r);
    else for (const r of decoded) if (!retold.has(r.id)) rows.push(r);
  }
  if (packed !== head.data.count) return { reason: 'snapshot count mismatch' };
  for (const r of fresh) if (r) rows.push(r);
  // The cheap end-to-end check: the merged rows are exactly as many as the table holds.
  if (count !== rows.length) return { reason: `snapshot gives ${rows.length} rows, index holds ${count}` };
  return { rows, tail: keys.length, early: fromEarly };
}

/**
 * The whole task index, from the packed snapshot and its tail when they are usable, else by a
 * full read. One read-only transaction, so the rows are the index as of one moment. When the
 * entry module started an early read of this database (earlyIndexRead.ts), its records are used
 * if this transaction finds the same head and the same dirty records: every write to the index
 * leaves a dirty record and every snapshot a new head, so equal ones mean nothing changed since.
 */
export async function readTaskIndex(db: DondocDb): Promise<SnapshotRead> {
  const early = await (takeEarlyIndexRead(db.name) ?? Promise.resolve(null));
  return db.transaction('r', [db.taskIndex, db.taskIndexPacks, db.taskIndexDirty], async () => {
    let use: SnapshotUse;
    try {
      use = await readSnapshotIn(db, early);
    } catch (e) {
      use = {
        reason: `snapshot unreadable: ${e instanceof Error ? e.message : String(e)}`,
      };
    }
    if ('rows' in use)
      return {
        rows: use.rows,
        source: 'snapshot' as const,
        tail: use.tail,
        reason: null,
        early: use.early,
      };
    return {
      rows: await db.taskIndex.toArray(),
      source: 'full' as const,
      tail: 0,
      reason: use.reason,
      early: false,
    };
  });
}

/** Dirty records since the snapshot (how long the tail a cold start would re-read is). */
export async function snapshotTailLength(db: DondocDb): Promise<{ records: number; all: boolean }> {
  const dirty = (await db.taskIndexDirty.toArray()) as DirtyRecord[];
  return { records: dirty.length, all: dirty.some((d) => d.all === true) };
}

/**
 * Writes a fresh snapshot in one transaction. `current` holds rows believed current except,
 * at most, for keys named by dirty records (the mirror's rows; see TaskIndexMirror.saveSnapshot):
 * inside the transaction the rows of those keys are re-read and overlaid, so the snapshot is
 * the index as of this transaction, and the dirty records it covers are removed. After a clear
 * (an `all` record) every row is read instead. Returns the rows written (the caller adopts them).
 */
export async function writeTaskIndexSnapshot(db: DondocDb, current: Iterable<TaskIndexRow>, now: () => Date = () => new Date()): Promise<Map<string, TaskIndexRow>> {
  return db.transaction('rw', [db.taskIndex, db.taskIndexPacks, db.taskIndexDirty], async () => {
    const dirty = (await db.taskIndexDirty.toArray()) as DirtyRecord[];
    let rows: Map<string, TaskIndexRow>;
    if (dirty.some((d) => d.all === true)) {
      rows = new Map((await db.taskIndex.toArray()).map((r) => [r.id, r]));
    } else {
      rows = new Map([...current].map((r) => [r.id, r]));
      const keys = [...new Set(dirty.flatMap((d) => d.keys))];
      const fresh = keys.length ? await db.taskIndex.bulkGet(keys) : [];
      fresh.forEach((row, i) => {
        if (row) rows.set(row.id, row);
        else rows.delete(keys[i]);
      });
    }
    const all = [...rows.values()];
    const chunks: ColumnChunk[] = [];
    for (let i = 0; i < all.length; i += SNAPSHOT_CHUNK_ROWS) chunks.push(encodeColumns(`chunk-${String(chunks.length).padStart(4, '0')}`, all.slice(i, i + SNAPSHOT_CHUNK_ROWS)));
    const head: SnapshotHead = {
      id: SNAPSHOT_HEAD_ID,
      format: INDEX_SNAPSHOT_FORMAT,
      count: all.length,
      chunks: chunks.map((c) => c.id),
      writtenAt: now().toISOString(),
    };
    await db.taskIndexPacks.clear();
    await db.taskIndexPacks.bulkPut([head, ...chunks]);
    if (dirty.length) await db.taskIndexDirty.bulkDelete(dirty.map((d) => d.id));
    return rows;
  });
}
