import Dexie from 'dexie';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeApi } from '@shared/ipc/api';
import { createHandlers } from '../../../electron/main/handlers';
import { dispatch } from '../../../electron/main/ipc/dispatch';
import { decodeBackup } from '../../../electron/main/backup/backupFile';
import type { MainDeps } from '../../../electron/main/deps';
import { SCHEMA_VERSION } from './db';
import { openDatabase } from './open';
import type { DatabaseDump } from './dump';

async function realApi() {
  const dataDir = await mkdtemp(join(tmpdir(), 'dondoc-open-'));
  const deps: MainDeps = {
    dataDir,
    dialogs: { pickSavePath: async () => null, pickOpenPath: async () => null, pickFolder: async () => null },
    secretBox: { available: () => false, encrypt: (b) => b, decrypt: (b) => b },
    shell: { openPath: async () => undefined },
    now: () => new Date('2026-11-29T03:00:00Z'),
    appVersion: 'test',
    isElectron: false,
  };
  const table = await createHandlers(deps);
  const api = makeApi((channel, request) => dispatch(table, () => true, channel, request, { senderUrl: 'app://dondoc/', isTopFrame: true }));
  return { api, dataDir };
}

describe('opening the database', () => {
  it('writes a complete backup outside the profile before migrating an older schema', async () => {
    const name = `open-${Math.random()}`;
    const old = new Dexie(name);
    old.version(1).stores({ ops: 'id', audit: 'seq', meta: 'key', settings: 'id', units: 'id, parentId, shortName', officials: 'id, fullName', posts: 'id' });
    await old.open();
    await old.table('units').bulkAdd([
      { id: 'u1', name: 'Ủy ban nhân dân xã Hòa An', _v: {}, _deleted: 0 },
      { id: 'u2', name: 'Phòng Kinh tế', _v: {}, _deleted: 0 },
    ]);
    await old.table('officials').add({ id: 'o1', fullName: 'Hoàng Văn Đức', _v: {}, _deleted: 0 });
    old.close();

    const { api, dataDir } = await realApi();
    const { db, migratedFrom } = await openDatabase(api, name);
    expect(migratedFrom).toBe(1);
    expect(db.verno).toBe(SCHEMA_VERSION);

    const files = await readdir(join(dataDir, 'backups'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/pre-migration\.ddbak$/);
    const { header, body } = decodeBackup(await readFile(join(dataDir, 'backups', files[0])));
    expect(header).toMatchObject({ schemaVersion: 1, reason: 'pre-migration', counts: { units: 2, officials: 1, ops: 0 } });
    const dump = JSON.parse(body) as DatabaseDump;
    expect(dump.idbVersion).toBe(10);
    expect(dump.tables.units).toEqual([
      { id: 'u1', name: 'Ủy ban nhân dân xã Hòa An', _v: {}, _deleted: 0 },
      { id: 'u2', name: 'Phòng Kinh tế', _v: {}, _deleted: 0 },
    ]);
    db.close();

    // Opening again at the current version takes no further backup.
    const again = await openDatabase(api, name);
    expect(again.migratedFrom).toBeNull();
    expect(await readdir(join(dataDir, 'backups'))).toHaveLength(1);
    again.db.close();
  });

  it('takes no backup for a brand-new database', async () => {
    const { api, dataDir } = await realApi();
    const { db, migratedFrom } = await openDatabase(api, `fresh-${Math.random()}`);
    expect(migratedFrom).toBeNull();
    await expect(readdir(join(dataDir, 'backups'))).rejects.toThrow();
    db.close();
  });
});
