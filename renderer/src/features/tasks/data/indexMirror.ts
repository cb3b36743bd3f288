/**
 * An in-memory mirror of the task index for the screens. On an office PC IndexedDB costs a
 * fixed price per request and per row read (measured: 50,000 index rows take seconds to read),
 * so the list, its filters and the dashboard cannot re-read the index on every keystroke.
 * The mirror reads the index once — from the packed snapshot and its short tail when there is
 * a usable one (indexSnapshot.ts), else every row — then follows Dexie's committed-change
 * notifications ('storagemutated'), re-reading only the rows a transaction touched. It writes
 * a fresh snapshot from its rows at idle when the tail has grown or the load was a full read,
 * and when the window is hidden or closed. Commands, reports and
 * letters keep reading the database directly (they need read-your-writes, the mirror is
 * updated a moment after each commit).
 */
import Dexie, { RangeSet, type IndexableType, type ObservabilitySet } from 'dexie';
import type { DondocDb } from '../../../data/db';
import type { TaskIndexRow } from './taskIndex';
import { readTaskIndex, writeTaskIndexSnapshot } from './indexSnapshot';

type Listener = () => void;

/** The page's events, when there is a page (this module also runs in Node tests without DOM types). */
interface PageEvents {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}
const pageDocument = (globalThis as { document?: PageEvents & { visibilityState?: string } }).document;
const pageWindow = (globalThis as { window?: PageEvents }).window;

/** Rows written since the snapshot after which an idle moment writes a new one. */
export const SNAPSHOT_TAIL_LIMIT = 500;
/** How long after the last change the idle save waits (and at most, with requestIdleCallback). */
const IDLE_DELAY_MS = 5_000;

/** A committed change: single keys to re-read, or ranges (a clear, a range delete) to reload. */
interface Touched {
  keys: string[];
  ranges: { from: IndexableType; to: IndexableType }[];
}

function touchedKeys(parts: ObservabilitySet, part: string): Touched | null {
  const set = parts[part];
  if (!set) return null;
  const out: Touched = { keys: [], ranges: [] };
  // Wrapped: a change from another window arrives as a plain tree (structured clone drops the class).
  for (const node of { [Symbol.iterator]: () => RangeSet(set)[Symbol.iterator]() }) {
    if (typeof node.from === 'string' && node.from === node.to) out.keys.push(node.from);
    else out.ranges.push({ from: node.from, to: node.to });
  }
  return out;
}

export class TaskIndexMirror {
  /** Rows by id, built on first need: a load hands over an array, and the dashboard needs only that. */
  private byId: Map<string, TaskIndexRow> | null = new Map();
  private snapshot: readonly TaskIndexRow[] | null = null;
  private listeners = new Set<Listener>();
  private loaded: Promise<void> | null = null;
  private queue: Promise<void> = Promise.resolve();
  private readonly part: string;
  private readonly onMutated = (parts: ObservabilitySet) => {
    const touched = touchedKeys(parts, this.part);
    if (touched && this.loaded) this.queue = this.queue.then(() => this.apply(touched)).catch((e: unknown) => console.error('taskIndex mirror', e));
  };
  /** Bumped on every change; screens key their memoised work on it. */
  version = 0;
  /** The last load failed (shown by screens instead of an endless spinner). */
  error: Error | null = null;
  /** How the last full load read the index (tests, benchmarks, diagnostics). */
  lastLoad: { source: 'snapshot' | 'full'; tail: number; reason: string | null; early: boolean } | null = null;
  /** Rows changed since the snapshot as far as this mirror knows (null: no usable snapshot). */
  private tail: number | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly onHidden = () => {
    if (pageDocument?.visibilityState !== undefined && pageDocument.visibilityState !== 'hidden') return;
    void this.saveSnapshotIfStale();
  };
  /** Closing: the write may not finish before the page goes, which only costs the next start a longer tail. */
  private readonly onClose = () => void this.saveSnapshotIfStale();

  constructor(private readonly db: DondocDb) {
    this.part = `idb://${db.name}/taskIndex/`;
  }

  /** Starts following the database and reads the index once; resolves when the mirror is usable. */
  load(): Promise<void> {
    if (!this.loaded) {
      Dexie.on('storagemutated', this.onMutated);
      pageDocument?.addEventListener('visibilitychange', this.onHidden);
      pageWindow?.addEventListener('pagehide', this.onClose);
      pageWindow?.addEventListener('beforeunload', this.onClose);
      this.loaded = this.reloadAll();
    }
    return this.loaded;
  }

  get ready(): boolean {
    return this.snapshot !== null;
  }

