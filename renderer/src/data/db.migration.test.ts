import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { formatHlc } from '@shared/data/hlc';
import type { Op } from '@shared/data/ops';
import { chainOps, EMPTY_HEAD } from '@shared/sync/authorship';
import { olderIndexRow, openOlderDb } from '../../../tests/unit/olderDb';
import { DondocDb, migrationTuning, SCHEMA_VERSION, STORES_V10, STORES_V7, STORES_V9, type AuditEntry, type EntityRow } from './db';
import { auditHash, GENESIS_HASH, verifyAuditChain, withWrites } from './repository';
import { OWN_CHAIN_KEY, CHAIN_HEADS_KEY, rendererHasher } from './chain';
import { countOps, MAX_SEGMENT_OPS, opsOf, readAllOps, storedOpIds } from './opLog';
import { opsNotAcknowledged } from '../features/sync/data/exportPackage';

import { readTaskIndex } from '../features/tasks/data/indexSnapshot';
import { entityRows, logOf, rowStore, NO_TASK } from './taskLogs';
import { TaskIndexMirror } from '../features/tasks/data/indexMirror';


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

  it('moves a version-7 op log into segments: every op kept, per author, chains and audit intact', async () => {
    const name = `mig7-${Math.random()}`;
    const op = (site: string, millis: number, i: number): Op => ({
      id: `${site}-${String(i).padStart(6, '0')}`,
      site,
      hlc: formatHlc({ millis, counter: 0, node: site }),
      entity: 'units',
      rowId: `u-${site}-${i % 7}`,
      kind: 'set',
      values: { name: `Đơn vị ${i}` },
      actor: 'admin (Quản trị)',
    });
    const t0 = Date.parse('2026-03-01T00:00:00Z');
    // This site's own chain, longer than one segment; a peer's proven chain; a third site's ops
    // received before proven authorship (no seq); this site's local-only settings op (no seq).
    const own = chainOps(Array.from({ length: MAX_SEGMENT_OPS + 37 }, (_, i) => op('vp', t0 + i * 10, i)), EMPTY_HEAD, rendererHasher);
    const peer = chainOps(Array.from({ length: 40 }, (_, i) => op('xa-a', t0 + i * 10 + 3, i)), EMPTY_HEAD, rendererHasher);
    const legacy = Array.from({ length: 12 }, (_, i) => op('xa-b', t0 + i * 10 + 5, i));
    const local: Op = { ...op('vp', t0 + 7, 999_999), entity: 'settings', rowId: 'organisation', values: { authorityName: 'UBND tỉnh' } };
    const all = [...own.ops, ...peer.ops, ...legacy, local];
    const audit: AuditEntry[] = [];
    let prevHash = GENESIS_HASH;
    for (let seq = 1; seq <= 5; seq++) {
      const base = { seq, id: `a${seq}`, hlc: all[seq].hlc, at: '2026-03-01T00:00:00.000Z', actor: 'admin (Quản trị)', action: 'Sửa đơn vị', entity: 'units', rowId: all[seq].rowId, summary: `Lần ${seq}`, before: null, after: { n: seq }, prevHash };
      const entry: AuditEntry = { ...base, hash: auditHash(base) };
      audit.push(entry);
      prevHash = entry.hash;
    }
    const v7 = new Dexie(name);
    v7.version(7).stores(STORES_V7);
    await v7.open();
    await v7.table('ops').bulkAdd(all);
    await v7.table('audit').bulkAdd(audit);
    await v7.table('meta').bulkPut([
      { key: OWN_CHAIN_KEY, value: own.head },
      { key: CHAIN_HEADS_KEY, value: { 'xa-a': { head: peer.head, checkpoint: { site: 'xa-a', seq: peer.head.seq, head: peer.head.hash, key: 'k', signature: 's' } } } },
      { key: 'auditHead', value: { seq: 5, hash: prevHash } },
    ]);
    v7.close();

    const db = new DondocDb(name);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);
    expect(db.tables.map((t) => t.name)).not.toContain('ops');
    expect(db.backendDB().objectStoreNames.contains('ops')).toBe(false);
    // Every op, unchanged, in a handful of records.
    const byId = (a: Op, b: Op) => (a.id < b.id ? -1 : 1);
    expect((await readAllOps(db)).sort(byId)).toEqual([...all].sort(byId));
    expect(await countOps(db)).toBe(all.length);
    const segments = await db.opSegments.toArray();
    expect(segments.length).toBeLessThanOrEqual(6);
    for (const seg of segments) {
      expect(new Set(seg.ops.map((o) => o.site))).toEqual(new Set([seg.site]));
      expect(new Set(seg.ops.map((o) => o.seq === undefined)).size).toBe(1);
      expect(seg.count).toBe(seg.ops.length);
      expect(seg.count).toBeLessThanOrEqual(MAX_SEGMENT_OPS);
    }
    expect((await opsOf(db, 'vp')).map((o) => o.id)).toEqual([...own.ops, local].sort((a, b) => (a.hlc < b.hlc ? -1 : 1)).map((o) => o.id));
    // Export reads ranges: a peer that acknowledged the 30th op of xa-a and nothing of vp.
    const lacking = await opsNotAcknowledged(db, { 'xa-a': peer.ops[29].hlc }, 'vp');
    expect(lacking.filter((o) => o.site === 'xa-a').map((o) => o.seq)).toEqual([31, 32, 33, 34, 35, 36, 37, 38, 39, 40]);
    expect(lacking.filter((o) => o.site === 'vp')).toHaveLength(own.ops.length);
    // Import's "already held": the proven chains by position, the unproven third-site ops by id.
    const heads = new Map([
      ['vp', own.head],
      ['xa-a', peer.head],
    ]);
    const probe = [peer.ops[3], { ...legacy[4], seq: 5, prevHash: 'a'.repeat(64) }, { ...op('xa-b', t0 + 99_999, 77), seq: 13, prevHash: 'b'.repeat(64) }];
    expect([...(await storedOpIds(db, probe, heads, new Set()))].sort()).toEqual([peer.ops[3].id, legacy[4].id].sort());
    // The audit chain is untouched and continues; so does this site's op chain.
    expect(await db.audit.orderBy('seq').toArray()).toEqual(audit);
    expect(await verifyAuditChain(db)).toBeNull();
    await withWrites(db, { site: 'vp', actor: 'admin (Quản trị)' }, ['units'], async (w) => {
      await w.set('units', 'u-new', { name: 'Phòng mới' }, 'Thêm đơn vị', 'Phòng mới');
      await w.set('units', 'u-new-2', { name: 'Phòng mới 2' }, 'Thêm đơn vị', 'Phòng mới 2');
    });
    const [after] = await db.audit.where('seq').above(5).toArray();
    expect([after.seq, after.prevHash, after.more?.length]).toEqual([6, prevHash, 1]);
    expect(await verifyAuditChain(db)).toBeNull();
    const mine = await opsOf(db, 'vp');
    expect(mine.slice(-2).map((o) => o.seq)).toEqual([own.head.seq + 1, own.head.seq + 2]);
    expect(await db.opSegments.count()).toBe(segments.length + 1);
    db.close();
    await Dexie.delete(name);
  });

  it('moves a version-7 op log page by page: segments of one author from different pages overlap, every read still finds its ops', async () => {
    const name = `mig7p-${Math.random()}`;
    const t0 = Date.parse('2026-03-01T00:00:00Z');
    // Ids out of hlc order across authors, so pages cut each author's run in several places.
    const make = (site: string, n: number, offset: number) =>
      chainOps(
        Array.from({ length: n }, (_, i): Op => ({ id: `${String((i * 7919 + offset) % 1000).padStart(4, '0')}-${site}`, site, hlc: formatHlc({ millis: t0 + i * 10 + offset, counter: 0, node: site }), entity: 'units', rowId: `u-${i}`, kind: 'set', values: { name: `Đơn vị ${i}` }, actor: 'admin (Quản trị)' })),
        EMPTY_HEAD,
        rendererHasher,
      );
    const a = make('xa-a', 30, 1);
    const b = make('xa-b', 25, 2);
    const v7 = new Dexie(name);
    v7.version(7).stores(STORES_V7);
    await v7.open();
    await v7.table('ops').bulkAdd([...a.ops, ...b.ops]);
    const cp = (site: string, head: { seq: number; hash: string }) => ({ site, seq: head.seq, head: head.hash, key: 'k', signature: 's' });
    await v7.table('meta').put({ key: CHAIN_HEADS_KEY, value: { 'xa-a': { head: a.head, checkpoint: cp('xa-a', a.head) }, 'xa-b': { head: b.head, checkpoint: cp('xa-b', b.head) } } });
    v7.close();
    const page = migrationTuning.opsPage;
    migrationTuning.opsPage = 7;
    const db = new DondocDb(name);
    try {
      await db.open();
    } finally {
      migrationTuning.opsPage = page;
    }
    expect(await countOps(db)).toBe(55);
    expect(await db.opSegments.count()).toBeGreaterThan(8);
    expect((await opsOf(db, 'xa-a')).map((o) => o.seq)).toEqual(a.ops.map((o) => o.seq));
    const lacking = await opsNotAcknowledged(db, { 'xa-a': a.ops[19].hlc, 'xa-b': b.ops[23].hlc }, 'vp');
    expect(lacking.map((o) => `${o.site}:${o.seq}`)).toEqual([...a.ops.slice(20), ...b.ops.slice(24)].sort((x, y) => (x.hlc < y.hlc ? -1 : 1)).map((o) => `${o.site}:${o.seq}`));
    const heads = new Map([['xa-a', { seq: 10, hash: 'x', hlc: a.ops[9].hlc }]]);
    const probe = [a.ops[25], a.ops[12], b.ops[3]];
    expect([...(await storedOpIds(db, probe, heads, new Set()))].sort()).toEqual(probe.map((o) => o.id).sort());
    db.close();
    await Dexie.delete(name);
  });

  it('upgrades a version-7 database to the current schema: every table keeps its rows and indexes, the task index is read in full once, then from its packed snapshot', async () => {
    const name = `mig7-${Math.random()}`;
    const v7 = new Dexie(name);
    v7.version(7).stores(STORES_V7);
    await v7.open();
    // Index rows as v7 wrote them (some without the fields later versions added).
    const index = [olderIndexRow('t1', 'u-a', 10), olderIndexRow('t2', 'u-b', 20), olderIndexRow('t3', 'u-a', 30)];
    await v7.table('taskIndex').bulkAdd(index);
    await v7.table('tasks').bulkAdd(index.map((r) => ({ id: r.id, title: r.title, leadUnitId: r.leadUnitId, assignerUnitId: 'u-ubnd', directiveId: null, _v: {}, _deleted: 0 })));
    await v7.table('taskEvents').add({ id: 'e1', taskId: 't1', type: 'progress', percent: 10, _v: {}, _deleted: 0 });
    await v7.table('audit').add({ seq: 1, id: 'a1', hlc: '0001', entity: 'tasks', rowId: 't1' });
    await v7.table('meta').add({ key: 'siteId', value: 'vp' });
    await v7.table('reports').add({ id: 'r1', issuedOn: '2026-03-31', cutOff: '2026-03-31', _v: {}, _deleted: 0 });
    const before: Record<string, number> = {};
    // The op log has its own test above (v8 moves it into segments).
    for (const t of v7.tables) if (t.name !== 'ops') before[t.name] = await t.count();
    v7.close();

    const db = new DondocDb(name);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(11);
    for (const [table, n] of Object.entries(before)) expect((await entityRows(db, table)).length).toBe(n);
    expect(await db.taskIndexPacks.count()).toBe(0);
    expect(await db.taskIndexDirty.count()).toBe(0);
    // The index rows answer by key (v11 keeps no other index on them: the mirror filters).
    expect((await db.taskIndex.bulkGet(['t1', 't3'])).map((r) => r?.leadUnitId)).toEqual(['u-a', 'u-a']);
    expect((await logOf(db, 't1')).events.map((e) => e.id)).toEqual(['e1']);

    // First start after the upgrade: no snapshot, a full read; the mirror then writes one.
    let mirror = new TaskIndexMirror(db);
    await mirror.load();
    expect(mirror.lastLoad).toEqual({ source: 'full', tail: 0, reason: 'no snapshot', early: false });
    await mirror.saveSnapshotIfStale();
    mirror.close();
    await db.taskIndex.put({ ...index[1], percent: 55 });
    mirror = new TaskIndexMirror(db);
    await mirror.load();
    expect(mirror.lastLoad).toEqual({ source: 'snapshot', tail: 1, reason: null, early: false });
    expect(mirror.get('t2')?.percent).toBe(55);
    expect([...(mirror.all() ?? [])].sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual([index[0], { ...index[1], percent: 55 }, index[2]]);
    expect((await readTaskIndex(db)).rows).toHaveLength(3);
    mirror.close();
    db.close();
    await Dexie.delete(name);
  });

  it('packs a version-9 database\'s events and steps per task (page by page): every row kept once, found by task and by id, written through the one write path after', async () => {
    const name = `mig9-${Math.random()}`;
    const v9 = await openOlderDb(name, 9, STORES_V9);
    const row = (id: string, values: Record<string, unknown>): EntityRow => ({ id, ...values, _v: Object.fromEntries(Object.keys(values).map((k) => [k, `0001-${id}`])), _deleted: 0 });
    const tasks = Array.from({ length: 1200 }, (_, i) => `t${String(i).padStart(5, '0')}`);
    // Ids in time order, not grouped by task (as UUIDv7 ids are): each task's rows spread over every page.
    const events: EntityRow[] = [];
    const steps: EntityRow[] = [];
    for (let k = 0; k < 6; k++) for (const [i, t] of tasks.entries()) events.push(row(`e${String(k * tasks.length + i).padStart(6, '0')}`, { taskId: t, type: 'progress', on: '2026-03-02', percent: k * 10 }));
    for (const [i, t] of tasks.entries()) if (i % 3 === 0) steps.push(row(`s${String(i).padStart(6, '0')}`, { taskId: t, title: `Bước ${i}`, order: 0, done: false, responsibleOfficialId: 'o1' }));
    events[5] = { ...events[5], _deleted: 1 };
    // A step whose creating op never arrived: no task id.
    steps.push(row('s-orphan', { done: true }));
    await v9.table('tasks').bulkAdd(tasks.map((t) => row(t, { title: t, assignerUnitId: 'u-ubnd', leadUnitId: 'u-a' })));
    await v9.table('taskEvents').bulkAdd(events);
    await v9.table('taskSteps').bulkAdd(steps);
    v9.close();

    const tuning = { ...migrationTuning };
    migrationTuning.rowsPage = 997;
    migrationTuning.packsPage = 101;
    const db = new DondocDb(name);
    try {
      await db.open();
    } finally {
      Object.assign(migrationTuning, tuning);
    }
    expect(db.verno).toBe(SCHEMA_VERSION);
    expect(db.tables.map((t) => t.name)).not.toContain('taskEvents');
    expect(db.tables.map((t) => t.name)).not.toContain('taskSteps');
    // One record per task (and one for rows without a task), every row once, unchanged.
    expect(await db.taskLogs.count()).toBe(tasks.length + 1);
    const byId = (rows: EntityRow[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(byId(await entityRows(db, 'taskEvents'))).toEqual(byId(events));
    expect(byId(await entityRows(db, 'taskSteps'))).toEqual(byId(steps));
    expect((await logOf(db, tasks[7])).events.map((e) => e.percent).sort()).toEqual([0, 10, 20, 30, 40, 50]);
    expect((await db.taskLogs.get(NO_TASK))?.steps.map((r) => r.id)).toEqual(['s-orphan']);
    expect(await rowStore(db, 'taskSteps').get(steps[4].id)).toEqual(steps[4]);
    expect(await rowStore(db, 'taskEvents').get(events[5].id)).toEqual(events[5]);

    // After the upgrade, a write by id lands in its task's pack; a new event joins its task's.
    await db.meta.put({ key: 'siteId', value: 'vp' });
    const ctx = { site: 'vp', actor: 'admin (Quản trị)' };
    const newEvent = await withWrites(db, ctx, ['taskSteps', 'taskEvents'], async (w) => {
      await w.set('taskSteps', steps[4].id, { done: true }, 'Cập nhật bước thực hiện', 'Bước');
      return (await w.insert('taskEvents', 'e-new', { taskId: tasks[7], type: 'progress', on: '2026-03-03', percent: 70 }, 'Báo cáo tiến độ', 'Nhiệm vụ')).id;
    });
    const pack = (await db.taskLogs.get(String(steps[4].taskId)))!;
    expect(pack.steps.find((r) => r.id === steps[4].id)).toMatchObject({ done: true, title: steps[4].title });
    expect((await logOf(db, tasks[7])).events.map((e) => e.id)).toContain(newEvent);
    expect((await db.taskLogs.filter((l) => l.eventIds.includes(newEvent)).primaryKeys())).toEqual([tasks[7]]);
    expect(await db.taskLogs.count()).toBe(tasks.length + 1);
    expect((await db.audit.toArray()).map((a) => a.rows)).toEqual([[`taskSteps/${steps[4].id}`, 'taskEvents/e-new']]);
    expect(await verifyAuditChain(db)).toBeNull();
    db.close();
    await Dexie.delete(name);
  });

  it('upgrades a version-10 database: the task index, the tasks and the task packs lose the indexes nothing reads, every row and the keys written since the snapshot are kept, and both are read and written as before', async () => {
    const name = `mig10-${Math.random()}`;
    const v10 = await openOlderDb(name, 10, STORES_V10);
    const index = [olderIndexRow('t1', 'u-a', 10), olderIndexRow('t2', 'u-b', 20), olderIndexRow('t3', 'u-a', 30), { ...olderIndexRow('t4', 'u-a', 100), status: 'completed' as const, open: 0 as const, completedOn: '2026-03-20' }];
    await v10.table('taskIndex').bulkAdd(index);
    await v10.table('tasks').bulkAdd(index.map((r) => ({ id: r.id, title: r.title, leadUnitId: r.leadUnitId, assignerUnitId: 'u-ubnd', directiveId: r.leadUnitId === 'u-a' && r.open === 1 ? 'd-1' : null, _v: {}, _deleted: 0 })));
    const e1: EntityRow = { id: 'e1', taskId: 't1', type: 'progress', percent: 10, _v: {}, _deleted: 0 };
    const s1: EntityRow = { id: 's1', taskId: 't1', title: 'Bước 1', done: false, _v: {}, _deleted: 0 };
    await v10.table('taskLogs').add({ taskId: 't1', events: [e1], steps: [s1], eventIds: ['e1'], stepIds: ['s1'] });
    // A tail record (a write since the last snapshot) as v10 left it: it survives (only indexes are dropped).
    await v10.table('taskIndexDirty').add({ id: 'd1', keys: ['t2'] });
    const before: Record<string, unknown[]> = {};
    for (const t of v10.tables) before[t.name] = await t.toArray();
    expect(v10.table('taskIndex').schema.indexes.length).toBe(15);
    v10.close();

    const db = new DondocDb(name);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);
    for (const [table, rows] of Object.entries(before)) expect(await db.table(table).toArray()).toEqual(rows);
    // The stored object store itself has no index left (not only Dexie's declaration).
    const store = db.backendDB().transaction('taskIndex', 'readonly').objectStore('taskIndex');
    expect([...store.indexNames]).toEqual([]);
    expect(store.keyPath).toBe('id');
    expect(db.taskIndex.schema.indexes).toEqual([]);
    // Tasks keep the one index read (an edited directive's tasks); the other two are gone.
    expect([...db.backendDB().transaction('tasks', 'readonly').objectStore('tasks').indexNames]).toEqual(['directiveId']);
    // Task packs keep the steps' index (a step is changed by its id alone); events are found through their task.
    expect([...db.backendDB().transaction('taskLogs', 'readonly').objectStore('taskLogs').indexNames]).toEqual(['stepIds']);
    expect(await rowStore(db, 'taskEvents').get('e1', 't1')).toEqual(e1);
    expect(await rowStore(db, 'taskEvents').get('e1')).toEqual(e1);
    expect(await rowStore(db, 'taskSteps').get('s1')).toEqual(s1);
    expect((await db.tasks.where('directiveId').equals('d-1').primaryKeys()).sort()).toEqual(['t1', 't3']);
    // Reads filter the mirror: the lead unit's open tasks, and its tasks newest first.
    const mirror = new TaskIndexMirror(db);
    await mirror.load();
    try {
      expect(mirror.lastLoad?.source).toBe('full');
      expect((mirror.all() ?? []).filter((r) => r.leadUnitId === 'u-a' && r.open === 1).map((r) => r.id).sort()).toEqual(['t1', 't3']);
      // A write after the upgrade still records its key for the next snapshot (the dirty-record middleware).
      await db.taskIndex.put({ ...index[2], percent: 35 });
      expect((await db.taskIndexDirty.toArray()).flatMap((d) => d.keys).sort()).toEqual(['t2', 't3']);
      await mirror.settled();
      expect(mirror.get('t3')?.percent).toBe(35);
    } finally {
      mirror.close();
    }
    db.close();
    await Dexie.delete(name);
  });
});
