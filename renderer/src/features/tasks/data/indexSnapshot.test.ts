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

type Step = { kind: 'put'; ids: number[]; n: number } | { kind: 'delete'; ids: number[] } | { kind: 'clear' } | { kind: 'modify'; n: number } | { kind: 'snapshot' } | { kind: 'coldStart' };

const ids = fc.array(fc.integer({ min: 0, max: 30 }), {
  minLength: 1,
  maxLength: 6,
});
const step: fc.Arbitrary<Step> = fc.oneof(
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

describe('packed task index snapshot', () => {
  it('a cold start reads exactly the table after any writes, clears and snapshots, and the mirror follows', async () => {
    let usedSnapshotWithTail = false;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const db = freshDb();
        await db.open();
        let mirror = await mirrorOf(db);
        for (const s of steps) {
          if (s.kind === 'put') await db.taskIndex.bulkPut(s.ids.map((i) => row(`t${i}`, s.n)));
          else if (s.kind === 'delete') await db.taskIndex.bulkDelete(s.ids.map((i) => `t${i}`));
          else if (s.kind === 'clear') await db.taskIndex.clear();
          else if (s.kind === 'modify')
            await db.taskIndex.filter((r) => r.leadUnitId === 'u-a').modify({ percent: s.n % 101 });
          else if (s.kind === 'snapshot') await mirror.saveSnapshot();
          else {
            mirror.close();
            mirror = await mirrorOf(db);
          }
          await mirror.settled();
          const table = byId(await db.taskIndex.toArray());
          expect(byId(mirror.all() ?? [])).toEqual(table);
          const read = await readTaskIndex(db);
          if (read.source === 'snapshot' && read.tail > 0) usedSnapshotWithTail = true;
          expect(byId(read.rows)).toEqual(table);
        }
        mirror.close();
        db.close();
      }),
      { numRuns: 40 },
    );
    expect(usedSnapshotWithTail).toBe(true);
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
});
