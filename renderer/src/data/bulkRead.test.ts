/**
 * The range reads must answer exactly what a get per key would, however the wanted keys sit
 * among the stored ones (clustered, spread, mixed with many others).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Dexie, { type Table } from 'dexie';
import type { EntityRow } from './db';
import { existingKeys, loadByKeys, rowsByIndex } from './bulkRead';

const key = (n: number) => `k${String(n).padStart(5, '0')}`;
const row = (n: number, taskId: string): EntityRow => ({ id: key(n), _v: {}, _deleted: 0, taskId, n });

/** A per-row table with a non-unique index, as the helpers read (events were one before v10). */
class RowsDb extends Dexie {
  taskEvents!: Table<EntityRow, string>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ taskEvents: 'id, taskId' });
  }
}

describe('bulk reads by key range', () => {
  it('find exactly the stored keys and rows among those asked, and events by task', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.nat(3000), { maxLength: 400 }),
        fc.uniqueArray(fc.nat(3000), { maxLength: 200 }),
        fc.nat(40),
        async (stored, asked, tasks) => {
          const db = new RowsDb(`bulk-read-${(run += 1)}`);
          const taskOf = (n: number) => `t${n % (tasks + 1)}`;
          await db.taskEvents.bulkPut(stored.map((n) => row(n, taskOf(n))));
          await db.transaction('r', db.taskEvents, async () => {
            const want = asked.map(key);
            const byGet = await db.taskEvents.bulkGet(want);
            const expected = new Map(want.flatMap((k, i) => (byGet[i] ? [[k, byGet[i]!] as const] : [])));
            expect(await loadByKeys(db.taskEvents, want)).toEqual(expected);
            expect([...(await existingKeys(db.taskEvents, want))].sort()).toEqual([...expected.keys()].sort());

            const taskIds = Array.from({ length: tasks + 3 }, (_, i) => `t${i}`);
            const [direct, probed] = [taskIds.filter((_, i) => i % 2 === 0), taskIds.filter((_, i) => i % 2 === 1)];
            const got = await rowsByIndex(db.taskEvents, 'taskId', direct, probed);
            for (const t of taskIds) {
              const mine = stored.filter((n) => taskOf(n) === t).map(key).sort();
              expect((got.get(t) ?? []).map((r) => r.id).sort()).toEqual(mine);
            }
          });
          db.close();
        },
      ),
      { numRuns: 40 },
    );
  });

  it('split a range crowded with other keys until the pieces are small', async () => {
    const db = new RowsDb('bulk-read-crowded');
    await db.taskEvents.bulkPut(Array.from({ length: 3000 }, (_, n) => row(n, `t${n % 7}`)));
    // 60 keys spread over 3,000 stored ones, a third of them missing.
    const want = Array.from({ length: 60 }, (_, i) => key(i * 73 + (i % 3 === 0 ? 5000 : 0)));
    const present = want.filter((k) => Number(k.slice(1)) < 3000);
    await db.transaction('r', db.taskEvents, async () => {
      expect([...(await loadByKeys(db.taskEvents, want)).keys()].sort()).toEqual(present.sort());
      expect([...(await existingKeys(db.taskEvents, want))].sort()).toEqual(present.sort());
    });
    db.close();
  });
});
