/**
 * The packed snapshot of the task index: whatever writes, clears and snapshots happen in
 * whatever order, a cold start's read (snapshot + tail, or the full read it falls back to)
 * is exactly the taskIndex table; a stale or corrupt snapshot is never used.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DondocDb } from '../../../data/db';
import { TaskIndexMirror } from './indexMirror';
import { INDEX_SNAPSHOT_FORMAT, readTaskIndex, SNAPSHOT_CHUNK_ROWS, SNAPSHOT_HEAD_ID, writeTaskIndexSnapshot, type SnapshotHead } from './indexSnapshot';
import type { TaskIndexRow } from './taskIndex';
import { encodeColumns } from './indexColumns';
import { startEarlyIndexRead } from './earlyIndexRead';
import { olderIndexRow } from '../../../../../tests/unit/olderDb';

/** An index row as the current version writes it (the fields added after v10 set). */
function row(id: string, n: number): TaskIndexRow {
  return {
    ...olderIndexRow(id, n % 2 ? 'u-a' : 'u-b', n % 101),
    title: `Nhiệm vụ ${id} lần ${n}`,
    acceptedOn: null,
    reportedOn: null,
    expectedProduct: '',
    deliveredProduct: '',
    lastStateEventOn: '2026-03-02',
    eventCount: n,
  };
}

const byId = (rows: readonly TaskIndexRow[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));
const freshDb = () => new DondocDb(`index-snapshot-${Math.random()}`);

async function mirrorOf(db: DondocDb): Promise<TaskIndexMirror> {
  const m = new TaskIndexMirror(db);
  await m.load();
  return m;
}

type Action =
  | { kind: 'put'; ids: number[]; n: number }
  | { kind: 'delete'; ids: number[] }
  | { kind: 'clear' }
  | { kind: 'modify'; n: number }
  | { kind: 'snapshot' }
  | { kind: 'coldStart' };
/** An action, or an early read (as the entry module starts it) with an action before the next read takes it. */
type Step = Action | { kind: 'earlyRead'; between: Action };

const ids = fc.array(fc.integer({ min: 0, max: 30 }), {
  minLength: 1,
  maxLength: 6,
});
const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('put' as const),
      ids,
      n: fc.integer({ min: 0, max: 1000 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('delete' as const), ids }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('clear' as const) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('modify' as const),
      n: fc.integer({ min: 0, max: 1000 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('snapshot' as const) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('coldStart' as const) }),
  },
);
const step: fc.Arbitrary<Step> = fc.oneof({ weight: 5, arbitrary: action }, { weight: 2, arbitrary: fc.record({ kind: fc.constant('earlyRead' as const), between: action }) });

