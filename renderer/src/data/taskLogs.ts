/**
 * Task events and steps, packed per task (schema v10): ONE `taskLogs` record per task holds all
 * its events and steps as the rows withWrites would have stored, so folding a task (its index
 * row, a report, the detail screen) reads one record, not one per event. The op log, the audit
 * and sync still name them per row (`taskEvents`/`taskSteps`, rowId); this module is the only
 * code that maps such a row to its pack, for reads and for writes (the repository, the sync
 * import, the demo loader and the v10 migration all go through it).
 *
 * A step is found by its own id through the multi-entry index `stepIds`: an op changing a step
 * names only the step. An event is found through its task: events are only ever inserted, with
 * their task id (sync refuses any other op on an event, taskEventSchema requires the task), so
 * every caller holding an event's id also holds its task's (the row, the op's values) and passes
 * it (`taskIdOf`); an id without one is looked for in every pack (only a malformed op or a
 * conflict record names an event without its task). The pack's `eventIds` list has no index
 * (schema v11): it was the largest index of the database, rewritten whole on every put of a pack.
 * A row without a task id (an op for a step whose creating op never arrived) lives in the pack
 * keyed {@link NO_TASK}, which is no task id.
 *
 * Inside a read-write transaction the packs read or written are kept per transaction, so two
 * writes of one task's rows (even when awaited together) change the same pack, never two copies.
 */
import Dexie, { type Table } from 'dexie';
import type { DondocDb, EntityRow } from './db';
import { loadByKeys, sortedUnique } from './bulkRead';

export const TASK_LOGS_TABLE = 'taskLogs';
export const LOG_ENTITIES = ['taskEvents', 'taskSteps'] as const;
export type LogEntity = (typeof LOG_ENTITIES)[number];
/** The pack of rows without a task id (ids are UUIDs; a row naming this key shares the pack, harmlessly). */
export const NO_TASK = '(none)';

export interface TaskLog {
  taskId: string;
  events: EntityRow[];
  steps: EntityRow[];
  /** Ids of `events` (no index since v11: events are found through their task). */
  eventIds: string[];
  /** Ids of `steps` (multi-entry index). */
  stepIds: string[];
}

/** Dexie store declaration of the pack table (v10 also indexed `*eventIds`). */
export const TASK_LOGS_STORE = 'taskId, *stepIds';

/** The task id a caller knows for a row id (an event's pack is its task's), or nothing. */
export type TaskIdOf = (rowId: string) => unknown;

const LIST = { taskEvents: 'events', taskSteps: 'steps' } as const;
const IDS = { taskEvents: 'eventIds', taskSteps: 'stepIds' } as const;

export function isLogEntity(entity: string): entity is LogEntity {
  return entity === 'taskEvents' || entity === 'taskSteps';
}

export function emptyLog(taskId: string): TaskLog {
  return { taskId, events: [], steps: [], eventIds: [], stepIds: [] };
}

/** The pack a row belongs in: its task's. */
export function packKeyOf(row: EntityRow): string {
  return typeof row.taskId === 'string' && row.taskId.length > 0 ? row.taskId : NO_TASK;
}

function setRow(log: TaskLog, entity: LogEntity, row: EntityRow): void {
  const list = log[LIST[entity]];
  const ids = log[IDS[entity]];
  const i = ids.indexOf(row.id);
  if (i >= 0) list[i] = row;
  else {
    list.push(row);
    ids.push(row.id);
  }
}

function dropRow(log: TaskLog, entity: LogEntity, id: string): void {
  const i = log[IDS[entity]].indexOf(id);
  if (i < 0) return;
  log[LIST[entity]].splice(i, 1);
  log[IDS[entity]].splice(i, 1);
}

/** Groups per-row events and steps into packs (the v10 migration, a backup taken before v10). */
export function packRows(rows: Partial<Record<LogEntity, readonly EntityRow[]>>, into = new Map<string, TaskLog>()): Map<string, TaskLog> {
  for (const entity of LOG_ENTITIES) {
    for (const row of rows[entity] ?? []) {
      const key = packKeyOf(row);
      let log = into.get(key);
      if (!log) into.set(key, (log = emptyLog(key)));
      setRow(log, entity, row);
    }
  }
  return into;
}

/** The Dexie tables a transaction over these entities needs (events and steps: the pack table). */
export function storeTables(db: DondocDb, entities: readonly string[]): Table[] {
  return [...new Set(entities.map((e) => (isLogEntity(e) ? TASK_LOGS_TABLE : e)))].map((name) => db.table(name));
}

/**
 * Where one call reads and writes: the pack table bound to the caller's transaction (taken when
 * the call starts, so every request joins it) and that transaction's packs. Everything here is
 * chained on Dexie promises, never native async functions: work still running while the caller
 * goes on (an unawaited put) must not disturb the caller's transaction zone.
 */
