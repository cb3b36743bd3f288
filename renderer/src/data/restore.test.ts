import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AppError } from '@shared/errors';
import { makeApi, type DondocApi } from '@shared/ipc/api';
import { createHandlers } from '../../../electron/main/handlers';
import { dispatch } from '../../../electron/main/ipc/dispatch';
import type { MainDeps } from '../../../electron/main/deps';
import Dexie from 'dexie';
import { olderIndexRow, openOlderDb } from '../../../tests/unit/olderDb';
import { DondocDb, STORES_V10, STORES_V9, type EntityRow } from './db';
import { countRows, dumpDatabase } from './dump';
import { entityRows, logOf } from './taskLogs';
import { verifyAuditChain, withWrites, type WriteContext } from './repository';
import { readTaskIndex, writeTaskIndexSnapshot } from '../features/tasks/data/indexSnapshot';
import { listTasks } from '../features/tasks/data/queries';
import { DEFAULT_TASK_SETTINGS } from '@shared/tasks/state';
import { backupLive, checkRestorable, type RestoreProgress, cleanupScratch, loadBackup, parseBackupBody, restoreDrill, restoreLoaded, SCRATCH_PREFIX } from './restore';

const ctx: WriteContext = { site: 'site-test', actor: 'lan.vt (Nông Thị Lan)', now: () => new Date('2026-11-29T03:00:00Z') };
const plenty = async () => ({ usage: 0, quota: 10 * 1024 ** 3 });


let root: string;
let api: DondocApi;
let picks: string[];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'dondoc-restore-'));
  picks = [];
  const deps: MainDeps = {
    dataDir: join(root, 'data'),
    dialogs: { pickSavePath: async () => null, pickOpenPath: async () => picks.shift() ?? null, pickFolder: async () => null },
    secretBox: { available: () => false, encrypt: (b) => b, decrypt: (b) => b },
    shell: { openPath: async () => undefined },
    now: () => new Date(),
    appVersion: '0.1.0',
    isElectron: false,
  };
  const table = await createHandlers(deps);
  api = makeApi((ch, req) => dispatch(table, () => true, ch, req, { senderUrl: 'app://dondoc/index.html', isTopFrame: true }));
  await api.call('auth:createFirstAdmin', { username: 'lan.vt', password: 'matkhau-an-toan', displayName: 'Nông Thị Lan' });
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function seeded(n = 30): Promise<DondocDb> {
  const db = new DondocDb(`restore-${Math.random()}`);
  await withWrites(db, ctx, ['settings', 'units', 'officials'], async (w) => {
    await w.set('settings', 'organisation', { authorityName: 'Ủy ban nhân dân xã Hòa An' }, 'Thiết lập', 'UBND xã Hòa An');
    for (let i = 0; i < n; i++) {
      await w.set('units', `u${i}`, { name: `Phòng số ${i}`, shortName: `P${i}`, parentId: null, fields: ['Giáo dục'] }, 'Thêm đơn vị', `Phòng số ${i}`);
      await w.set('officials', `o${i}`, { fullName: `Cán bộ ${i}` }, 'Thêm cán bộ', `Cán bộ ${i}`);
    }
  });
  return db;
}

async function snapshot(db: DondocDb): Promise<Record<string, unknown[]>> {
  return (await dumpDatabase(db.name)).tables;
}

async function openStored(fileName: string) {
  const opened = await api.call('backup:open', { source: 'stored', fileName });
  const { json } = await api.call('backup:body', { token: opened.token! });
  return { info: opened.info!, json };
}

async function expectRefused(p: Promise<unknown>, code: string, message: RegExp) {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
  expect((e as AppError).message).toMatch(message);
}

