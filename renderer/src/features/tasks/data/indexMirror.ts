/**
 * An in-memory mirror of the task index for the screens. On an office PC IndexedDB costs a
 * fixed price per request and per row read (measured: 50,000 index rows take seconds to read),
 * so the list, its filters and the dashboard cannot re-read the index on every keystroke.
 * The mirror reads the index once, then follows Dexie's committed-change notifications
 * ('storagemutated'), re-reading only the rows a transaction touched. Commands, reports and
 * letters keep reading the database directly (they need read-your-writes, the mirror is
 * updated a moment after each commit).
 */
import Dexie, { RangeSet, type IndexableType, type ObservabilitySet } from 'dexie';
import type { DondocDb } from '../../../data/db';
import type { TaskIndexRow } from './taskIndex';

type Listener = () => void;

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
  private rows = new Map<string, TaskIndexRow>();
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

  constructor(private readonly db: DondocDb) {
    this.part = `idb://${db.name}/taskIndex/`;
  }

  /** Starts following the database and reads the index once; resolves when the mirror is usable. */
  load(): Promise<void> {
    if (!this.loaded) {
      Dexie.on('storagemutated', this.onMutated);
      this.loaded = this.reloadAll();
    }
    return this.loaded;
  }

  get ready(): boolean {
    return this.snapshot !== null;
  }

  /** All rows (a stable array until the next change), or null before the first load finished. */
  all(): readonly TaskIndexRow[] | null {
    if (this.snapshot === null && this.version > 0) this.snapshot = [...this.rows.values()];
    return this.snapshot;
  }

  get(id: string): TaskIndexRow | undefined {
    return this.rows.get(id);
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
    this.listeners.clear();
  }

  private changed(): void {
    this.snapshot = null;
    this.version += 1;
    this.all();
    for (const l of this.listeners) l();
  }

  private async reloadAll(): Promise<void> {
    try {
      const rows = await this.db.taskIndex.toArray();
      this.rows = new Map(rows.map((r) => [r.id, r]));
      this.error = null;
    } catch (e) {
      this.error = e instanceof Error ? e : new Error(String(e));
    }
    this.changed();
  }

  private async apply(t: Touched): Promise<void> {
    if (t.ranges.length > 0) return this.reloadAll();
    const got = await this.db.taskIndex.bulkGet(t.keys);
    got.forEach((row, i) => {
      if (row) this.rows.set(row.id, row);
      else this.rows.delete(t.keys[i]);
    });
    this.changed();
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
