import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { DondocDb, SCHEMA_VERSION } from './db';
import { readTaskIndex } from '../features/tasks/data/indexSnapshot';
import { TaskIndexMirror } from '../features/tasks/data/indexMirror';
import { NO_DUE_KEY, type TaskIndexRow } from '../features/tasks/data/taskIndex';

/** The schema version 7 of the app declared, frozen here as it shipped. */
const V7_STORES = {
  ops: 'id, hlc, [site+hlc], [entity+rowId]',
  audit: 'seq, id, hlc, [entity+rowId]',
  meta: 'key',
  settings: 'id',
  units: 'id, parentId, shortName, *fields',
  officials: 'id, fullName',
  posts: 'id, officialId, unitId',
  calendarOverrides: 'id, date',
  letters: 'id, status, officeKey, [officeKey+year]',
  registerEntries: 'id, [officeKey+year], [officeKey+year+number], letterId, issuedOn',
  directives: 'id, issuedOn, kind',
  tasks: 'id, directiveId, assignerUnitId, leadUnitId',
  taskSteps: 'id, taskId, responsibleOfficialId',
  taskEvents: 'id, taskId',
  taskIndex:
    'id, leadUnitId, *unitIds, responsibleOfficialId, assignerUnitId, assignerOfficialId, directiveId, planYear, status, dueKey, completedOn, assignedOn, lastEventOn, [open+dueKey], [open+assignedOn], [leadUnitId+open]',
  consultations: 'id, requesterUnitId, *consultedUnitIds, dueOn, requestedOn',
  consultationReplies: 'id, consultationId, unitId',
  reconciliations: 'id, consultationId',
  upwardRequests: 'id, fromUnitId, toUnitId, dueOn, requestedOn',
  upwardAnswers: 'id, requestId',
  peers: 'siteId, role',
  syncImports: 'packageHash, from, [from+seq], status, completedAt',
  syncExports: 'id, to, [to+seq], createdAt',
  syncRejections: 'opId, status, importHash, [site+hlc]',
  syncConflicts: 'id, status, [entity+rowId], detectedAt',
  reports: 'id, issuedOn, cutOff',
  accountability: 'id, kind, recordedOn, subjectUnitId, subjectOfficialId',
};

function v7IndexRow(id: string, leadUnitId: string, percent: number): TaskIndexRow {
  return {
    id,
    title: `Nhiệm vụ ${id}`,
    directiveId: null,
    directiveRef: '',
    assignerUnitId: 'u-ubnd',
    assignerOfficialId: null,
    leadUnitId,
    supportUnitIds: [],
    unitIds: [leadUnitId],
    responsibleOfficialId: null,
    planYear: 2026,
    priority: 'normal',
    status: 'active',
    open: 1,
    originalDueOn: null,
    effectiveDueOn: null,
    dueKey: NO_DUE_KEY,
    completedOn: null,
    percent,
    pendingExtension: 0,
    assignedOn: '2026-03-02',
    lastEventOn: '2026-03-02',
    eventCount: 0,
    search: `nhiem vu ${id}`,
  };
}

