/**
 * Task packs without an index on event ids (schema v11): whatever rows are written in whatever
 * order and batches, every row is stored once, in its task's pack, and found by id — a step by
 * its id alone, an event by its id and task, or by its id alone (a scan).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dropAfterAll } from '../../../tests/unit/dropAfterAll';
import { DondocDb, type EntityRow } from './db';
import { entityRows, eventsOf, logRowsById, NO_TASK, packKeyOf, putLogRows, rowStore, type LogEntity } from './taskLogs';

const TASKS = ['t1', 't2', 't3'];

type Write = { entity: LogEntity; id: number; task: number | null; n: number };

const write: fc.Arbitrary<Write> = fc.oneof(
  // Events: an id always with the same task (events are never moved), written again now and then.
  fc.record({ entity: fc.constant<LogEntity>('taskEvents'), id: fc.integer({ min: 0, max: 20 }), task: fc.constant(null), n: fc.integer({ min: 0, max: 100 }) }),
  // Steps: any task, or none (a step whose creating op has not arrived); a later write may move it.
  fc.record({ entity: fc.constant<LogEntity>('taskSteps'), id: fc.integer({ min: 0, max: 8 }), task: fc.option(fc.integer({ min: 0, max: TASKS.length - 1 })), n: fc.integer({ min: 0, max: 100 }) }),
);

function rowOf(w: Write): EntityRow {
  if (w.entity === 'taskEvents') return { id: `e${String(w.id).padStart(2, '0')}`, taskId: TASKS[w.id % TASKS.length], type: 'progress', percent: w.n, _v: {}, _deleted: 0 };
  return { id: `s${w.id}`, ...(w.task === null ? {} : { taskId: TASKS[w.task] }), title: `Bước ${w.n}`, _v: {}, _deleted: 0 };
}

const dropped = dropAfterAll();

/** Counts, below Dexie's table API, the keys asked one by one (getMany: bulkGet) and the records a query returned. */
function countReads(db: DondocDb): { keysGot: number; recordsQueried: number } {
  const counts = { keysGot: 0, recordsQueried: 0 };
  db.use({
    stack: 'dbcore',
    name: 'countReads',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          getMany: (req) => {
            counts.keysGot += req.keys.length;
            return table.getMany(req);
          },
          query: (req) =>
            table.query(req).then((res) => {
              if (req.values) counts.recordsQueried += res.result.length;
              return res;
            }),
        };
      },
    }),
  });
  return counts;
}