describe('packed task index snapshot', () => {
  it('a cold start reads exactly the table after any writes, clears and snapshots, and the mirror follows', async () => {
    let usedSnapshotWithTail = false;
    let usedEarly = false;
    let refusedEarly = false;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const db = freshDb();
        await db.open();
        let mirror = await mirrorOf(db);
        const act = async (a: Action) => {
          if (a.kind === 'put') await db.taskIndex.bulkPut(a.ids.map((i) => row(`t${i}`, a.n)));
          else if (a.kind === 'delete') await db.taskIndex.bulkDelete(a.ids.map((i) => `t${i}`));
          else if (a.kind === 'clear') await db.taskIndex.clear();
          else if (a.kind === 'modify') await db.taskIndex.filter((r) => r.leadUnitId === 'u-a').modify({ percent: a.n % 101 });
          else if (a.kind === 'snapshot') await mirror.saveSnapshot();
          else {
            mirror.close();
            mirror = await mirrorOf(db);
          }
        };
        for (const s of steps) {
          let early = false;
          if (s.kind === 'earlyRead') {
            early = (await startEarlyIndexRead(db.name)) !== null;
            await act(s.between);
          } else await act(s);
          await mirror.settled();
          const table = byId(await db.taskIndex.toArray());
          expect(byId(mirror.all() ?? [])).toEqual(table);
          // A cold start between takes the early read; else the read below does.
          const read = await readTaskIndex(db);
          const took = s.kind === 'earlyRead' && s.between.kind === 'coldStart' ? mirror.lastLoad : read;
          if (early && took?.early) usedEarly = true;
          else if (early && took?.source === 'snapshot') refusedEarly = true;
          if (read.source === 'snapshot' && read.tail > 0) usedSnapshotWithTail = true;
          expect(byId(read.rows)).toEqual(table);
        }
        mirror.close();
        db.close();
      }),
      { numRuns: 40 },
    );
    expect(usedSnapshotWithTail).toBe(true);
    // Both ways were taken: an early read still current was used, and one a write or snapshot had made stale was not.
    expect(usedEarly).toBe(true);
    expect(refusedEarly).toBe(true);
  });

  it('reads a snapshot and a short tail instead of every row, in chunks of bounded size', async () => {
    const db = freshDb();
    const n = SNAPSHOT_CHUNK_ROWS + 5;
    await db.taskIndex.bulkPut(Array.from({ length: n }, (_, i) => row(`t${String(i).padStart(6, '0')}`, i)));
    let mirror = await mirrorOf(db);
    expect(mirror.lastLoad).toEqual({
      source: 'full',
      tail: 0,
      reason: 'no snapshot',
      early: false,
    });
    await mirror.saveSnapshot();
    const head = (await db.taskIndexPacks.get(SNAPSHOT_HEAD_ID)) as SnapshotHead;
    expect(head).toMatchObject({ format: INDEX_SNAPSHOT_FORMAT, count: n });
    expect(head.chunks).toHaveLength(2);
    expect(await db.taskIndexDirty.count()).toBe(0);
    await db.taskIndex.put(row('t000003', 99));
    await db.taskIndex.delete('t000004');
    expect(await db.taskIndexDirty.count()).toBe(2);
    mirror.close();
    mirror = await mirrorOf(db);
    expect(mirror.lastLoad).toEqual({
      source: 'snapshot',
      tail: 2,
      reason: null,
      early: false,
    });
    expect(mirror.get('t000003')?.eventCount).toBe(99);
    expect(mirror.get('t000004')).toBeUndefined();
    expect(mirror.all()).toHaveLength(n - 1);
    mirror.close();
    db.close();
  });

  it('ignores a corrupt, stale or miscounted snapshot and reads every row', async () => {
    const db = freshDb();
    const rows = [row('t1', 1), row('t2', 2), row('t3', 3)];
    await db.taskIndex.bulkPut(rows);
    await writeTaskIndexSnapshot(db, rows);
    expect((await readTaskIndex(db)).source).toBe('snapshot');

    // A chunk whose rows are not index rows.
    const head = (await db.taskIndexPacks.get(SNAPSHOT_HEAD_ID)) as SnapshotHead;
    await db.taskIndexPacks.put(encodeColumns(head.chunks[0], [{ id: 't1' } as unknown as TaskIndexRow]));
    let read = await readTaskIndex(db);
    expect(read).toMatchObject({
      source: 'full',
      reason: 'corrupt snapshot chunk',
    });
    expect(byId(read.rows)).toEqual(rows);

    // An older format.
    await writeTaskIndexSnapshot(db, rows);
    await db.taskIndexPacks.put({ ...head, format: INDEX_SNAPSHOT_FORMAT - 1 });
    read = await readTaskIndex(db);
    expect(read).toMatchObject({
      source: 'full',
      reason: `snapshot format ${INDEX_SNAPSHOT_FORMAT - 1}`,
    });

    // A snapshot that misses a row the table holds (written behind the middleware's back).
    await writeTaskIndexSnapshot(db, rows);
    await db.taskIndexPacks.put(encodeColumns(head.chunks[0], rows.slice(0, 2)));
    await db.taskIndexPacks.put({ ...head, count: 2 });
    read = await readTaskIndex(db);
    expect(read).toMatchObject({
      source: 'full',
      reason: 'snapshot gives 2 rows, index holds 3',
    });
    expect(byId(read.rows)).toEqual(rows);

    // A missing chunk record.
    await writeTaskIndexSnapshot(db, rows);
    await db.taskIndexPacks.delete(head.chunks[0]);
    read = await readTaskIndex(db);
    expect(read.source).toBe('full');
    expect(byId(read.rows)).toEqual(rows);

    // The mirror that read in full writes a fresh snapshot the next start uses.
    const mirror = await mirrorOf(db);
    expect(mirror.lastLoad?.source).toBe('full');
    await mirror.saveSnapshotIfStale();
    mirror.close();
    read = await readTaskIndex(db);
    expect(read).toMatchObject({ source: 'snapshot', tail: 0 });
    expect(byId(read.rows)).toEqual(rows);
    db.close();
  });

  it('a clear (rebuild, restore) invalidates the snapshot until the next one is written', async () => {
    const db = freshDb();
    await db.taskIndex.bulkPut([row('t1', 1), row('t2', 2)]);
    await writeTaskIndexSnapshot(db, await db.taskIndex.toArray());
    await db.transaction('rw', [db.taskIndex], async () => {
      await db.taskIndex.clear();
      await db.taskIndex.put(row('t9', 9));
    });
    const read = await readTaskIndex(db);
    expect(read).toMatchObject({
      source: 'full',
      reason: 'index cleared since the snapshot',
    });
    expect(read.rows.map((r) => r.id)).toEqual(['t9']);
    // Writing a snapshot after a clear reads the table itself, whatever rows it is handed.
    await writeTaskIndexSnapshot(db, [row('t1', 1)]);
    expect((await readTaskIndex(db)).rows.map((r) => r.id)).toEqual(['t9']);
    db.close();
  });

  it('a write that fails leaves no tail record behind (same transaction)', async () => {
    const db = freshDb();
    await db.taskIndex.put(row('t1', 1));
    await writeTaskIndexSnapshot(db, await db.taskIndex.toArray());
    await expect(
      db.transaction('rw', [db.taskIndex], async () => {
        await db.taskIndex.put(row('t2', 2));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.taskIndexDirty.count()).toBe(0);
    expect((await readTaskIndex(db)).rows.map((r) => r.id)).toEqual(['t1']);
    db.close();
  });

  describe('the early read started by the entry module', () => {
    async function snapshotted(n: number): Promise<DondocDb> {
      const db = freshDb();
      await db.taskIndex.bulkPut(Array.from({ length: n }, (_, i) => row(`t${i}`, i)));
      await writeTaskIndexSnapshot(db, await db.taskIndex.toArray());
      await db.taskIndex.put(row('t0', 500));
      return db;
    }

    it('is used when the head and the tail are unchanged, with the tail rows it read', async () => {
      const db = await snapshotted(5);
      await startEarlyIndexRead(db.name);
      // Damage the chunk the early read already holds, without a write to the index: only the early records can still give a snapshot.
      const head = (await db.taskIndexPacks.get(SNAPSHOT_HEAD_ID)) as SnapshotHead;
      await db.taskIndexPacks.put({ ...encodeColumns(head.chunks[0], []), n: 3 } as never);
      const read = await readTaskIndex(db);
      expect(read).toMatchObject({ source: 'snapshot', early: true, tail: 1 });
      expect(byId(read.rows)).toEqual(byId(await db.taskIndex.toArray()));
      expect(read.rows.find((r) => r.id === 't0')?.eventCount).toBe(500);
      // Taken once: the next read is the database's own, which now finds the damaged chunk.
      expect(await readTaskIndex(db)).toMatchObject({ source: 'full', early: false, reason: 'corrupt snapshot chunk' });
      db.close();
    });

    it('is not used after a write to the index, a new snapshot, or for another database', async () => {
      const db = await snapshotted(4);
      await startEarlyIndexRead(db.name);
      await db.taskIndex.put(row('t9', 9));
      let read = await readTaskIndex(db);
      expect(read.early).toBe(false);
      expect(byId(read.rows)).toEqual(byId(await db.taskIndex.toArray()));

      await startEarlyIndexRead(db.name);
      await writeTaskIndexSnapshot(db, await db.taskIndex.toArray());
      read = await readTaskIndex(db);
      expect(read).toMatchObject({ source: 'snapshot', early: false });

      await startEarlyIndexRead('some-other-database');
      expect((await readTaskIndex(db)).early).toBe(false);
      db.close();
    });

    it('never creates a database that does not exist', async () => {
      const name = `never-created-${Math.random()}`;
      expect(await startEarlyIndexRead(name)).toBeNull();
      const names = (await indexedDB.databases()).map((d) => d.name);
      expect(names).not.toContain(name);
    });
  });
});