describe('database migrations', () => {
  it('upgrades a version-1 database: units gain an empty list of fields and the new tables exist', async () => {
    const name = `mig-${Math.random()}`;
    // A database as version 1 of the app left it.
    const v1 = new Dexie(name);
    v1.version(1).stores({
      ops: 'id, hlc, [site+hlc], [entity+rowId]',
      audit: 'seq, id, hlc, [entity+rowId]',
      meta: 'key',
      settings: 'id',
      units: 'id, parentId, shortName',
      officials: 'id, fullName',
      posts: 'id, officialId, unitId',
    });
    await v1.open();
    await v1.table('units').bulkAdd([
      { id: 'u1', name: 'Ủy ban nhân dân xã Hòa An', shortName: 'UBND', parentId: null, _v: {}, _deleted: 0 },
      { id: 'u2', name: 'Phòng Kinh tế', shortName: 'PKT', parentId: 'u1', _v: {}, _deleted: 0 },
    ]);
    v1.close();

    const db = new DondocDb(name);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);
    const units = await db.units.orderBy('id').toArray();
    expect(units.map((u) => [u.id, u.name, u.fields])).toEqual([
      ['u1', 'Ủy ban nhân dân xã Hòa An', []],
      ['u2', 'Phòng Kinh tế', []],
    ]);
    await db.units.update('u2', { fields: ['Nông nghiệp', 'Xây dựng'] });
    expect((await db.units.where('fields').equals('Xây dựng').toArray()).map((u) => u.id)).toEqual(['u2']);
    expect(await db.calendarOverrides.count()).toBe(0);
    db.close();
    await Dexie.delete(name);
  });

  it('upgrades a version-7 database to 9: every table keeps its rows and indexes, the task index is read in full once, then from its packed snapshot', async () => {
    const name = `mig7-${Math.random()}`;
    const v7 = new Dexie(name);
    v7.version(7).stores(V7_STORES);
    await v7.open();
    // Index rows as v7 wrote them (some without the fields later versions added).
    const index = [v7IndexRow('t1', 'u-a', 10), v7IndexRow('t2', 'u-b', 20), v7IndexRow('t3', 'u-a', 30)];
    await v7.table('taskIndex').bulkAdd(index);
    await v7.table('tasks').bulkAdd(index.map((r) => ({ id: r.id, title: r.title, leadUnitId: r.leadUnitId, assignerUnitId: 'u-ubnd', directiveId: null, _v: {}, _deleted: 0 })));
    await v7.table('taskEvents').add({ id: 'e1', taskId: 't1', type: 'progress', percent: 10, _v: {}, _deleted: 0 });
    await v7.table('ops').add({ id: 'op1', hlc: '0001', site: 'vp', entity: 'tasks', rowId: 't1' });
    await v7.table('audit').add({ seq: 1, id: 'a1', hlc: '0001', entity: 'tasks', rowId: 't1' });
    await v7.table('meta').add({ key: 'siteId', value: 'vp' });
    await v7.table('reports').add({ id: 'r1', issuedOn: '2026-03-31', cutOff: '2026-03-31', _v: {}, _deleted: 0 });
    const before: Record<string, number> = {};
    for (const t of v7.tables) before[t.name] = await t.count();
    v7.close();

    const db = new DondocDb(name);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(9);
    for (const [table, n] of Object.entries(before)) expect(await db.table(table).count()).toBe(n);
    expect(await db.taskIndexPacks.count()).toBe(0);
    expect(await db.taskIndexDirty.count()).toBe(0);
    // The old indexes still answer.
    expect((await db.taskIndex.where('[leadUnitId+open]').equals(['u-a', 1]).primaryKeys()).sort()).toEqual(['t1', 't3']);
    expect((await db.taskEvents.where('taskId').equals('t1').toArray()).map((e) => e.id)).toEqual(['e1']);

    // First start after the upgrade: no snapshot, a full read; the mirror then writes one.
    let mirror = new TaskIndexMirror(db);
    await mirror.load();
    expect(mirror.lastLoad).toEqual({ source: 'full', tail: 0, reason: 'no snapshot' });
    await mirror.saveSnapshotIfStale();
    mirror.close();
    await db.taskIndex.put({ ...index[1], percent: 55 });
    mirror = new TaskIndexMirror(db);
    await mirror.load();
    expect(mirror.lastLoad).toEqual({ source: 'snapshot', tail: 1, reason: null });
    expect(mirror.get('t2')?.percent).toBe(55);
    expect([...(mirror.all() ?? [])].sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual([index[0], { ...index[1], percent: 55 }, index[2]]);
    expect((await readTaskIndex(db)).rows).toHaveLength(3);
    mirror.close();
    db.close();
    await Dexie.delete(name);
  });
});