interface Scope {
  table: Table<TaskLog, string>;
  session: Session | null;
}

function scopeOf(db: DondocDb): Scope {
  const tx = Dexie.currentTransaction;
  const inTx = !!tx && tx.storeNames.includes(TASK_LOGS_TABLE);
  return { table: inTx ? tx.table<TaskLog, string>(TASK_LOGS_TABLE) : db.table<TaskLog, string>(TASK_LOGS_TABLE), session: inTx ? currentSession() : null };
}

// ---- reads ---------------------------------------------------------------------------------

/**
 * Which of these sorted keys `probe(lo, hi, limit)` finds: one range request when the range
 * holds few other keys (a batch of new ids usually holds none), else `each` per key.
 */
function keysInRange(keys: readonly string[], probe: (lo: string, hi: string, limit: number) => PromiseLike<string[]>, each: (key: string) => PromiseLike<string[]>): Promise<string[]> {
  if (keys.length === 0) return Dexie.Promise.resolve([]);
  const limit = 2 * keys.length + 16;
  return Dexie.Promise.resolve(probe(keys[0], keys[keys.length - 1], limit)).then((found) => {
    if (found.length < limit) return found;
    return Dexie.Promise.all(keys.map(each)).then((lists) => lists.flat());
  });
}

function readLogs(scope: Scope, taskIds: Iterable<string>): Promise<Map<string, TaskLog>> {
  const { session, table } = scope;
  const out = new Map<string, TaskLog>();
  const unread: string[] = [];
  for (const id of sortedUnique(taskIds)) {
    const cached = session?.packs.get(id);
    if (cached) out.set(id, cached);
    else unread.push(id);
  }
  const wanted = new Set(unread);
  // A few packs: one request of a get each. More: the range's keys first (keys only, cheap
  // however big the packs), then one range read when at least half the packs in it are wanted
  // (a batch's tasks usually are; new ids find none), else a get per pack found. Reading the
  // range's packs outright and falling back to gets when it held too many others read most
  // packs twice: the yearly report's 1,904 tasks among 5,000 took 1.1 s that way, 0.4 s now.
  // Not bulkRead.ts's loadByKeys: that one splits a crowded range until it finds the empty parts
  // (a sync chunk's new ids), which for packs scattered among others (a report's) means many
  // probes where one is enough; and it is a native async function, which this module avoids.
  const range = () => table.where(':id').between(unread[0], unread[unread.length - 1], true, true);
  const limit = 8 * unread.length + 64;
  const read: PromiseLike<(TaskLog | undefined)[]> =
    unread.length === 0
      ? Dexie.Promise.resolve([])
      : unread.length <= 16
        ? table.bulkGet(unread)
        : range()
            .limit(limit)
            .primaryKeys()
            .then((present) => {
              if (present.length >= limit) return table.bulkGet(unread);
              const hits = present.filter((k) => wanted.has(k));
              if (hits.length === 0) return [];
              if (present.length <= 2 * hits.length) return range().toArray().then((found) => found.filter((l) => wanted.has(l.taskId)));
              return table.bulkGet(hits);
            });
  return Dexie.Promise.resolve(read)
    .then((logs) => {
      for (const log of logs) if (log) out.set(log.taskId, session ? session.adopt(log) : log);
      return out;
    });
}

/** The packs of these tasks (missing tasks are absent). Joins the caller's transaction. */
export function logsOf(db: DondocDb, taskIds: Iterable<string>): Promise<Map<string, TaskLog>> {
  return readLogs(scopeOf(db), taskIds);
}

/** Events of these tasks, by task (tasks without events are absent), as stored rows (tombstones included). */
export function eventsOf(db: DondocDb, taskIds: Iterable<string>): Promise<Map<string, EntityRow[]>> {
  return readLogs(scopeOf(db), taskIds).then((logs) => {
    const out = new Map<string, EntityRow[]>();
    for (const [id, log] of logs) if (log.events.length) out.set(id, log.events.slice());
    return out;
  });
}

/** One task's events and steps as stored (tombstones included). */
export function logOf(db: DondocDb, taskId: string): Promise<{ events: EntityRow[]; steps: EntityRow[] }> {
  return readLogs(scopeOf(db), [taskId]).then((logs) => {
    const log = logs.get(taskId);
    return { events: log?.events.slice() ?? [], steps: log?.steps.slice() ?? [] };
  });
}

/** Every stored row of one entity (tests, counts, whole-table checks). */
export function allLogRows(db: DondocDb, entity: LogEntity): Promise<EntityRow[]> {
  const out: EntityRow[] = [];
  return scopeOf(db)
    .table.each((log) => {
      for (const row of log[LIST[entity]]) out.push(row);
    })
    .then(() => out);
}

