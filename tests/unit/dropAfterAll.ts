/** Databases a test file opens, closed and deleted once its tests are done. */
import Dexie from 'dexie';
import { afterAll } from 'vitest';

export function dropAfterAll(): <T extends Dexie>(db: T) => T {
  const opened: Dexie[] = [];
  afterAll(async () => {
    for (const db of opened) {
      db.close();
      await Dexie.delete(db.name);
    }
  });
  return (db) => {
    opened.push(db);
    return db;
  };
}
