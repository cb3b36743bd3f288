/**
 * Bulk reads with as few IndexedDB requests as possible (sync import, reports, dashboards). In Chromium every request
 * costs a round trip to the browser process (~70 µs a get, far more for each cursor step),
 * whatever it returns, so a chunk's lookups are asked as key RANGES wherever the keys cluster:
 * row and op ids are UUIDv7 (time-ordered), and a chunk is a slice of hlc order, so its new
 * rows sit in one narrow id range that usually holds nothing yet. Every helper is exact: a
 * range that holds too many other keys is split in two until the pieces are small enough to
 * ask key by key. Inside a caller's transaction they join it.
 */
import type { Table } from 'dexie';

/** Below this many keys a range probe saves nothing over asking key by key. */
const LEAF = 16;

/**
 * Unique keys in IndexedDB order (string keys compare by UTF-16 code units, as JS does).
 * Anything but a non-empty string is dropped: such a key names no stored row.
 */
export function sortedUnique(keys: Iterable<string>): string[] {
  return [...new Set(keys)].filter((k) => typeof k === 'string' && k.length > 0).sort();
}

/**
 * The stored rows among these primary keys (missing ones are simply absent from the map).
 * A range's keys are read first (keys only, one request); rows are fetched only for hits.
 */
export async function loadByKeys<T>(table: Table<T, string>, keys: Iterable<string>): Promise<Map<string, T>> {
  const sorted = sortedUnique(keys);
  const out = new Map<string, T>();
  const byKey = async (slice: readonly string[]) => {
    if (slice.length === 0) return;
    const got = await table.bulkGet([...slice]);
    got.forEach((row, i) => {
      if (row !== undefined) out.set(slice[i], row);
    });
  };
  const visit = async (lo: number, hi: number): Promise<void> => {
    const n = hi - lo;
    if (n <= LEAF) return byKey(sorted.slice(lo, hi));
    const limit = 2 * n + LEAF;
    const range = () => table.where(':id').between(sorted[lo], sorted[hi - 1], true, true);
    const present = (await range().limit(limit).primaryKeys()) as string[];
    if (present.length >= limit) {
      const mid = lo + (n >> 1);
      await Promise.all([visit(lo, mid), visit(mid, hi)]);
      return;
    }
    const wanted = new Set(sorted.slice(lo, hi));
    const hits = present.filter((k) => wanted.has(k));
    if (hits.length === 0) return;
    // Mostly our own keys: one read of the range beats a get per hit.
    if (present.length <= 2 * hits.length) {
      const rows = await range().toArray();
      const pk = table.schema.primKey.keyPath as string;
      for (const row of rows) {
        const k = (row as Record<string, unknown>)[pk] as string;
        if (wanted.has(k)) out.set(k, row);
      }
      return;
    }
    await byKey(hits);
  };
  await visit(0, sorted.length);
  return out;
}

/** Which of these primary keys are stored (keys only, except for small leftovers). */
export async function existingKeys<T>(table: Table<T, string>, keys: Iterable<string>): Promise<Set<string>> {
  const sorted = sortedUnique(keys);
  const out = new Set<string>();
  const visit = async (lo: number, hi: number): Promise<void> => {
    const n = hi - lo;
    if (n === 0) return;
    if (n <= LEAF) {
      const got = await table.bulkGet(sorted.slice(lo, hi));
      got.forEach((row, i) => {
        if (row !== undefined) out.add(sorted[lo + i]);
      });
      return;
    }
    const limit = 2 * n + LEAF;
    const present = (await table.where(':id').between(sorted[lo], sorted[hi - 1], true, true).limit(limit).primaryKeys()) as string[];
    if (present.length >= limit) {
      const mid = lo + (n >> 1);
      await Promise.all([visit(lo, mid), visit(mid, hi)]);
      return;
    }
    const wanted = new Set(sorted.slice(lo, hi));
    for (const k of present) if (wanted.has(k)) out.add(k);
  };
  await visit(0, sorted.length);
  return out;
}

/**
 * Rows whose (non-unique, single-field) index `index` equals one of `values`, grouped by value.
 * `maybeEmpty` values are first probed as ranges (one key each): a chunk's new tasks have no
 * events yet, and that costs one request instead of one per task. The others are read with
 * one request each, all in flight together (a Dexie anyOf() would walk a cursor step by step).
 */
export async function rowsByIndex<T>(table: Table<T, string>, index: string, values: Iterable<string>, maybeEmpty: Iterable<string> = []): Promise<Map<string, T[]>> {
  const out = new Map<string, T[]>();
  const read = async (value: string) => {
    const rows = await table.where(index).equals(value).toArray();
    if (rows.length) out.set(value, rows);
  };
  const direct = sortedUnique(values);
  const directSet = new Set(direct);
  const probe = sortedUnique(maybeEmpty).filter((v) => !directSet.has(v));
  const visit = async (lo: number, hi: number): Promise<void> => {
    const n = hi - lo;
    if (n === 0) return;
    if (n <= 2) {
      await Promise.all(probe.slice(lo, hi).map(read));
      return;
    }
    const any = await table.where(index).between(probe[lo], probe[hi - 1], true, true).limit(1).primaryKeys();
    if (any.length === 0) return;
    const mid = lo + (n >> 1);
    await Promise.all([visit(lo, mid), visit(mid, hi)]);
  };
  await Promise.all([...direct.map(read), visit(0, probe.length)]);
  return out;
}