/** How many rows of one entity are stored. */
export function countLogRows(db: DondocDb, entity: LogEntity): Promise<number> {
  let n = 0;
  return scopeOf(db)
    .table.each((log) => {
      n += log[IDS[entity]].length;
    })
    .then(() => n);
}

/**
 * The packs holding these rows, by row id: steps through the multi-entry index `stepIds`, probed
 * as one key range (ids are UUIDv7, a batch's new rows sit in a narrow range that usually holds
 * nothing); events in the packs of the tasks `taskIdOf` names (see the module comment). Only
 * the packs found are read; they tell which of the ids they hold.
 */
function ownersOf(scope: Scope, entity: LogEntity, ids: Iterable<string>, taskIdOf?: TaskIdOf): Promise<Map<string, TaskLog>> {
  const { session } = scope;
  const out = new Map<string, TaskLog>();
  const unknown: string[] = [];
  for (const id of sortedUnique(ids)) {
    const known = session?.owner.get(`${entity}/${id}`);
    if (known === undefined) unknown.push(id);
    else if (known !== null) out.set(id, session!.packs.get(known)!);
  }
  if (unknown.length === 0) return Dexie.Promise.resolve(out);
  return Dexie.Promise.resolve(entity === 'taskSteps' ? stepPackKeys(scope, unknown) : eventPackKeys(scope, unknown, taskIdOf))
    .then((packKeys) => (packKeys.length ? readLogs(scope, packKeys) : new Map<string, TaskLog>()))
    .then((logs) => {
      const index = IDS[entity];
      const wanted = new Set(unknown);
      for (const log of logs.values()) for (const id of log[index]) if (wanted.has(id)) out.set(id, log);
      // Not stored — unless a write awaited together with this one has put it somewhere meanwhile.
      if (session) for (const id of unknown) if (!out.has(id) && !session.owner.has(`${entity}/${id}`)) session.owner.set(`${entity}/${id}`, null);
      return out;
    });
}

function stepPackKeys({ table }: Scope, ids: readonly string[]): PromiseLike<string[]> {
  return keysInRange(
    ids,
    (lo, hi, limit) => table.where('stepIds').between(lo, hi, true, true).limit(limit).primaryKeys(),
    (key) => table.where('stepIds').equals(key).primaryKeys(),
  );
}

/** The packs that may hold these events: their tasks', and, for ids without a task, whichever packs list them (a scan). */
function eventPackKeys({ table }: Scope, ids: readonly string[], taskIdOf?: TaskIdOf): PromiseLike<string[]> {
  const keys = new Set<string>();
  const blind = new Set<string>();
  for (const id of ids) {
    const taskId = taskIdOf?.(id);
    if (typeof taskId === 'string' && taskId.length > 0) keys.add(taskId);
    else blind.add(id);
  }
  if (blind.size === 0) return Dexie.Promise.resolve([...keys]);
  return table
    .filter((log) => log.eventIds.some((id) => blind.has(id)))
    .primaryKeys()
    .then((found) => [...new Set([...keys, ...found])]);
}

/** Stored rows of one entity by id (missing ones absent); `taskIdOf`: an event's task, when known. Joins the caller's transaction. */
export function logRowsById(db: DondocDb, entity: LogEntity, ids: Iterable<string>, taskIdOf?: TaskIdOf): Promise<Map<string, EntityRow>> {
  return ownersOf(scopeOf(db), entity, ids, taskIdOf).then((owners) => {
    const out = new Map<string, EntityRow>();
    for (const [id, log] of owners) {
      const i = log[IDS[entity]].indexOf(id);
      if (i >= 0) out.set(id, log[LIST[entity]][i]);
    }
    return out;
  });
}

// ---- writes --------------------------------------------------------------------------------

/** Packs read or written in one read-write transaction, and which pack holds which row. */
interface Session {
  packs: Map<string, TaskLog>;
  /** "entity/rowId" → the task id of its pack, or null when the row is not stored. */
  owner: Map<string, string | null>;
  /** The cached copy of a pack just read (the first one read wins: it may have been changed since). */
  adopt(log: TaskLog): TaskLog;
}

const sessions = new WeakMap<object, Session>();

function currentSession(): Session | null {
  const tx = Dexie.currentTransaction;
  if (!tx || tx.mode !== 'readwrite' || !tx.storeNames.includes(TASK_LOGS_TABLE)) return null;
  // Nested Dexie transactions share the IndexedDB one: so do their packs.
  const key: object = tx.idbtrans ?? tx;
  let s = sessions.get(key);
  if (!s) {
    const packs = new Map<string, TaskLog>();
    const owner = new Map<string, string | null>();
    s = {
      packs,
      owner,
      adopt(log) {
        const cached = packs.get(log.taskId);
        if (cached) return cached;
        packs.set(log.taskId, log);
        for (const entity of LOG_ENTITIES) for (const id of log[IDS[entity]]) owner.set(`${entity}/${id}`, log.taskId);
        return log;
      },
    };
    sessions.set(key, s);
  }
  return s;
}

