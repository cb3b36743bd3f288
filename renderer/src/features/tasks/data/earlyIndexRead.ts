/**
 * The task index's cold read, started before the app's code has loaded. Loading and running the
 * bundle costs a cold start about as long as IndexedDB takes to hand over the packed snapshot,
 * and the two do not need each other: the entry module (main.tsx) starts this read first and
 * only then imports the app, so the browser reads the records while it compiles the code.
 *
 * This module must stay small and import nothing heavy (no Dexie, no zod): it is part of the
 * entry chunk. It reads raw and checks nothing; `readTaskIndex` (indexSnapshot.ts) decides
 * whether the records are still the database's, checks and decodes them, and falls back to its
 * own read when they are not (another schema version, or the head or tail changed since).
 */

/** The store names of the snapshot (indexSnapshot.ts re-exports them). */
export const TASK_INDEX_TABLE = 'taskIndex';
export const DIRTY_TABLE = 'taskIndexDirty';
export const PACKS_TABLE = 'taskIndexPacks';
export const SNAPSHOT_HEAD_ID = 'head';

/** What one read-only transaction saw: the packs, the dirty records, the rows they name, the count. */
export interface EarlyIndexRead {
  name: string;
  /** The IndexedDB version the records were read at (a migration since makes them unusable). */
  idbVersion: number;
  packs: unknown[];
  dirty: unknown[];
  /** The current rows of the keys the dirty records name (undefined: deleted). */
  fresh: Map<string, unknown>;
  count: number;
}

/** The few IndexedDB shapes used here (this module is also compiled for Node tests, without DOM types). */
interface IdbRequest<T> {
  readonly result: T;
  onsuccess: (() => void) | null;
  onerror: (() => void) | null;
}
interface IdbOpenRequest extends IdbRequest<IdbDatabase> {
  readonly transaction: { abort(): void } | null;
  onupgradeneeded: (() => void) | null;
  onblocked: (() => void) | null;
}
interface IdbStore {
  getAll(): IdbRequest<unknown[]>;
  count(): IdbRequest<number>;
  get(key: string): IdbRequest<unknown>;
}
interface IdbTransaction {
  objectStore(name: string): IdbStore;
  oncomplete: (() => void) | null;
  onabort: (() => void) | null;
}
interface IdbDatabase {
  readonly version: number;
  readonly objectStoreNames: { contains(name: string): boolean };
  transaction(stores: string[], mode: 'readonly'): IdbTransaction;
  close(): void;
  onversionchange: (() => void) | null;
}
const idbFactory = (): { open(name: string): IdbOpenRequest } | undefined => (globalThis as { indexedDB?: { open(name: string): IdbOpenRequest } }).indexedDB;

let pending: { name: string; read: Promise<EarlyIndexRead | null> } | null = null;

/** Keys named by dirty records, or null when a record is not the shape a tail re-read can use. */
function dirtyKeys(dirty: unknown[]): string[] | null {
  const keys = new Set<string>();
  for (const d of dirty) {
    const rec = d as { keys?: unknown; all?: unknown };
    if (rec.all !== undefined || !Array.isArray(rec.keys)) return null;
    for (const k of rec.keys as unknown[]) {
      if (typeof k !== 'string') return null;
      keys.add(k);
    }
  }
  return [...keys];
}

function readRaw(name: string): Promise<EarlyIndexRead | null> {
  return new Promise((resolve) => {
    const factory = idbFactory();
    let req: IdbOpenRequest;
    try {
      if (!factory) throw new Error('no IndexedDB');
      req = factory.open(name);
    } catch {
      resolve(null);
      return;
    }
    // No database yet: opening without a version would create an empty one; abort that instead.
    req.onupgradeneeded = () => req.transaction?.abort();
    req.onerror = () => resolve(null);
    req.onblocked = () => resolve(null);
    req.onsuccess = () => {
      const db = req.result;
      // The app's own open (an upgrade) must never wait for this connection.
      db.onversionchange = () => db.close();
      const stores = [PACKS_TABLE, DIRTY_TABLE, TASK_INDEX_TABLE];
      if (!stores.every((s) => db.objectStoreNames.contains(s))) {
        db.close();
        resolve(null);
        return;
      }
      const out: EarlyIndexRead = { name, idbVersion: db.version, packs: [], dirty: [], fresh: new Map(), count: -1 };
      let tx: IdbTransaction;
      try {
        tx = db.transaction(stores, 'readonly');
      } catch {
        db.close();
        resolve(null);
        return;
      }
      const packs = tx.objectStore(PACKS_TABLE).getAll();
      packs.onsuccess = () => (out.packs = packs.result as unknown[]);
      const count = tx.objectStore(TASK_INDEX_TABLE).count();
      count.onsuccess = () => (out.count = count.result);
      const dirty = tx.objectStore(DIRTY_TABLE).getAll();
      dirty.onsuccess = () => {
        out.dirty = dirty.result as unknown[];
        const index = tx.objectStore(TASK_INDEX_TABLE);
        for (const key of dirtyKeys(out.dirty) ?? []) {
          const got = index.get(key);
          got.onsuccess = () => out.fresh.set(key, got.result as unknown);
        }
      };
      tx.oncomplete = () => {
        db.close();
        resolve(out);
      };
      tx.onabort = () => {
        db.close();
        resolve(null);
      };
    };
  });
}

/**
 * Starts the raw read of database `name`'s snapshot (once; a second call for the same name
 * before it is taken returns the same read). Resolves when the read is done (null: nothing usable).
 */
export function startEarlyIndexRead(name: string): Promise<EarlyIndexRead | null> {
  if (pending?.name !== name) pending = { name, read: readRaw(name).catch(() => null) };
  return pending.read;
}

/** Hands over the early read of database `name` once (then forgets it, so its records can be freed). */
export function takeEarlyIndexRead(name: string): Promise<EarlyIndexRead | null> | null {
  if (pending?.name !== name) return null;
  const { read } = pending;
  pending = null;
  return read;
}
