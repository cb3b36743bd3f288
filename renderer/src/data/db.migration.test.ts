import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { DondocDb, SCHEMA_VERSION } from './db';

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
});