describe('task packs', () => {
  it('keep every row once in its task\'s pack and find it by id, whatever the writes and batches', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(write, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }), async (batches) => {
        const db = new DondocDb(`task-logs-${Math.random()}`);
        dropped(db);
        const model = { taskEvents: new Map<string, EntityRow>(), taskSteps: new Map<string, EntityRow>() };
        for (const writes of batches) {
          // Writes awaited together touch distinct rows (which of two concurrent writes of one row lands last is not defined; see below).
          const batch = [...new Map(writes.map((w) => [`${w.entity}/${w.id}`, w])).values()];
          await db.transaction('rw', db.taskLogs, async () => {
            // One call per write, all awaited together: they share the transaction's packs.
            await Promise.all(batch.map((w) => putLogRows(db, w.entity, [rowOf(w)])));
          });
          for (const w of batch) model[w.entity].set(rowOf(w).id, rowOf(w));
        }
        const byId = (rows: EntityRow[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));
        for (const entity of ['taskEvents', 'taskSteps'] as const) {
          const want = byId([...model[entity].values()]);
          expect(byId(await entityRows(db, entity))).toEqual(want);
          const ids = [...model[entity].keys(), `${entity}-missing`];
          const found = await logRowsById(db, entity, ids, (id) => model[entity].get(id)?.taskId);
          expect(byId([...found.values()])).toEqual(want);
          expect(byId([...(await logRowsById(db, entity, ids)).values()])).toEqual(want);
        }
        // Each row sits in the pack of its current task (or the pack of rows without one).
        for (const log of await db.taskLogs.toArray()) {
          for (const row of [...log.events, ...log.steps]) expect(packKeyOf(row)).toBe(log.taskId);
          expect(log.eventIds.length + log.stepIds.length).toBeGreaterThan(0);
        }
        db.close();
      }),
      { numRuns: 40 },
    );
  });

  it('stores a step once when two writes awaited together put it in two packs (its task arrives meanwhile)', async () => {
    const db = new DondocDb(`task-logs-${Math.random()}`);
    dropped(db);
    const step: EntityRow = { id: 's1', title: 'Bước', _v: {}, _deleted: 0 };
    await db.transaction('rw', db.taskLogs, async () => {
      await Promise.all([putLogRows(db, 'taskSteps', [step]), putLogRows(db, 'taskSteps', [{ ...step, taskId: 't1' }])]);
    });
    const logs = await db.taskLogs.toArray();
    expect(logs.flatMap((l) => l.stepIds)).toEqual(['s1']);
    expect(logs.map((l) => l.taskId)).toEqual([packKeyOf(logs[0].steps[0])]);
  });

  it('finds an event through the task its reader names (or by a scan), and a step by its id alone', async () => {
    const db = new DondocDb(`task-logs-${Math.random()}`);
    dropped(db);
    const event: EntityRow = { id: 'e1', taskId: 't2', type: 'progress', percent: 40, _v: {}, _deleted: 0 };
    const step: EntityRow = { id: 's1', title: 'Bước chưa rõ nhiệm vụ', _v: {}, _deleted: 0 };
    await db.transaction('rw', db.taskLogs, async () => {
      await putLogRows(db, 'taskEvents', [event]);
      await putLogRows(db, 'taskSteps', [step]);
    });
    expect((await db.taskLogs.get(NO_TASK))?.stepIds).toEqual(['s1']);
    expect(await rowStore(db, 'taskEvents').get('e1', 't2')).toEqual(event);
    // A wrong task finds nothing there (events are never moved); no task at all looks everywhere.
    expect(await rowStore(db, 'taskEvents').get('e1', 't1')).toBeUndefined();
    expect(await rowStore(db, 'taskEvents').get('e1')).toEqual(event);
    await db.transaction('rw', db.taskLogs, async () => {
      expect(await rowStore(db, 'taskEvents').get('e1', 't2')).toEqual(event);
      expect(await rowStore(db, 'taskSteps').get('s1')).toEqual(step);
      // The step's task arrives: it moves out of the pack of rows without a task.
      await rowStore(db, 'taskSteps').put({ ...step, taskId: 't2', done: true });
    });
    expect(await db.taskLogs.get(NO_TASK)).toBeUndefined();
    expect((await db.taskLogs.get('t2'))?.stepIds).toEqual(['s1']);
    expect((await db.taskLogs.get('t2'))?.eventIds).toEqual(['e1']);
  });

  it('reads a per-row table\'s rows by id with range probes, not a get per id (a sync chunk\'s new ids cluster)', async () => {
    const db = new DondocDb(`task-logs-${Math.random()}`);
    dropped(db);
    const reads = countReads(db);
    const id = (n: number) => `01940000-0000-7000-8000-${String(n).padStart(12, '0')}`;
    const stored: EntityRow[] = Array.from({ length: 30 }, (_, n) => ({ id: id(n), title: `Nhiệm vụ ${n}`, _v: {}, _deleted: 0 }));
    await db.tasks.bulkPut(stored);
    // 2,000 ids newer than every stored one (none stored) and three that are.
    const asked = [...Array.from({ length: 2000 }, (_, n) => id(1000 + n)), id(3), id(17), id(29)];
    const found = await db.transaction('r', db.tasks, () => rowStore(db, 'tasks').byIds(asked));
    expect([...found.keys()].sort()).toEqual([id(3), id(17), id(29)]);
    expect(found.get(id(17))).toEqual(stored[17]);
    // Before, each of the 2,003 ids was one get.
    expect(reads.keysGot).toBeLessThan(100);
  });

  it("reads only the packs asked for when they lie scattered among others (the yearly report's tasks)", async () => {
    const db = new DondocDb(`task-logs-${Math.random()}`);
    dropped(db);
    const reads = countReads(db);
    const task = (n: number) => `t${String(n).padStart(3, '0')}`;
    await db.transaction('rw', db.taskLogs, () =>
      putLogRows(
        db,
        'taskEvents',
        Array.from({ length: 200 }, (_, n): EntityRow => ({ id: `e${n}`, taskId: task(n), type: 'progress', percent: n % 100, _v: {}, _deleted: 0 })),
      ),
    );
    reads.keysGot = 0;
    reads.recordsQueried = 0;
    // 80 of the 200 tasks, two in five, spread over the whole key range.
    const asked = Array.from({ length: 200 }, (_, n) => n).filter((n) => n % 5 < 2);
    const events = await eventsOf(db, asked.map(task));
    expect([...events.keys()].sort()).toEqual(asked.map(task));
    expect(events.get(task(101))).toEqual([{ id: 'e101', taskId: task(101), type: 'progress', percent: 1, _v: {}, _deleted: 0 }]);
    // Before, a range read of 176 packs (found too many others), then a get of each of the 80.
    expect(reads.keysGot + reads.recordsQueried).toBe(80);
  });
});