  /** All rows (a stable array until the next change), or null before the first load finished. */
  all(): readonly TaskIndexRow[] | null {
    return this.snapshot;
  }

  get(id: string): TaskIndexRow | undefined {
    return this.rows().get(id);
  }

  private rows(): Map<string, TaskIndexRow> {
    if (!this.byId) this.byId = new Map((this.snapshot ?? []).map((r) => [r.id, r]));
    return this.byId;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Waits until every change notified so far is applied (tests, benchmarks). */
  settled(): Promise<void> {
    return (this.loaded ?? Promise.resolve()).then(() => this.queue);
  }

  close(): void {
    Dexie.on('storagemutated').unsubscribe(this.onMutated);
    pageDocument?.removeEventListener('visibilitychange', this.onHidden);
    pageWindow?.removeEventListener('pagehide', this.onClose);
    pageWindow?.removeEventListener('beforeunload', this.onClose);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.listeners.clear();
  }

  /**
   * Writes a fresh packed snapshot of the index from this mirror's rows, in the mirror's queue
   * (no change is applied meanwhile). The rows the dirty records name are re-read inside the
   * snapshot's transaction and adopted here too, so the mirror and the snapshot are both the
   * index as of that transaction. Why that is enough: a row of this mirror differs from the
   * table only after a commit this mirror has not applied yet, and that commit's dirty record
   * is still there (only a snapshot removes dirty records, and a snapshot adopts the rows it
   * re-read). This holds for the one window the app has; a second window saving snapshots
   * could remove a record this mirror still relies on.
   */
  saveSnapshot(): Promise<void> {
    const run = async () => {
      if (!this.loaded || this.error || !this.db.isOpen()) return;
      const current = this.rows();
      const rows = await writeTaskIndexSnapshot(this.db, current.values());
      this.tail = 0;
      let differs = rows.size !== current.size;
      if (!differs) for (const [id, r] of rows) if (current.get(id) !== r) differs = true;
      this.byId = rows;
      if (differs) this.changed();
    };
    const before = this.queue;
    const done = (this.loaded ?? Promise.resolve()).then(() => before).then(run);
    this.queue = done.catch((e: unknown) => console.error('taskIndex snapshot', e));
    return done;
  }

  /** Saves a snapshot when there is none usable or its tail has grown (idle and close). */
  saveSnapshotIfStale(): Promise<void> {
    if (this.tail === 0) return Promise.resolve();
    return this.saveSnapshot().catch(() => undefined);
  }

  private scheduleIdleSave(): void {
    if (this.tail !== null && this.tail < SNAPSHOT_TAIL_LIMIT) return;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      const save = () => void this.saveSnapshotIfStale();
      const ric = (globalThis as { requestIdleCallback?: (cb: () => void, opts: { timeout: number }) => number }).requestIdleCallback;
      if (ric) ric(save, { timeout: IDLE_DELAY_MS });
      else save();
    }, IDLE_DELAY_MS);
    // Never keeps a Node test process alive.
    (this.idleTimer as { unref?: () => void }).unref?.();
  }

  /** After a change to the by-id rows: the array is rebuilt from them. */
  private changed(): void {
    this.snapshot = [...this.rows().values()];
    this.published();
  }

  private published(): void {
    this.version += 1;
    for (const l of this.listeners) l();
  }

  private async reloadAll(): Promise<void> {
    try {
      const read = await readTaskIndex(this.db);
      this.byId = null;
      this.snapshot = read.rows;
      this.lastLoad = { source: read.source, tail: read.tail, reason: read.reason, early: read.early };
      this.tail = read.source === 'snapshot' ? read.tail : null;
      this.error = null;
      this.published();
    } catch (e) {
      this.error = e instanceof Error ? e : new Error(String(e));
      this.changed();
    }
    this.scheduleIdleSave();
  }

  private async apply(t: Touched): Promise<void> {
    if (t.ranges.length > 0) return this.reloadAll();
    const got = await this.db.taskIndex.bulkGet(t.keys);
    const rows = this.rows();
    got.forEach((row, i) => {
      if (row) rows.set(row.id, row);
      else rows.delete(t.keys[i]);
    });
    if (this.tail !== null) this.tail += t.keys.length;
    this.changed();
    this.scheduleIdleSave();
  }
}

const mirrors = new WeakMap<DondocDb, TaskIndexMirror>();

/** The one mirror of this database's task index (created on first use, loading started). */
export function taskIndexMirror(db: DondocDb): TaskIndexMirror {
  let m = mirrors.get(db);
  if (!m) {
    m = new TaskIndexMirror(db);
    mirrors.set(db, m);
    void m.load();
  }
  return m;
}