describe('restore', () => {
  it('backup → change data → restore: every table deep-equals the backup; the current data was backed up first', async () => {
    const live = await seeded();
    const before = await snapshot(live);
    const backup = await backupLive(api, live, 'manual');
    await withWrites(live, ctx, ['units'], async (w) => {
      await w.set('units', 'u1', { name: 'Phòng đã đổi tên' }, 'Sửa đơn vị', 'x');
      await w.set('units', 'u-new', { name: 'Phòng mới', shortName: 'PM', parentId: null, fields: [] }, 'Thêm đơn vị', 'y');
    });
    const changed = await snapshot(live);
    expect(changed).not.toEqual(before);

    const { info, json } = await openStored(backup.fileName);
    const loaded = await loadBackup(info, json);
    expect(loaded.officeName).toBe('Ủy ban nhân dân xã Hòa An');
    expect(loaded.chainBroken).toBeNull();
    const steps: RestoreProgress[] = [];
    const safety = await restoreLoaded({ api, live, loaded, jsonLength: json.length, estimate: plenty, onProgress: (p) => steps.push(p) });
    // The bar moves with the rows written, up to all of them.
    const rows = Object.values(loaded.counts).reduce((n, c) => n + c, 0);
    const writing = steps.filter((p) => p.step === 'Đang ghi dữ liệu khôi phục');
    expect(writing.map((p) => p.total)).toEqual(writing.map(() => rows));
    expect(writing.map((p) => p.done)).toEqual([...writing.map((p) => p.done)].sort((a, b) => a - b));
    expect(writing.length).toBeGreaterThan(2);
    expect(writing.at(-1)!.done).toBe(rows);
    expect(safety.reason).toBe('pre-restore');

    const after = await snapshot(live);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const t of Object.keys(before)) expect(after[t], t).toEqual(before[t]);
    expect(await verifyAuditChain(live)).toBeNull();
    // The pre-restore backup holds the changed data.
    const pre = await openStored(safety.fileName);
    expect(parseBackupBody(pre.json).tables).toEqual(changed);
    // No scratch database is left behind.
    const names = (await indexedDB.databases()).map((d) => d.name ?? '');
    expect(names.filter((n) => n.startsWith(SCRATCH_PREFIX))).toEqual([]);
  });

  it('leaves the packed task-index snapshot out of the backup; the restored index is read in full, then snapshotted again', async () => {
    const live = await seeded(2);
    await live.taskIndex.bulkPut([olderIndexRow('t1', 'u1', 10), olderIndexRow('t2', 'u1', 20)]);
    await writeTaskIndexSnapshot(live, await live.taskIndex.toArray());
    const backup = await backupLive(api, live, 'manual');
    // After the backup: a newer snapshot and a tail the restore must not keep.
    await live.taskIndex.put(olderIndexRow('t3', 'u1', 30));
    await writeTaskIndexSnapshot(live, await live.taskIndex.toArray());
    await live.taskIndex.put(olderIndexRow('t1', 'u1', 99));

    const { info, json } = await openStored(backup.fileName);
    const tables = Object.keys(parseBackupBody(json).tables);
    expect(tables).toContain('taskIndex');
    expect(tables).not.toContain('taskIndexPacks');
    expect(tables).not.toContain('taskIndexDirty');
    const loaded = await loadBackup(info, json);
    await restoreLoaded({ api, live, loaded, jsonLength: json.length, estimate: plenty });
    expect(await live.taskIndexPacks.count()).toBe(0);
    const read = await readTaskIndex(live);
    expect(read.source).toBe('full');
    expect(read.rows.map((r) => [r.id, r.percent]).sort()).toEqual([
      ['t1', 10],
      ['t2', 20],
    ]);
    await writeTaskIndexSnapshot(live, read.rows);
    expect((await readTaskIndex(live)).source).toBe('snapshot');
  });

  it('refuses a backup from a newer schema with a clear message, before anything changes', async () => {
    const live = await seeded(3);
    const dump = await dumpDatabase(live.name);
    const newer = { ...dump, idbVersion: 990 };
    expect(() => checkRestorable({ schemaVersion: 99, counts: {} }, newer)).toThrow(/phiên bản Đôn Đốc mới hơn.*cập nhật ứng dụng/);
    const info = { path: '', fileName: 'x.ddbak', bytes: 1, sha256: '0'.repeat(64), reason: 'manual' as const, createdAt: new Date().toISOString(), appVersion: '9.0.0', siteId: 's', schemaVersion: 99, counts: {}, authenticity: 'this-site' as const };
    const before = await snapshot(live);
    await expectRefused(loadBackup(info, JSON.stringify(newer)), 'invalid-file', /mới hơn/);
    expect(await snapshot(live)).toEqual(before);
  });

  it('refuses corrupt backups (flipped byte, truncated, damaged body) and leaves live data untouched', async () => {
    const live = await seeded(5);
    const backup = await backupLive(api, live, 'manual');
    await withWrites(live, ctx, ['units'], (w) => w.set('units', 'u1', { name: 'Sau sao lưu' }, 'Sửa', 'x'));
    const before = await snapshot(live);
    const bytes = await readFile(backup.path);
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(flipped.length * 0.7)] ^= 0x04;
    await writeFile(join(root, 'flipped.ddbak'), flipped);
    await writeFile(join(root, 'trunc.ddbak'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    picks.push(join(root, 'flipped.ddbak'), join(root, 'trunc.ddbak'));
    await expectRefused(api.call('backup:open', { source: 'pick' }), 'invalid-file', /mã kiểm tra/);
    await expectRefused(api.call('backup:open', { source: 'pick' }), 'invalid-file', /không đầy đủ/);
    // A body whose checksum matches but whose content is damaged (written by a broken build).
    const { info, json } = await openStored(backup.fileName);
    await expectRefused(loadBackup(info, json.slice(0, -3)), 'invalid-file', /không đọc được/);
    const dump = parseBackupBody(json);
    const missingKey = { ...dump, tables: { ...dump.tables, units: [...dump.tables.units, { name: 'không có khóa' }] } };
    await expectRefused(loadBackup({ ...info, counts: { ...info.counts, units: info.counts.units + 1 } }, JSON.stringify(missingKey)), 'invalid-file', /thiếu khóa/);
    const duplicate = { ...dump, tables: { ...dump.tables, units: [...dump.tables.units, dump.tables.units[0]] } };
    await expectRefused(loadBackup({ ...info, counts: { ...info.counts, units: info.counts.units + 1 } }, JSON.stringify(duplicate)), 'invalid-file', /trùng khóa/);
    // The seeding is one transaction, so one audit record (its entries inside): edit that record.
    const brokenChain = { ...dump, tables: { ...dump.tables, audit: dump.tables.audit.map((a, i) => (i === 0 ? { ...(a as object), summary: 'sửa tay' } : a)) } };
    expect((await loadBackup(info, JSON.stringify(brokenChain))).chainBroken).toEqual({ seq: 1, reason: 'Mục nhật ký số 1 đã bị sửa.' });
    await expectRefused(loadBackup({ ...info, counts: { ...info.counts, units: 999 } }, json), 'invalid-file', /không khớp/);
    expect(await snapshot(live)).toEqual(before);
  });

  it('restores a backup taken at schema 1 through the real migrations', async () => {
    const live = await seeded(2);
    const v1 = { database: 'dondoc', idbVersion: 10, tables: { ops: [], audit: [], meta: [], settings: [], units: [{ id: 'u1', name: 'Cũ', shortName: 'C', parentId: null, _v: {}, _deleted: 0 }], officials: [], posts: [] } };
    const info = { path: '', fileName: 'old.ddbak', bytes: 1, sha256: '0'.repeat(64), reason: 'pre-migration' as const, createdAt: new Date().toISOString(), appVersion: '0.0.1', siteId: 's', schemaVersion: 1, counts: { units: 1 }, authenticity: 'this-site' as const };
    const steps: RestoreProgress[] = [];
    const loaded = await loadBackup(info, JSON.stringify(v1), (p) => steps.push(p));
    // An older backup goes through the scratch copy; the bar follows its rows.
    expect(steps.filter((p) => p.step === 'Đang nạp bản sao lưu vào vùng thử').at(-1)).toEqual({ step: 'Đang nạp bản sao lưu vào vùng thử', done: 1, total: 1 });
    expect(loaded.tables.units).toEqual([{ id: 'u1', name: 'Cũ', shortName: 'C', parentId: null, _v: {}, _deleted: 0, fields: [] }]);
    expect(loaded.tables.calendarOverrides).toEqual([]);
    await restoreLoaded({ api, live, loaded, jsonLength: 100, estimate: plenty });
    expect(await live.units.toArray()).toEqual(loaded.tables.units);
    expect(await live.officials.count()).toBe(0);
  });

  it('restores a backup taken at schema 9 (events and steps one record each): they come back packed per task, every count checked', async () => {
    const live = await seeded(2);
    const name = `v9-${Math.random()}`;
    const v9 = await openOlderDb(name, 9, STORES_V9);
    const row = (id: string, values: Record<string, unknown>): EntityRow => ({ id, ...values, _v: {}, _deleted: 0 });
    const events = Array.from({ length: 45 }, (_, i) => row(`e${String(i).padStart(3, '0')}`, { taskId: `t${i % 7}`, type: 'progress', percent: i }));
    const steps = Array.from({ length: 9 }, (_, i) => row(`s${i}`, { taskId: `t${i % 3}`, title: `Bước ${i}`, order: i }));
    await v9.table('settings').add(row('organisation', { authorityName: 'UBND xã Cũ' }));
    await v9.table('tasks').bulkAdd(Array.from({ length: 7 }, (_, i) => row(`t${i}`, { title: `Nhiệm vụ ${i}` })));
    await v9.table('taskEvents').bulkAdd(events);
    await v9.table('taskSteps').bulkAdd(steps);
    v9.close();
    const dump = await dumpDatabase(name);
    await Dexie.delete(name);
    const info = { path: '', fileName: 'v9.ddbak', bytes: 1, sha256: '0'.repeat(64), reason: 'manual' as const, createdAt: new Date().toISOString(), appVersion: '0.9.0', siteId: 's', schemaVersion: 9, counts: countRows(dump), authenticity: 'this-site' as const };
    expect(info.counts).toMatchObject({ taskEvents: 45, taskSteps: 9 });
    const loaded = await loadBackup(info, JSON.stringify(dump));
    expect(loaded.tables.taskEvents).toBeUndefined();
    expect(loaded.counts.taskLogs).toBe(7);
    await restoreLoaded({ api, live, loaded, jsonLength: 100, estimate: plenty });
    const sorted = (rows: EntityRow[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(sorted(await entityRows(live, 'taskEvents'))).toEqual(events);
    expect(sorted(await entityRows(live, 'taskSteps'))).toEqual(steps);
    expect((await logOf(live, 't2')).steps.map((r) => r.id)).toEqual(['s2', 's5', 's8']);
    // The recorded counts of the dropped tables are checked against the rows moved into packs (so a wrong one is refused).
    await expectRefused(loadBackup({ ...info, counts: { ...info.counts, taskSteps: 10 } }, JSON.stringify(dump)), 'invalid-file', /không khớp/);
  });

  it('restores a backup taken at schema 10 (the task index with its secondary indexes): every row back, no index left, lists read it', async () => {
    const live = await seeded(2);
    const name = `v10-${Math.random()}`;
    const v10 = await openOlderDb(name, 10, STORES_V10);
    const row = (id: string, values: Record<string, unknown>): EntityRow => ({ id, ...values, _v: {}, _deleted: 0 });
    const index = ['t0', 't1', 't2'].map((id, i) => olderIndexRow(id, `u${i % 2}`, 10 * i));
    await v10.table('settings').add(row('organisation', { authorityName: 'UBND xã Cũ' }));
    await v10.table('tasks').bulkAdd(index.map((r) => row(r.id, { title: r.title, leadUnitId: r.leadUnitId })));
    await v10.table('taskIndex').bulkAdd(index);
    await v10.table('taskLogs').add({ taskId: 't1', events: [row('e1', { taskId: 't1', type: 'progress', percent: 10 })], steps: [], eventIds: ['e1'], stepIds: [] });
    v10.close();
    const dump = await dumpDatabase(name);
    await Dexie.delete(name);
    expect(dump.idbVersion).toBe(100);
    const info = { path: '', fileName: 'v10.ddbak', bytes: 1, sha256: '0'.repeat(64), reason: 'manual' as const, createdAt: new Date().toISOString(), appVersion: '0.9.0', siteId: 's', schemaVersion: 10, counts: countRows(dump), authenticity: 'this-site' as const };
    const loaded = await loadBackup(info, JSON.stringify(dump));
    await restoreLoaded({ api, live, loaded, jsonLength: 100, estimate: plenty });
    expect(await live.taskIndex.orderBy(':id').toArray()).toEqual(index);
    expect([...live.backendDB().transaction('taskIndex', 'readonly').objectStore('taskIndex').indexNames]).toEqual([]);
    expect((await logOf(live, 't1')).events.map((e) => e.id)).toEqual(['e1']);
    expect((await listTasks(live, { unitId: 'u0', unitRole: 'lead' }, { key: 'percent', direction: 'desc' }, '2026-03-31', DEFAULT_TASK_SETTINGS)).map((t) => t.id)).toEqual(['t2', 't0']);
  });

  it('refuses when storage is nearly full or the pre-restore backup fails, without changing anything', async () => {
    const live = await seeded(4);
    const backup = await backupLive(api, live, 'manual');
    await withWrites(live, ctx, ['units'], (w) => w.set('units', 'u0', { name: 'Đổi' }, 'Sửa', 'x'));
    const before = await snapshot(live);
    const { info, json } = await openStored(backup.fileName);
    const loaded = await loadBackup(info, json);
    await expectRefused(
      restoreLoaded({ api, live, loaded, jsonLength: json.length, estimate: async () => ({ usage: 990 * 1024 ** 2, quota: 1024 ** 3 }) }),
      'storage',
      /Không đủ dung lượng/,
    );
    await api.call('auth:logout', {});
    await expectRefused(restoreLoaded({ api, live, loaded, jsonLength: json.length, estimate: plenty }), 'not-authorised', /đăng nhập/);
    expect(await snapshot(live)).toEqual(before);
  });

  it('drill: restores the newest backup into a scratch database, verifies it and leaves live data alone', async () => {
    const live = await seeded(6);
    await backupLive(api, live, 'daily');
    const before = await snapshot(live);
    const report = await restoreDrill(api);
    expect(report.ok).toBe(true);
    expect(report.chainBroken).toBeNull();
    expect(report.counts.find((c) => c.table === 'units')).toEqual({ table: 'units', expected: 6, actual: 6 });
    expect(await snapshot(live)).toEqual(before);
    await cleanupScratch();
    expect((await indexedDB.databases()).some((d) => d.name?.startsWith(SCRATCH_PREFIX))).toBe(false);
  });
});

describe('audit chain tamper detection', () => {
  it('detects an edit of any field of any stored audit entry made directly in IndexedDB', async () => {
    const db = await seeded(4);
    // One audit record per transaction: a few more transactions give the chain several links.
    for (let i = 0; i < 3; i++) await withWrites(db, ctx, ['units'], (w) => w.set('units', `u${i}`, { name: `Phòng đổi tên ${i}` }, 'Sửa đơn vị', `Phòng đổi tên ${i}`));
    const entries = await db.audit.orderBy('seq').toArray();
    expect(entries.length).toBe(4);
    expect(await verifyAuditChain(db)).toBeNull();
    const fields = ['id', 'hlc', 'at', 'actor', 'action', 'entity', 'rowId', 'summary', 'before', 'after', 'prevHash', 'hash'] as const;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: entries.length - 1 }), fc.constantFrom(...fields), fc.string({ minLength: 1, maxLength: 8 }), async (i, field, junk) => {
        const original = entries[i];
        const current = original[field];
        const tampered =
          field === 'before' || field === 'after' ? { ...((current as Record<string, unknown> | null) ?? {}), [`x${junk}`]: junk } : `${String(current)}${junk}`;
        // Straight into IndexedDB, bypassing the repository, as a person with a profile editor would.
        await new Promise<void>((resolve, reject) => {
          const req = indexedDB.open(db.name);
          req.onsuccess = () => {
            const idb = req.result;
            const tx = idb.transaction('audit', 'readwrite');
            tx.objectStore('audit').put({ ...original, [field]: tampered });
            tx.oncomplete = () => {
              idb.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
          req.onerror = () => reject(req.error);
        });
        const broken = await verifyAuditChain(db);
        await db.audit.put(original);
        expect(broken).not.toBeNull();
        // The first broken link is the edited entry, or (a rewritten hash) the one after it.
        expect([original.seq, original.seq + 1]).toContain(broken!.seq);
        expect(broken!.reason).toMatch(/Mục nhật ký số \d+/);
        expect(await verifyAuditChain(db)).toBeNull();
      }),
      { numRuns: 60 },
    );
    // An entry carried inside a transaction's record (`more`) is covered by the record's hash.
    const packed = entries[0];
    expect(packed.more?.length).toBeGreaterThan(0);
    await db.audit.put({ ...packed, more: packed.more!.map((e, i) => (i === 0 ? { ...e, actor: 'kẻ giả mạo' } : e)) });
    expect(await verifyAuditChain(db)).toEqual({ seq: packed.seq, reason: `Mục nhật ký số ${packed.seq} đã bị sửa.` });
    await db.audit.put(packed);
    // A deleted entry is reported as missing.
    await db.audit.delete(2);
    expect(await verifyAuditChain(db)).toEqual({ seq: 2, reason: 'Thiếu mục nhật ký số 2.' });
  });
});