/**
 * Writes rows of one entity into their packs: one read of the packs not yet held in this
 * transaction, one put per pack changed. A row whose task id changed moves to its new pack.
 * `fresh`: the caller guarantees none of the rows is stored yet (no owner lookup; events never
 * need one).
 */
export function putLogRows(db: DondocDb, entity: LogEntity, rows: readonly EntityRow[], fresh = false): Promise<void> {
  const scope = scopeOf(db);
  const session = scope.session;
  if (!session) return Dexie.Promise.reject(new Error(`Writes of task events and steps must run in a read-write transaction over ${TASK_LOGS_TABLE}.`));
  if (rows.length === 0) return Dexie.Promise.resolve();
  // Owners and packs already held in this transaction need no read: the change is then made
  // before this call returns, so a read issued right after sees it.
  // An event is never moved: if stored, it is in the pack its row names, read below anyway.
  const unknownOwner = fresh || entity === 'taskEvents' ? [] : rows.filter((r) => !session.owner.has(`${entity}/${r.id}`)).map((r) => r.id);
  const missing = [...new Set(rows.map(packKeyOf))].filter((k) => !session.packs.has(k));
  const apply = () => {
    for (const key of missing) if (!session.packs.has(key)) session.adopt(emptyLog(key));
    const changed = new Set<TaskLog>();
    for (const row of rows) {
      const target = session.packs.get(packKeyOf(row))!;
      const ownerKey = session.owner.get(`${entity}/${row.id}`);
      const from = ownerKey === undefined || ownerKey === null ? undefined : session.packs.get(ownerKey);
      if (from && from !== target) {
        dropRow(from, entity, row.id);
        changed.add(from);
      }
      setRow(target, entity, row);
      session.owner.set(`${entity}/${row.id}`, target.taskId);
      changed.add(target);
    }
    const kept = [...changed].filter((l) => l.eventIds.length > 0 || l.stepIds.length > 0);
    const empty = [...changed].filter((l) => l.eventIds.length === 0 && l.stepIds.length === 0).map((l) => l.taskId);
    return Dexie.Promise.all([kept.length ? scope.table.bulkPut(kept) : null, empty.length ? scope.table.bulkDelete(empty) : null]).then(() => undefined);
  };
  if (unknownOwner.length === 0 && missing.length === 0) return apply();
  return Dexie.Promise.all([unknownOwner.length ? ownersOf(scope, entity, unknownOwner) : null, missing.length ? readLogs(scope, missing) : null]).then(apply);
}

// ---- one row store per entity, for the write paths ---------------------------------------------

/**
 * Get and put rows of an entity, whether it is a table of its own or packed per task. `taskId`
 * / `taskIdOf`: the task a row id belongs to, when the caller knows it (the row's or the op's
 * `taskId`); an event is found through it (module comment), other entities ignore it.
 */
export interface RowStore {
  get(id: string, taskId?: unknown): Promise<EntityRow | undefined>;
  /** Stored rows among these ids. */
  byIds(ids: Iterable<string>, taskIdOf?: TaskIdOf): Promise<Map<string, EntityRow>>;
  put(row: EntityRow): Promise<unknown>;
  bulkPut(rows: readonly EntityRow[], fresh?: boolean): Promise<unknown>;
}

export function rowStore(db: DondocDb, entity: string): RowStore {
  if (isLogEntity(entity)) {
    return {
      get: (id, taskId) => logRowsById(db, entity, [id], () => taskId).then((rows) => rows.get(id)),
      byIds: (ids, taskIdOf) => logRowsById(db, entity, ids, taskIdOf),
      put: (row) => putLogRows(db, entity, [row]),
      bulkPut: (rows, fresh) => putLogRows(db, entity, rows, fresh),
    };
  }
  const table = db.table<EntityRow, string>(entity);
  return {
    get: (id) => table.get(id),
    // Range probes, not a get per id: a sync chunk's new rows cluster in one id range (bulkRead.ts).
    byIds: (ids) => loadByKeys(table, ids),
    put: (row) => table.put(row),
    bulkPut: (rows) => table.bulkPut(rows as EntityRow[]),
  };
}

/** Every stored row of an entity, whichever way it is stored (whole-database comparisons). */
export function entityRows(db: DondocDb, entity: string): Promise<EntityRow[]> {
  return isLogEntity(entity) ? allLogRows(db, entity) : db.table<EntityRow, string>(entity).toArray();
}
